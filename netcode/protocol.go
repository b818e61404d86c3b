package netcode

// Protocol identity. A client offers Subprotocol in the WebSocket handshake
// and repeats Version in Hello; the server refuses anything else.
const (
	Version     = 1
	Subprotocol = "arena.v1"
)

// MsgType is the first element of every message array.
type MsgType uint8

// Client -> server message types.
const (
	MsgHello MsgType = 1
	MsgInput MsgType = 2
	MsgPing  MsgType = 3
	MsgChat  MsgType = 4
	MsgLeave MsgType = 5
)

// Server -> client message types.
const (
	MsgWelcome  MsgType = 16
	MsgSnapshot MsgType = 17
	MsgPong     MsgType = 18
	MsgChatFrom MsgType = 19
	MsgEvents   MsgType = 20
	MsgError    MsgType = 21
)

// Limits every decoder enforces before allocating. Peers that exceed them are
// closed with CloseBadMessage.
const (
	MaxClientFrame = 4096 // bytes in one client -> server WebSocket message
	MaxServerFrame = 1 << 20
	MaxNameBytes   = 64 // Hello.Name (UTF-8); the game further cuts to 16 runes
	MaxRoomBytes   = 32
	MaxTokenBytes  = 32
	MaxChatBytes   = 200
	MaxInputWindow = 16 // inputs in one Inputs message
	MaxPlayers     = 64 // players in one snapshot
	MaxShots       = 256
	MaxEvents      = 256
	MaxErrorBytes  = 256
)

// PositionScale is the fixed-point scale of positions and velocities on the
// wire: value = round(units * PositionScale). It equals game.QuantumPerUnit so
// the wire is lossless for the World's state.
const PositionScale = 16
