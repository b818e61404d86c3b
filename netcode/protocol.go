package netcode

// Protocol identity. A client offers Subprotocol in the WebSocket handshake
// and repeats Version in Hello; the server refuses anything else.
const (
	Version     = 3
	Subprotocol = "arena.v3"
)

// MsgType is the first element of every message array. A receiver ignores a
// well-formed message of a type it does not know (forward compatibility), so
// later versions may add types without breaking older peers.
type MsgType uint8

// Client -> server message types.
const (
	MsgHello MsgType = 1
	MsgInput MsgType = 2
	MsgPing  MsgType = 3
	MsgChat  MsgType = 4
	MsgLeave MsgType = 5
)

// Server -> client message types. 18 (Pong), 19 (ChatFrom) and 20 (Events)
// were protocol 1's; in protocol 2 they ride the Snapshot and are not used.
const (
	MsgWelcome  MsgType = 16
	MsgSnapshot MsgType = 17
	MsgError    MsgType = 21
)

// Limits every decoder enforces before allocating. Peers that exceed them are
// closed with CloseBadMessage.
const (
	MaxClientFrame  = 4096 // bytes in one client -> server WebSocket message
	MaxServerFrame  = 1 << 20
	MaxNameBytes    = 64 // Hello.Name (UTF-8); the game further cuts to 16 runes
	MaxRoomBytes    = 32 // Hello.Room, Welcome.RoomID
	MaxMapBytes     = 64 // Welcome.Map
	MaxModeBytes    = 32 // Welcome.Mode
	MaxTokenBytes   = 32
	MaxChatBytes    = 200
	MaxErrorBytes   = 256
	MaxInputWindow  = 16   // inputs in one Inputs message
	MaxPlayers      = 64   // players in a Welcome roster and in a snapshot
	MaxRules        = 32   // Welcome.Rules entries
	MaxRuleName     = 32   // bytes of a rule's name
	MaxKinds        = 16   // entity kind blocks in one snapshot
	MaxUpdateInts   = 2048 // integers in one kind block's update stream
	MaxEvents       = 256  // events in one snapshot
	MaxSteps        = 255  // input steps in one snapshot: the longest baseline gap
	MaxMessageDepth = 8    // nesting of arrays in a message a receiver skips
)

// Codes of the Error message, which reports a problem that does not end the
// session. Clients show Error.Message; the code is for logs and tests.
const (
	ErrorRateLimited uint16 = 1 // the message was dropped: sent too fast (chat)
	ErrorRejected    uint16 = 2 // the message was valid but refused (e.g. chat while muted)
)

// RuleResumeGraceTicks names the Welcome rule that says how long, in
// server ticks, the server keeps a dropped player's seat for a resume
// with Welcome's resume token (0: it does not).
const RuleResumeGraceTicks = "resume_grace_ticks"

// Element counts of the fixed-size arrays (see docs/protocol.md).
const (
	inputFields    = 5  // [move_x, move_y, aim, buttons, render_lag]
	welcomeFields  = 13 // [16, player_id, room_id, map, mode, tick_rate, snapshot_rate, server_tick, token, view_w, view_h, rules, roster], then optional room_flags and match
	snapshotFields = 6  // [17, tick, baseline, own, entities, events]

	maxMessageFields = 255 // elements of any message array, the type included
)

// PositionScale is the fixed-point scale of exact positions and velocities
// (your own player's): value = round(units * PositionScale). It equals
// game.QuantumPerUnit, so the wire is lossless for the World's state.
const PositionScale = 16

// RemoteScale is the fixed-point scale of other entities' positions: half a
// world unit, which is invisible once drawn and keeps a moving player's
// per-snapshot change within a one-byte msgpack integer.
const RemoteScale = 2
