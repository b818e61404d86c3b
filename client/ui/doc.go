// Package ui is Arena's Ebiten front end: the only package in the module that
// imports Ebiten, so the server, the bots and the client core build without
// cgo or a display.
//
// A Game (an ebiten.Game) shows one scene at a time behind a tiny interface
// (scene.go):
//
//   - title: type a name (Backspace erases, Enter joins); shows the server URL
//     and the controls.
//   - connecting: client.Dial runs in a goroutine with a timeout while Update
//     polls for its result, so Update never blocks; Esc cancels.
//   - play: each Update turns the keyboard, mouse and gamepad into one
//     game.Input and sends it (one per tick), drains the session's events into
//     tracers, a kill feed and chat lines, and follows the local player with a
//     camera clamped to the map. Tab (held) shows the scoreboard; Enter opens
//     the chat line.
//   - failure: says why the server could not be reached or why it closed the
//     connection (close code and reason); Enter goes back to the title.
//
// Following Ebiten's examples, Update turns raw input into domain values
// (input.go) and steps state, Draw only draws, and Layout returns the fixed
// logical size ScreenWidth x ScreenHeight (Ebiten scales it to the window or
// the browser canvas). Tracers, the kill feed and chat lines age by the clock
// (the same instant the session interpolates players at), so they last as
// long when a slow machine cannot keep 60 updates a second.
//
// The logic that needs no display (input mapping, name entry, scoreboard
// order, effect fading, camera clamping, error wording, the server URL) lives
// in package client/ui/model, which does not import Ebiten and has the unit
// tests. This package has none: on Linux, Ebiten needs an X display as soon
// as it is initialized, so even a test binary that only links it fails
// without one (the end-to-end tests run the client under xvfb-run).
//
// # Concurrency
//
// A Game is driven by Ebiten's goroutine only. The client.Session it talks to
// may be used concurrently; the dial goroutine hands its result over a channel.
//
// # WASM
//
// The package builds for GOOS=js GOARCH=wasm; Ebiten creates the canvas in the
// page. Ebiten samples key state once per frame, so a key pressed and
// released within one frame is lost; in the browser a keydown listener
// (keys_js.go) latches Enter, Escape and Backspace so none is missed.
// client/cmd/gameclient derives the server URL from the page.
package ui
