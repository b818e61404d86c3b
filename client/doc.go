// Package client is the Arena client core without any rendering: it dials a
// game server, says Hello, sends inputs at the tick rate, receives snapshots
// and events, and measures the network. The Ebiten UI (package client/ui), the
// headless bots (client/bot) and tests all use a Session.
//
// # Session
//
// Dial returns a Session once the server has answered Hello with Welcome.
// From then on one reader goroutine decodes every server message and keeps:
// the last few snapshots with the local time each arrived (for
// interpolation), the players' names (from join/leave events), a bounded queue
// of Events (shots, kills, joins, leaves, chat) that DrainEvents empties, and
// the network Stats. A ping goroutine sends a Ping every second; each Pong
// gives an RTT sample (smoothed with weight 1/8) and re-anchors the estimate
// of the server's current tick.
//
// SendInput stamps each input with the next sequence number (from 1) and the
// estimated server tick and sends it with up to five inputs before it, so a
// lost message costs nothing. Writes are serialized and bounded by a timeout.
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
// All Session methods may be called concurrently. The Session owns two
// goroutines (reader, ping); both stop when the connection ends, and Close
// waits for them.
//
// # WASM
//
// The package builds for GOOS=js GOARCH=wasm: coder/websocket uses the
// browser's WebSocket there, so Dial must be given a ws:// or wss:// URL. The
// browser chooses the handshake's HTTP details; only the subprotocol is set.
package client
