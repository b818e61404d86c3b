// Package model is the part of the Arena UI that needs no display: turning
// device state into the player's intent (movement vector, aim angle, key
// repeat), name and chat entry rules, scoreboard order, the lifetimes and
// fading of tracers, kill feed and chat lines, camera clamping, the words
// for a failed connection, and the server URL a page or a flag gives.
//
// Package ui reads Ebiten's input and draws; it keeps its state in these
// types. This package does not import Ebiten (which needs a display as soon
// as it is initialized), so its tests run anywhere.
//
// # Concurrency
//
// Values are owned by one goroutine (Ebiten's); nothing here is shared.
package model
