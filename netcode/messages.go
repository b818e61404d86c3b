package netcode

import "arena/game"

// The wire messages. Every message is a msgpack array whose first element is
// its MsgType; docs/protocol.md has the exact element order, types and units.

// Hello is the first message a client sends.
type Hello struct {
	Version     uint16
	Name        string // <= MaxNameBytes
	Room        string // room id or code to join exactly, "" = quick play; <= MaxRoomBytes
	ResumeToken []byte // empty for a new session; <= MaxTokenBytes
	// Flags are HelloPrivate and reserved bits (receivers ignore them). On
	// the wire an optional sixth element, omitted when 0.
	Flags uint8
}

// Hello flag bits.
const (
	// HelloPrivate asks for a new private room with a fresh code; Room
	// must then be "".
	HelloPrivate uint8 = 1 << 0
)

// InputFrame is one tick of input with its sequence number.
type InputFrame struct {
	Seq uint32 // increases by 1 per client tick, starting at 1
	// RenderTick is the server tick the client was drawing the other
	// players at when it made this input (for lag compensation); 0 when
	// the client had no snapshot yet.
	RenderTick uint32
	Input      game.Input
}

// Inputs carries a run of consecutive inputs, oldest first: on the wire the
// first seq, then the inputs, so seqs cannot have gaps inside a message.
type Inputs struct {
	AckTick uint32 // tick of the newest snapshot the client has received
	N       int    // number of valid Frames, 1..MaxInputWindow
	Frames  [MaxInputWindow]InputFrame
}

// Window returns the valid frames.
func (m *Inputs) Window() []InputFrame { return m.Frames[:m.N] }

// Ping asks for a Pong (which rides the next Snapshot); ClientTime is opaque
// to the server and echoed back.
type Ping struct{ ClientTime uint64 }

// Chat is a line of chat from the client.
type Chat struct{ Text string }

// Rule is one constant of the game mode a client needs to simulate its
// player exactly, in the unit docs/protocol.md gives for its name.
type Rule struct {
	Name  string // <= MaxRuleName
	Value int64
}

// RosterEntry names one player present when the client joined.
type RosterEntry struct {
	ID   game.PlayerID
	Name string // <= MaxNameBytes
}

// Welcome answers Hello.
type Welcome struct {
	PlayerID     game.PlayerID
	RoomID       string
	Map          string // map name, e.g. "arena": GET /maps/<Map>.json on the server
	Mode         string // game mode, e.g. "arena"; selects the movement and weapon rules
	TickRate     uint16
	SnapshotRate uint16
	ServerTick   uint32
	ResumeToken  []byte
	// ViewWidth and ViewHeight are the size of the area around your player
	// whose entities you are sent (interest management), in world units.
	ViewWidth, ViewHeight uint16
	Rules                 []Rule        // the mode's constants
	Roster                []RosterEntry // everyone in the room, you included
	// RoomFlags are RoomPrivate and reserved bits (receivers ignore them).
	// On the wire the 14th element, omitted (with Match) when 0
	// and there is no Match.
	RoomFlags uint8
	// Match is the room's match cycle now (match.go); nil when the room
	// plays one endless match. On the wire the 15th element, omitted
	// when nil.
	Match *Match
}

// Welcome room flag bits.
const (
	// RoomPrivate: the room is private. Its RoomID is its code: joined by
	// that code only, never by quick play, never listed.
	RoomPrivate uint8 = 1 << 0
)

// Player flag bits in PlayerState.Flags and RemotePlayer.Flags. Other bits
// are reserved: receivers ignore them.
const (
	FlagAlive     uint8 = 1 << 0
	FlagProtected uint8 = 1 << 1
	// FlagBot marks a player the server's AI drives, not a person; it
	// never changes while the player is in the room.
	FlagBot uint8 = 1 << 2
	// FlagRocket: the player holds the rocket launcher (else the blaster).
	FlagRocket uint8 = 1 << 3
)

// PlayerState is a player's exact state, as its owner receives it: positions
// and velocities fixed point at PositionScale. Aim is not sent to the owner
// (it is the aim of the owner's own input) and is kept only on the server.
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
	// Weapon is the game.Weapon held; Ammo the rockets left.
	Weapon, Ammo uint8
}

// RemotePlayer is another player as a client sees it: position at
// RemoteScale, aim in 1/256 turn, no velocity and no private timers.
type RemotePlayer struct {
	ID            game.PlayerID
	X, Y          int32 // 1/RemoteScale unit
	Aim           uint8 // 1/256 turn
	Health        uint8
	Flags         uint8
	Kills, Deaths uint16
	Score         int16
}

// Groups of the own section of a Snapshot: bits of OwnUpdate.Mask. A full
// snapshot carries OwnFull; a delta only the groups that changed (see
// docs/protocol.md for what an absent group means).
const (
	OwnPos    uint8 = 1 << 0 // x, y: absolute (full) or change since the baseline
	OwnVel    uint8 = 1 << 1 // vx, vy: absolute
	OwnVitals uint8 = 1 << 2 // health, flags
	OwnTimers uint8 = 1 << 3 // respawn_ticks, cooldown_ticks, protect_ticks; absent: counting down
	OwnScore  uint8 = 1 << 4 // kills, deaths, score
	OwnInputs uint8 = 1 << 5 // ack_seq and, in a delta, one step per tick; absent: one input each tick
	OwnPong   uint8 = 1 << 6 // client_time, hold_us: the answer to your latest Ping
	// OwnArms: weapon, ammo. Absent from a full snapshot: the blaster and
	// no rockets, so a full snapshot of an unarmed player is as in v2.
	OwnArms uint8 = 1 << 7

	OwnFull = OwnPos | OwnVel | OwnVitals | OwnTimers | OwnScore | OwnInputs
)

// OwnUpdate is the own section of a Snapshot as it is on the wire.
type OwnUpdate struct {
	Mask          uint8
	X, Y          int32 // OwnPos
	VX, VY        int32 // OwnVel
	Health, Flags uint8 // OwnVitals
	RespawnTicks  uint16
	CooldownTicks uint16
	ProtectTicks  uint16 // OwnTimers
	Kills, Deaths uint16
	Score         int16 // OwnScore
	Weapon, Ammo  uint8 // OwnArms
	// AckSeq is the seq of the newest of the owner's inputs the server had
	// consumed (simulated, or dropped by a full queue or the jitter
	// buffer's trim) once it stepped to the snapshot's tick; 0 = none yet.
	AckSeq uint32 // OwnInputs
	// Steps has one entry per tick after the baseline, oldest first (none
	// in a full snapshot): how many of the owner's inputs that tick
	// consumed. 0 = none was queued, so the player was held (nothing
	// simulated, never a repeat); 1 = one; k > 1 = k, caught up after a
	// hold (or dropped). They add up: AckSeq = the previous AckSeq + the
	// sum of the steps.
	Steps []uint32 // OwnInputs
	Pong  Pong     // OwnPong
}

// Pong answers a Ping inside a Snapshot.
type Pong struct {
	ClientTime uint64 // the Ping's client_time, unchanged
	HoldMicros uint32 // microseconds the server held the Ping before this snapshot
}

// Entity kinds: the kind blocks of a Snapshot. Receivers skip kinds they do
// not know.
const (
	KindPlayer     uint8 = 1
	KindProjectile uint8 = 2 // rockets in your view (entities.go)
	KindPickup     uint8 = 3 // every pickup of the map
)

// Groups of a player entity update: the low bits of PlayerUpdate.Mask.
// Mask 0 means the entity left your view; PlayerEnter means it entered and
// every field follows, absolute.
const (
	PlayerGone   uint8 = 0
	PlayerPos    uint8 = 1 << 0 // x, y change since the baseline
	PlayerAim    uint8 = 1 << 1 // aim change since the baseline, mod 256
	PlayerVitals uint8 = 1 << 2 // health, flags
	PlayerScore  uint8 = 1 << 3 // kills, deaths, score
	PlayerEnter  uint8 = 1 << 4 // x, y, aim, health, flags, kills, deaths, score, all absolute

	playerChangeMask = PlayerPos | PlayerAim | PlayerVitals | PlayerScore
)

// PlayerUpdate is one entry of the player kind block as it is on the wire.
type PlayerUpdate struct {
	ID   game.PlayerID
	Mask uint8
	X, Y int32 // enter: absolute; PlayerPos: change (1/RemoteScale unit)
	Aim  uint8 // enter: absolute
	DAim int8  // PlayerAim: change mod 256
	// Health, Flags, Kills, Deaths and Score are absolute when present.
	Health, Flags uint8
	Kills, Deaths uint16
	Score         int16
}

// EventKind says what an Event is. Receivers skip kinds they do not know.
type EventKind uint8

// Event kinds.
const (
	EventJoin  EventKind = 1 // Player joined; Text is its name
	EventLeave EventKind = 2 // Player left
	EventKill  EventKind = 3 // Player (killer) killed Other (victim)
	EventShot  EventKind = 4 // Player fired from (FromX, FromY) to (ToX, ToY); Other is who was hit, 0 = missed
	EventChat  EventKind = 5 // Player said Text (0 = the server)
	// EventMatch: the match entered a new phase, Match says which (a new
	// map when a countdown's Match.Map differs); Player is 0.
	EventMatch EventKind = 10
	// EventExplosion: Player's rocket Item exploded at (FromX, FromY);
	// Other is the player it hit directly, 0 = none.
	EventExplosion EventKind = 6
	// EventPickup: Player took pickup Item, of kind ItemKind.
	EventPickup EventKind = 7
)

// Event is something that happened in the room, delivered exactly once and
// in order inside the snapshots.
type Event struct {
	Kind          EventKind
	Tick          uint32 // the tick it happened at
	Player, Other game.PlayerID
	Text          string // join: the name (<= MaxNameBytes); chat: the line (<= MaxChatBytes)
	// FromX, FromY, ToX, ToY are a shot's muzzle and the point where the
	// ray stopped, at RemoteScale.
	FromX, FromY, ToX, ToY int32
	// Match is a match event's record (shared, read-only once added).
	Match *Match
	// Item is an explosion's projectile id or a pickup event's pickup id;
	// ItemKind a pickup event's game.PickupKind.
	Item     uint16
	ItemKind uint8
}

// Snapshot is a Snapshot message as it is on the wire: a delta against the
// snapshot the client received just before it, or a full one (Baseline 0).
// View.Apply turns it into the state the client knows.
type Snapshot struct {
	Tick     uint32
	Baseline uint32 // ticks from the baseline snapshot to Tick; 0 = full snapshot
	Own      OwnUpdate
	Players  []PlayerUpdate // the player kind block, ordered by ID
	// Projectiles and Pickups are their kind blocks, ordered by ID.
	Projectiles []ProjectileUpdate
	Pickups     []PickupUpdate
	Events      []Event // oldest first

	// Filled by the decoder: what it skipped and how the bytes split.
	SkippedKinds, SkippedEvents int
	Sizes                       SnapshotSizes
}

// SnapshotSizes is how a decoded Snapshot's bytes split over its sections.
type SnapshotSizes struct {
	Header, Own, Entities, Events int
}

// Error tells the client something went wrong without closing (e.g. chat too
// fast); fatal problems are close codes instead.
type Error struct {
	Code    uint16
	Message string
}

// ClientMessage is a decoded client -> server message: Type says which field
// is set. A well-formed message of an unknown type decodes with only Type set.
type ClientMessage struct {
	Type  MsgType
	Hello Hello
	Input Inputs
	Ping  Ping
	Chat  Chat
}

// ServerMessage is a decoded server -> client message: Type says which field
// is set. A well-formed message of an unknown type decodes with only Type set.
type ServerMessage struct {
	Type     MsgType
	Welcome  Welcome
	Snapshot Snapshot
	Error    Error
}

// Known reports whether t is a message type of this protocol version.
func (t MsgType) Known() bool {
	switch t {
	case MsgHello, MsgInput, MsgPing, MsgChat, MsgLeave, MsgWelcome, MsgSnapshot, MsgError:
		return true
	}
	return false
}
