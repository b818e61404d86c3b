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
	MaxRoomBytes   = 32 // Hello.Room, Welcome.RoomID
	MaxMapBytes    = 64 // Welcome.Map
	MaxTokenBytes  = 32
	MaxChatBytes   = 200
	MaxInputWindow = 16 // inputs in one Inputs message
	MaxPlayers     = 64 // players in one snapshot
	MaxShots       = 256
	MaxEvents      = 256
	MaxErrorBytes  = 256
)

// Codes of the Error message, which reports a problem that does not end the
// session. Clients show Error.Message; the code is for logs and tests.
const (
	ErrorRateLimited uint16 = 1 // the message was dropped: sent too fast (chat)
	ErrorRejected    uint16 = 2 // the message was valid but refused (e.g. chat while muted)
)

// Element counts of the nested arrays (see docs/protocol.md).
const (
	inputFrameFields  = 6  // [seq, client_tick, move_x, move_y, aim, buttons]
	playerStateFields = 14 // [id, x, y, vx, vy, aim, health, flags, respawn, cooldown, protect, kills, deaths, score]
	shotFields        = 7  // [tick, shooter, target, from_x, from_y, to_x, to_y]
	eventFields       = 4  // [kind, player, other, name]
)

// PositionScale is the fixed-point scale of positions and velocities on the
// wire: value = round(units * PositionScale). It equals game.QuantumPerUnit so
// the wire is lossless for the World's state.
const PositionScale = 16
