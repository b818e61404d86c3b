// Package server is Arena's authoritative game server: rooms that each run a
// fixed-tick game.World, the WebSocket connections of their players, the
// join rule, and a thin HTTP adapter.
//
// # Architecture
//
// A Server holds rooms in a RoomDirectory. A WebSocket connection (conn.go)
// is read by the HTTP handler's goroutine through coder/websocket until
// Hello; the reader then reserves a seat (the fullest room with a free seat,
// a new room when all are full), and once the player has joined it hands the
// socket to its room (conn_poll.go): the descriptor leaves Go's network
// poller, the handler goroutine returns, and from then on the room reads it
// with one non-blocking read at the start of every snapshot tick
// (room_poll.go), parsing frames itself (wsread.go). Each player's inputs go to its
// own inputBuffer (inputbuffer.go) with a jitter buffer; joins, leaves and
// chat go through bounded channels.
//
// A Room (room.go) is one goroutine that owns its World, in the style of
// Nakama's match handler: on every tick of a drift-free fixed-step scheduler
// (scheduler.go), aligned across rooms, it reads its sockets (on snapshot
// ticks), drains its channels, gives the World each player's inputs for the tick (0 to 4 of
// them as the player's credit allows: none holds the player, several catch
// up after a stall, and each input is simulated exactly once), steps the
// World, and every TickRate/SnapshotRate ticks captures the World into a
// ring of frames (room_snapshots.go) and writes each member a Snapshot: a
// delta against the last one that member's writer took, with the events
// since it (room_events.go). The write is one non-blocking write(2) of a
// frame built by wsframe.go (sendqueue.go's direct path); what does not fit
// goes to the connection's writer goroutine, which keeps only the latest
// unsent snapshot and a small bounded queue of reliable messages. A client
// that cannot keep up is closed with netcode.CloseSlowConsumer. A room ends
// when its last player leaves.
//
// Every bad input closes only its sender, with the close code of
// netcode's table and a reason, is logged and counted in Metrics.
//
// # Close codes
//
// The server closes connections with these codes (see netcode/closecode.go
// and docs/protocol.md, which gives every reason):
//
//	1000 the client sent Leave ("bye")
//	1001 server shutting down
//	1002 a frame that breaks RFC 6455 (after Hello, from the server's own frame reader)
//	1003 a text frame
//	1009 a message over netcode.MaxClientFrame ("message over 4096 bytes")
//	1011 the server could not seat the player
//	1013 the server is shutting down and refuses new connections
//	4000 an undecodable or out-of-range message (reason: the DecodeError's)
//	4001 a valid message at the wrong time (Inputs before Hello, a second
//	     Hello, inputs that skip seqs, an ack of a snapshot never sent)
//	4002 Hello.Version is not netcode.Version, or the client offered no
//	     subprotocol (one that offers only others gets HTTP 400)
//	4003 the client does not read its messages in time (slow consumer), or
//	     missed events the server no longer has
//	4004 no Hello within Config.HelloTimeout
//
// A foreign Origin gets HTTP 403 at the handshake. A client that never reads
// may not see its 4003: once its socket buffers are full the close frame
// cannot be written either, and the connection is cut.
//
// # Concurrency
//
// Server and Room methods may be called concurrently. Only a Room's goroutine
// touches its World. Metrics are atomic and may be read at any time.
package server
