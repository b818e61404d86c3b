package game

import (
	"errors"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// maxPlayerID is the last id handed out before wrapping back to 1; 65535 is
// kept free so a uint16 id plus one never overflows in callers' arithmetic.
const maxPlayerID = 65534

// ErrWorldFull is returned by AddPlayer when the World holds
// MaxPlayersPerWorld players.
var ErrWorldFull = errors.New("game: world is full")

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
}

// EventKind says what an Event is.
type EventKind uint8

// Event kinds.
const (
	EventShot  EventKind = iota + 1 // Actor fired from From to To; Target is the player hit or 0
	EventKill                       // Actor killed Target; From is the killer's position, To the victim's
	EventSpawn                      // Actor (re)spawned at From (To equals From)
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
	m        *Map
	tickRate int
	dt       float64
	rng      *rand.Rand
	tick     uint32
	nextID   PlayerID

	// players is sorted by ID so every loop over it is deterministic;
	// inputs[i] is the current input of players[i].
	players []*Player
	inputs  []Input

	// events is reused from Step to Step so a steady-state Step allocates nothing.
	events []Event
	// spawnScore is scratch space for choosing a spawn point, one per spawn.
	spawnScore []float64
}

// NewWorld returns a World on cfg.Map with no players. It returns an error when
// cfg.Map is nil or has no spawn points.
func NewWorld(cfg Config) (*World, error) {
	if cfg.Map == nil {
		return nil, errors.New("game: Config.Map is nil")
	}
	if len(cfg.Map.Spawns) == 0 {
		return nil, errors.New("game: map " + cfg.Map.Name + " has no spawn points")
	}
	if cfg.TickRate <= 0 {
		cfg.TickRate = DefaultTickRate
	}
	return &World{
		m:          cfg.Map,
		tickRate:   cfg.TickRate,
		dt:         1 / float64(cfg.TickRate),
		rng:        rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		nextID:     1,
		players:    make([]*Player, 0, 16),
		inputs:     make([]Input, 0, 16),
		events:     make([]Event, 0, 64),
		spawnScore: make([]float64, len(cfg.Map.Spawns)),
	}, nil
}

// Tick returns the number of Steps taken so far.
func (w *World) Tick() uint32 { return w.tick }

// TickRate returns the World's ticks per second.
func (w *World) TickRate() int { return w.tickRate }

// Map returns the World's map.
func (w *World) Map() *Map { return w.m }

// AddPlayer adds a player with the given name (trimmed and cut to MaxNameLen
// runes; empty becomes "player", see CleanName) at a spawn point, alive and
// spawn-protected. It returns ErrWorldFull when the World already holds
// MaxPlayersPerWorld players.
//
// Ids count up from 1, skip ids in use and wrap before 65535, so a departed
// player's id is not handed to a newcomer while others may still refer to it.
// No EventSpawn is emitted: Events reports only what a Step did.
func (w *World) AddPlayer(name string) (PlayerID, error) {
	if len(w.players) >= MaxPlayersPerWorld {
		return 0, ErrWorldFull
	}
	id := w.nextID
	for w.index(id) >= 0 {
		id = nextPlayerID(id)
	}
	w.nextID = nextPlayerID(id)

	p := &Player{ID: id, Name: CleanName(name)}
	// Insert keeping the slice sorted; ids usually grow, so this is an append.
	i := len(w.players)
	for i > 0 && w.players[i-1].ID > id {
		i--
	}
	w.players = append(w.players, nil)
	w.inputs = append(w.inputs, Input{})
	copy(w.players[i+1:], w.players[i:])
	copy(w.inputs[i+1:], w.inputs[i:])
	w.players[i] = p
	w.inputs[i] = Input{}
	w.spawn(p)
	return id, nil
}

func nextPlayerID(id PlayerID) PlayerID {
	if id >= maxPlayerID {
		return 1
	}
	return id + 1
}

// CleanName returns name as AddPlayer stores it: invalid UTF-8 and control
// characters removed, spaces trimmed, cut to MaxNameLen runes, and "player"
// when nothing is left.
func CleanName(name string) string {
	name = CleanText(name)
	if utf8.RuneCountInString(name) > MaxNameLen {
		n := 0
		for i := range name {
			if n == MaxNameLen {
				name = name[:i]
				break
			}
			n++
		}
		name = strings.TrimSpace(name)
	}
	if name == "" {
		return "player"
	}
	return name
}

// CleanText returns s with invalid UTF-8 and control characters removed and
// spaces trimmed: the form in which names and chat lines are shown.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// RemovePlayer removes a player; unknown ids are ignored.
func (w *World) RemovePlayer(id PlayerID) {
	i := w.index(id)
	if i < 0 {
		return
	}
	copy(w.players[i:], w.players[i+1:])
	copy(w.inputs[i:], w.inputs[i+1:])
	last := len(w.players) - 1
	w.players[last] = nil // let the removed player be collected
	w.players = w.players[:last]
	w.inputs = w.inputs[:last]
}

// SetInput sets the input applied to player id from the next Step on, until
// replaced. Unknown ids are ignored.
func (w *World) SetInput(id PlayerID, in Input) {
	if i := w.index(id); i >= 0 {
		w.inputs[i] = in
	}
}

// Step advances the World by one tick: movement with wall collision, firing,
// damage, deaths, respawns. Events of this step replace the previous ones.
//
// Order within a tick: dead players count down and respawn, living players
// move; then living players fire in ID order against the moved positions;
// then weapon cooldowns and spawn protection count down.
func (w *World) Step() {
	w.tick++
	w.events = w.events[:0]
	for i, p := range w.players {
		if !p.Alive {
			if p.RespawnTicks > 0 {
				p.RespawnTicks--
			}
			if p.RespawnTicks == 0 {
				w.spawn(p)
				p.Aim = w.inputs[i].Aim // it does not move this tick, but may fire
				w.events = append(w.events, Event{Kind: EventSpawn, Actor: p.ID, From: p.Pos, To: p.Pos})
			}
			continue
		}
		in := w.inputs[i]
		MovePlayer(w.m, p, in, w.dt)
		p.Aim = in.Aim
	}
	for i, p := range w.players {
		if p.Alive && p.CooldownTicks == 0 && w.inputs[i].Fire() {
			w.fire(p)
		}
	}
	for _, p := range w.players {
		if p.CooldownTicks > 0 {
			p.CooldownTicks--
		}
		if p.ProtectTicks > 0 {
			p.ProtectTicks--
		}
	}
}

// Players returns the players ordered by ID. The slice and the players are
// owned by the World and valid until the next call that changes it.
func (w *World) Players() []*Player { return w.players }

// Player returns the player with id, or nil.
func (w *World) Player(id PlayerID) *Player {
	if i := w.index(id); i >= 0 {
		return w.players[i]
	}
	return nil
}

// Events returns what happened during the last Step. Owned by the World.
func (w *World) Events() []Event { return w.events }

// index returns the position of id in w.players, or -1.
func (w *World) index(id PlayerID) int {
	// Binary search: players is sorted by ID.
	lo, hi := 0, len(w.players)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if w.players[mid].ID < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(w.players) && w.players[lo].ID == id {
		return lo
	}
	return -1
}

// ticks converts seconds to whole ticks at the World's rate.
func (w *World) ticks(seconds float64) int {
	return int(seconds*float64(w.tickRate) + 0.5)
}
