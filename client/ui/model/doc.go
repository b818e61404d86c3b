// Package model is the part of the Arena UI that needs no display: turning
// device state into the player's intent (movement vector, aim angle, key
// repeat by the clock, touch sticks), the menus (focus, hover, click and
// tap, what each button asks for: menu.go, menus.go, lobby.go), the
// player's settings and where they are kept (settings*.go), mapping the
// window's device pixels to the logical screen (viewport.go), name, room
// code and chat entry rules, scoreboard order, which
// shots make tracers and which hit markers, which events make which sound
// (and the sounds themselves, synthesized PCM), the lifetimes and fading of
// effects, kill feed and chat lines, camera clamping, the words for a
// failed connection, the server URL and flags a page or a command line
// gives, and the net graph's numbers: rates from the session's counters
// over a second, the recent snapshot gaps (read out of the session's
// histograms), and their text.
//
// Package ui reads Ebiten's input and draws; it keeps its state in these
// types. This package does not import Ebiten (which needs a display as soon
// as it is initialized), so its tests run anywhere.
//
// # Concurrency
//
// Values are owned by one goroutine (Ebiten's); nothing here is shared.
package model
