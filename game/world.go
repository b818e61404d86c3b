package game

// This file is the CONTRACT other packages code against. The implementation
// (bodies marked TODO) is being written; exported names and their meaning must
// not change without updating every user.

// PlayerID identifies a player within one World. 0 means "nobody".
type PlayerID uint16

// Tuning defaults, in world units and seconds.
const (
	DefaultTickRate    = 60
	PlayerRadius       = 14.0  // units
	MaxSpeed           = 260.0 // units/s
	Acceleration       = 2200.0
	Friction           = 10.0 // 1/s, velocity decay when not accelerating
	MaxHealth          = 100
	HitscanDamage      = 25
	HitscanRange       = 900.0 // units
	HitscanCooldown    = 0.25  // seconds between shots
	RespawnDelay       = 2.0   // seconds
	SpawnProtection    = 1.0   // seconds of invulnerability after (re)spawn
	QuantumPerUnit     = 16    // positions/velocities snap to 1/16 unit
	MaxPlayersPerWorld = 64
	MaxNameLen         = 16 // runes
)

// Config configures a World. Zero fields take defaults.
type Config struct {
	TickRate int    // ticks per second; default DefaultTickRate
	Seed     uint64 // seeds the World's RNG (spawn choice)
	Map      *Map   // required
}

// Player is the state of one player. Fields are read-only outside package game.
type Player struct {
	ID       PlayerID
	Name     string
	Pos, Vel Vec2   // units, units/s; on the 1/16 grid after each Step
	Aim      uint16 // last applied Input.Aim
	Health   int    // 0..MaxHealth; 0 while dead
	Alive    bool
	// RespawnTicks counts down while dead; the player respawns when it reaches 0.
	RespawnTicks int
	// CooldownTicks counts down to 0; the weapon fires only at 0.
	CooldownTicks int
	// ProtectTicks counts down after spawning; damage is ignored while > 0.
	ProtectTicks  int
	Kills, Deaths int
	// Score is kills minus nothing for now; kept separate so modes can differ.
	Score int
	// LastSeq is the sequence number of the last input applied (set by the
	// server through SetInput's caller; the World does not interpret it).
	LastSeq uint32
}

// EventKind says what an Event is.
type EventKind uint8

// Event kinds.
const (
	EventShot  EventKind = iota + 1 // Actor fired from From to To; Target is the player hit or 0
	EventKill                       // Actor killed Target
	EventSpawn                      // Actor (re)spawned at From
)

// Event is something that happened during the last Step.
type Event struct {
	Kind     EventKind
	Actor    PlayerID
	Target   PlayerID
	From, To Vec2
}

// World is a match in progress. See the package doc for its concurrency rule.
type World struct {
	// implementation fields (unexported)
}

// NewWorld returns a World on cfg.Map with no players. It returns an error when
// cfg.Map is nil or has no spawn points.
func NewWorld(cfg Config) (*World, error) { panic("TODO") }

// Tick returns the number of Steps taken so far.
func (w *World) Tick() uint32 { panic("TODO") }

// TickRate returns the World's ticks per second.
func (w *World) TickRate() int { panic("TODO") }

// Map returns the World's map.
func (w *World) Map() *Map { panic("TODO") }

// AddPlayer adds a player with the given name (trimmed and cut to MaxNameLen
// runes; empty becomes "player") at a spawn point, alive. It returns an error
// when the World already holds MaxPlayersPerWorld players.
func (w *World) AddPlayer(name string) (PlayerID, error) { panic("TODO") }

// RemovePlayer removes a player; unknown ids are ignored.
func (w *World) RemovePlayer(id PlayerID) { panic("TODO") }

// SetInput sets the input applied to player id from the next Step on, until
// replaced. Unknown ids are ignored.
func (w *World) SetInput(id PlayerID, in Input) { panic("TODO") }

// Step advances the World by one tick: movement with wall collision, firing,
// damage, deaths, respawns. Events of this step replace the previous ones.
func (w *World) Step() { panic("TODO") }

// Players returns the players ordered by ID. The slice and the players are
// owned by the World and valid until the next call that changes it.
func (w *World) Players() []*Player { panic("TODO") }

// Player returns the player with id, or nil.
func (w *World) Player(id PlayerID) *Player { panic("TODO") }

// Events returns what happened during the last Step. Owned by the World.
func (w *World) Events() []Event { panic("TODO") }

// MovePlayer applies one tick of movement for in to p on m (acceleration,
// friction, speed cap, wall collision, map bounds) and snaps the result to the
// grid. It is what Step uses, exported so a client can predict its own player.
func MovePlayer(m *Map, p *Player, in Input, dt float64) { panic("TODO") }

// Quantize snaps v to the 1/QuantumPerUnit grid.
func Quantize(v float64) float64 { panic("TODO") }
