// Package client is the Arena client core without any rendering: it dials a
// game server, says Hello, sends inputs at the tick rate, receives snapshots
// and events, and measures the network. The Ebiten UI (package client/ui), the
// headless bots (client/bot) and tests all use a Session.
//
// # Session
//
// Dial returns a Session once the server has answered Hello with Welcome.
// From then on one reader goroutine reads every server message into one
// reused buffer and applies each snapshot to a netcode.View (a delta against
// the snapshot before it). It keeps the last few states with the local time
// each arrived (for interpolation), the players' names (from Welcome's roster
// and join events), a bounded queue of Events (shots, kills, joins, leaves,
// chat) that DrainEvents empties, and the network Stats. A ping goroutine
// sends a Ping about every second; the pong rides the next snapshot with the
// time the server held it, which gives an RTT sample (smoothed with weight
// 1/8) and re-anchors the estimate of the server's current tick.
//
// SendInput stamps each input with the next sequence number (from 1) and the
// render lag, logs it, and every Options.InputBatch inputs (by default the
// ticks per snapshot) wakes the writer goroutine, which sends every input not
// yet written in one Inputs message, each input exactly once (the WebSocket
// is reliable). SendInput never waits on the network. Writes are bounded by
// a watchdog timer.
//
// Players shows others two snapshot intervals in the past, interpolated
// between the two snapshots around that moment (never extrapolated; a jump
// longer than a player can move, such as a respawn, is not smoothed), and the
// local player at its latest server state.
//
// # Errors
//
// A close by the server, during Dial or later, is a *CloseError carrying the
// close code (netcode's close-code table) and reason. Other failures are
// wrapped errors that name the URL ("connect ws://...: ..."). Session.Err is
// nil after a clean Close.
//
// # Concurrency
//
// All Session methods may be called concurrently. The Session owns three
// goroutines (reader, writer, ping); all stop when the connection ends, and
// Close waits for them.
//
// # WASM
//
// The package builds for GOOS=js GOARCH=wasm: coder/websocket uses the
// browser's WebSocket there, so Dial must be given a ws:// or wss:// URL. The
// browser chooses the handshake's HTTP details; only the subprotocol is set.
package client
