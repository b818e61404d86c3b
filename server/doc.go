// Package server is Arena's authoritative game server: rooms that each run a
// fixed-tick game.World, the WebSocket connections of their players, the
// join rule, and a thin HTTP adapter.
//
// # Architecture
//
// A Server holds rooms in a RoomDirectory. A WebSocket connection (conn.go)
// has one reader goroutine (the HTTP handler's) and one writer goroutine. The
// reader waits for Hello, reserves a seat (the fullest room with a free seat,
// a new room when all are full) and then forwards inputs and chat to the room
// through bounded channels; it answers Ping itself.
//
// A Room (room.go) is one goroutine that owns its World, in the style of
// Nakama's match handler: on every tick of a drift-free fixed-step scheduler
// (scheduler.go) it drains its channels once, applies at most one input per
// player, steps the World, and every TickRate/SnapshotRate ticks captures the
// World once into a netcode.Frame and encodes a Snapshot per client. The tick
// never blocks on a socket: a connection's writer (sendqueue.go) keeps only
// the latest unsent snapshot (derp's "freshest wins") and a small bounded queue
// of reliable messages; a client that cannot keep up is closed with
// netcode.CloseSlowConsumer. A room ends when its last player leaves.
//
// Every bad input closes only its sender, with the close code of
// netcode's table and a reason, is logged and counted in Metrics.
//
// # Close codes
//
// The server closes connections with these codes (see netcode/closecode.go
// and docs/protocol.md):
//
//	1000 the client sent Leave
//	1001 server shutting down
//	1003 a text frame
//	1009 a frame over netcode.MaxClientFrame (sent by coder/websocket itself)
//	1013 the server is shutting down and refuses new connections
//	4000 an undecodable or out-of-range message (reason: the DecodeError's)
//	4001 a valid message at the wrong time (Input before Hello, a second Hello)
//	4002 Hello.Version is not netcode.Version, or the client did not offer
//	     the netcode.Subprotocol (the handshake succeeds without a
//	     subprotocol, then the server closes with 4002 and a reason naming
//	     the required one)
//	4003 the client does not read its messages in time (slow consumer)
//	4004 no Hello within Config.HelloTimeout
//
// A client that never reads may not see its 4003: once its socket buffers are
// full the close frame cannot be written either, and the connection is cut.
//
// # Concurrency
//
// Server and Room methods may be called concurrently. Only a Room's goroutine
// touches its World. Metrics are atomic and may be read at any time.
package server
