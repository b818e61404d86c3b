package client

import "arena/netcode"

// CloseCode is the code a server closed the connection with
// (CloseError.Code); docs/protocol.md lists every one.
type CloseCode = netcode.CloseCode

// The close codes a game tells its player apart.
const (
	CloseNormal          = netcode.CloseNormal          // Leave, or a clean end
	CloseGoingAway       = netcode.CloseGoingAway       // the server is shutting down
	CloseTryAgainLater   = netcode.CloseTryAgainLater   // full, or shutting down during the handshake
	CloseBadMessage      = netcode.CloseBadMessage      // the server could not decode a message
	CloseVersionMismatch = netcode.CloseVersionMismatch // this client's protocol version is not the server's
	CloseSlowConsumer    = netcode.CloseSlowConsumer    // the client did not read in time
	CloseIdleTimeout     = netcode.CloseIdleTimeout     // the client sent nothing within the idle timeout
	CloseResumeRefused   = netcode.CloseResumeRefused   // the seat expired (or the token was not valid): join again
	CloseReplaced        = netcode.CloseReplaced        // the seat was resumed on another connection
	CloseNoSuchRoom      = netcode.CloseNoSuchRoom      // Options.Room names no room (a wrong or expired code)
	CloseRoomFull        = netcode.CloseRoomFull        // Options.Room names a room with no free seat
)

// Limits of what a player sends, in bytes of UTF-8.
const (
	MaxNameBytes = netcode.MaxNameBytes
	MaxRoomBytes = netcode.MaxRoomBytes // Options.Room
	MaxChatBytes = netcode.MaxChatBytes
)
