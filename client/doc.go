// Package client is the Arena client core without any rendering: it dials a
// game server, says Hello, sends inputs at the tick rate, receives snapshots
// and events, and measures the network. The Ebiten UI (package client/ui), the
// headless bots (client/bot) and tests all use a Session.
//
// # WASM
//
// The package builds for GOOS=js GOARCH=wasm: coder/websocket uses the
// browser's WebSocket there, so Dial must be given a ws:// or wss:// URL.
package client
