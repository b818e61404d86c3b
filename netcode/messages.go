package netcode

import "arena/game"

// The wire messages. Every message is a msgpack array whose first element is
// its MsgType; docs/protocol.md has the exact element order, types and units.

// Hello is the first message a client sends.
type Hello struct {
	Version     uint16
	Name        string // <= MaxNameBytes
	Room        string // room id wish, "" = any; <= MaxRoomBytes
	ResumeToken []byte // empty for a new session; <= MaxTokenBytes
}

// InputFrame is one tick of input with its sequence number.
type InputFrame struct {
	Seq        uint32 // increases by 1 per client tick, starting at 1
	ClientTick uint32 // the client's estimate of the server tick it was made for
	Input      game.Input
}

// Inputs carries the client's most recent inputs, oldest first, newest last,
// repeating earlier ones so a lost message costs nothing.
type Inputs struct {
	AckTick    uint32 // tick of the last snapshot the client received
	RenderTick uint32 // server tick the client was rendering others at (0 = unknown)
	N          int    // number of valid Frames, 1..MaxInputWindow
	Frames     [MaxInputWindow]InputFrame
}

// Window returns the valid frames.
func (m *Inputs) Window() []InputFrame { return m.Frames[:m.N] }

// Ping asks for a Pong; ClientTime is opaque to the server and echoed back.
type Ping struct{ ClientTime uint64 }

// Chat is a line of chat from the client.
type Chat struct{ Text string }

// Welcome answers Hello.
type Welcome struct {
	PlayerID     game.PlayerID
	RoomID       string
	Map          string // map name, e.g. "arena" (the client has the same maps)
	TickRate     uint16
	SnapshotRate uint16
	ServerTick   uint32
	ResumeToken  []byte
}

// Player flag bits in PlayerState.Flags.
const (
	FlagAlive     uint8 = 1 << 0
	FlagProtected uint8 = 1 << 1
)

// PlayerState is one player in a snapshot. Positions and velocities are fixed
// point at PositionScale.
type PlayerState struct {
	ID            game.PlayerID
	X, Y          int32
	VX, VY        int32
	Aim           uint16
	Health        uint8
	Flags         uint8
	RespawnTicks  uint16
	CooldownTicks uint16
	ProtectTicks  uint16
	Kills, Deaths uint16
	Score         int16
}

// Shot is a hitscan shot fired since the previous snapshot.
type Shot struct {
	Tick                   uint32
	Shooter                game.PlayerID
	Target                 game.PlayerID // 0 = missed
	FromX, FromY, ToX, ToY int32         // fixed point at PositionScale
}

// Snapshot is the state one client receives. Players and Shots may alias a
// shared Frame's slices on the server; decoders reuse their capacity.
type Snapshot struct {
	Tick    uint32
	AckSeq  uint32 // Seq of the last input the server applied for the receiver (0 = none)
	Players []PlayerState
	Shots   []Shot
}

// Pong answers Ping.
type Pong struct {
	ClientTime uint64
	ServerTick uint32
}

// ChatFrom relays a chat line to everyone in the room.
type ChatFrom struct {
	From game.PlayerID
	Text string
}

// EventKind says what a reliable Event is.
type EventKind uint8

// Reliable event kinds.
const (
	EventJoin  EventKind = 1 // Player joined (Name set); also sent for everyone present after Welcome
	EventLeave EventKind = 2 // Player left
	EventKill  EventKind = 3 // Player (killer) killed Other (victim)
)

// Event is a reliable, ordered room event.
type Event struct {
	Kind   EventKind
	Player game.PlayerID
	Other  game.PlayerID
	Name   string // EventJoin only; <= MaxNameBytes
}

// Events is a batch of reliable events.
type Events struct{ Events []Event }

// Error tells the client something went wrong without closing (e.g. chat too
// fast); fatal problems are close codes instead.
type Error struct {
	Code    uint16
	Message string
}

// ClientMessage is a decoded client -> server message: Type says which field is set.
type ClientMessage struct {
	Type  MsgType
	Hello Hello
	Input Inputs
	Ping  Ping
	Chat  Chat
}

// ServerMessage is a decoded server -> client message: Type says which field is set.
type ServerMessage struct {
	Type     MsgType
	Welcome  Welcome
	Snapshot Snapshot
	Pong     Pong
	Chat     ChatFrom
	Events   Events
	Error    Error
}
