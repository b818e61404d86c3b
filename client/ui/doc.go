// Package ui is Arena's Ebiten front end: the only package in the module that
// imports Ebiten, so the server, the bots and the client core build without
// cgo or a display.
//
// A Game (an ebiten.Game) shows one scene at a time behind a tiny interface
// (scene.go):
//
//   - title: type a name (Backspace erases, Enter joins); shows the server URL
//     and the controls.
//   - connecting: client.DialMatched (the server's /match, then the
//     WebSocket it names) runs in a goroutine with a timeout while Update
//     polls for its result, so Update never blocks; Esc cancels.
//   - play: each Update turns the keyboard, mouse and gamepad into one
//     game.Input and tells the session (client.Session.Update, which makes
//     one input per server tick and predicts it at once), then takes the
//     players to draw (others interpolated, the local player predicted),
//     drains the session's events into tracers, hit markers, a kill feed
//     and chat lines, and follows the local player with a camera clamped to
//     the map. Tab (held) shows the scoreboard; Enter opens the chat line;
//     F3 (or N) shows the net graph (netgraph.go, its numbers from
//     model.NetGraph): RTT and jitter, snapshots a second and their gaps,
//     bytes a second down and up, interpolation delay and starvation,
//     prediction checks and corrections, and the inputs the server has not
//     consumed yet. The local player's own shot is drawn and heard when it
//     is fired (the session predicts it); the server's account of it a
//     round trip later only adds a hit marker and a hit sound when it hit.
//     Others' shots sound quieter, and fainter with distance. M mutes.
//   - failure: says why the server could not be reached or why it closed the
//     connection (close code and reason); Enter goes back to the title.
//
// Following Ebiten's examples, Update turns raw input into domain values
// (input.go) and steps state, Draw only draws, and Layout returns the fixed
// logical size ScreenWidth x ScreenHeight (Ebiten scales it to the window or
// the browser canvas). Update runs once per rendered frame
// (ebiten.SyncWithFPS, see Run): the session paces the inputs itself, so a
// key press is seen on the next frame whatever the display's rate. Hence
// everything that must not depend on the frame rate goes by the clock:
// tracers, hit markers, the kill feed and chat lines age by the same
// instant the session shows players at, key repeat and blinking by time.
//
// # Sound
//
// sound.go plays the sounds package model makes (short noise and tone
// bursts synthesized as 16-bit PCM, no asset files) through
// ebiten/v2/audio. Ebiten's audio ends the game when it cannot open a
// device (ebiten.RunGame returns oto's error), which is what a machine
// without a sound card does, so the audio context is made only after
// package sounddevice, in a goroutine, has opened the device oto would
// open the way oto would; without one the game is silent, the help line
// says "no sound device" and the log says why, once. Config.Mute (the
// -mute flag, ?mute=1) starts silent and opens nothing until M unmutes.
// In a browser the context only starts after a key press or click
// (autoplay rules); sounds before then are dropped, not queued.
//
// Config.OnDraw tells a watcher what each frame drew (a Frame): the
// browser build publishes it for the end-to-end test with ?probe=1.
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
// (keys_js.go) latches Enter, Escape, Backspace, F3 and M so none is missed.
// client/cmd/gameclient derives the server URL from the page.
package ui
