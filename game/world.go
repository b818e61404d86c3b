package game

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
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
	// LagCompMax caps how far before its command's slot a shot may be
	// resolved (see World.SetCommands), 0..MaxLagCompMax; 0 takes
	// DefaultLagCompMax, and LagCompOff (any negative value) turns lag
	// compensation off.
	LagCompMax time.Duration
	// Match, when set, plays timed matches on a rotation of maps (see
	// MatchConfig, match.go); Map may then be nil and is otherwise the
	// rotation's first map. nil: one endless match on Map.
	Match *MatchConfig
}

// Player is the state of one player. Fields are read-only outside package game.
type Player struct {
	ID       PlayerID
	Name     string
	Pos, Vel Vec2   // units, units/s; on the 1/16 grid after each Step
	Aim      uint16 // Input.Aim of the last simulated command
	Health   int    // 0..MaxHealth; 0 while dead
	Alive    bool
	// RespawnTicks counts down while dead; the player respawns when it reaches 0.
	RespawnTicks int
	// CooldownTicks counts down to 0, once per simulated command (see
	// SimulateCommand); the weapon fires only at 0.
	CooldownTicks int
	// ProtectTicks counts down after spawning, once per tick; damage is
	// ignored while > 0.
	ProtectTicks  int
	Kills, Deaths int
	// Score is kills minus nothing for now; kept separate so modes can differ.
	Score int
	// Weapon is the weapon held, Ammo the rockets left (weapons.go).
	Weapon Weapon
	Ammo   int
	// Bot marks a player driven by a server-side Bot (World.AddBot), not
	// by a person; it changes nothing in the simulation.
	Bot bool
}

// EventKind says what an Event is.
type EventKind uint8

// Event kinds.
const (
	EventShot  EventKind = iota + 1 // Actor fired from From to To; Target is the player hit or 0
	EventKill                       // Actor killed Target; From is the killer's position, To the victim's
	EventSpawn                      // Actor (re)spawned at From (To equals From)
	// EventExplosion: Actor's rocket Item exploded at From (To equals
	// From); Target is the player it hit directly, or 0.
	EventExplosion
	// EventPickup: Actor took pickup Item, at From (To equals From).
	EventPickup
)

// Event is something that happened during the last Step.
type Event struct {
	Kind     EventKind
	Actor    PlayerID
	Target   PlayerID
	From, To Vec2
	// Item is the projectile (EventExplosion) or pickup (EventPickup) id.
	Item uint16
}

// World is a match in progress. See the package doc for its concurrency rule.
type World struct {
	m        *Map
	tickRate int
	dt       float64
	rng      *rand.Rand
	tick     uint32

	// cooldownTicks is HitscanCooldown in ticks; lagCompTicks is the cap of
	// Config.LagCompMax in ticks, 0 when lag compensation is off.
	cooldownTicks int
	lagCompTicks  uint32
	// rocketCooldown is RocketCooldown in ticks.
	rocketCooldown int

	// roster is the players, sorted by ID so every loop over them is
	// deterministic, and their commands for the next Step.
	roster

	// history is the recent past shots are resolved against.
	history posHistory

	// events and shots are reused from Step to Step so a steady-state Step
	// allocates nothing.
	events []Event
	shots  []shotRequest
	// launches are the Step's rockets fired; projectiles those in flight,
	// nextProjectile where the search for a free id starts; pickups the
	// map's pickups (projectile.go, pickup.go).
	launches       []launch
	projectiles    []Projectile
	nextProjectile ProjectileID
	pickups        []Pickup
	// spawnScore is scratch space for choosing a spawn point, one per spawn.
	spawnScore []float64

	// match is the match cycle, nil without Config.Match; stepping is
	// true inside Step (spawn protection counts from it).
	match    *matchCycle
	stepping bool

	// botNav is the bots' nav grid of the current map (botnav.go), built
	// when a bot first needs a path.
	botNav *navGrid
}

// NewWorld returns a World on cfg.Map with no players. It returns an error when
// cfg.Map is nil or has no spawn points, or cfg.LagCompMax is over
// MaxLagCompMax.
func NewWorld(cfg Config) (*World, error) {
	if cfg.TickRate <= 0 {
		cfg.TickRate = DefaultTickRate
	}
	var match *matchCycle
	if cfg.Match != nil {
		var err error
		if match, err = newMatchCycle(cfg.Match, cfg.TickRate); err != nil {
			return nil, err
		}
		if cfg.Map != nil && cfg.Map != cfg.Match.Maps[0] {
			return nil, errors.New("game: Config.Map is not the first map of Config.Match.Maps")
		}
		cfg.Map = cfg.Match.Maps[0]
	}
	if cfg.Map == nil {
		return nil, errors.New("game: Config.Map is nil")
	}
	if len(cfg.Map.Spawns) == 0 {
		return nil, errors.New("game: map " + cfg.Map.Name + " has no spawn points")
	}
	if cfg.LagCompMax == 0 {
		cfg.LagCompMax = DefaultLagCompMax
	}
	if cfg.LagCompMax > MaxLagCompMax {
		return nil, fmt.Errorf("game: Config.LagCompMax %v is over the %v of history a World keeps", cfg.LagCompMax, MaxLagCompMax)
	}
	w := &World{
		m:              cfg.Map,
		tickRate:       cfg.TickRate,
		dt:             1 / float64(cfg.TickRate),
		rng:            rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		lagCompTicks:   lagCompTicks(cfg.LagCompMax, cfg.TickRate),
		roster:         newRoster(16),
		history:        newPosHistory(lagCompTicks(MaxLagCompMax, cfg.TickRate)),
		events:         make([]Event, 0, 64),
		shots:          make([]shotRequest, 0, 16),
		spawnScore:     make([]float64, maxSpawns(cfg.Map, cfg.Match)),
		match:          match,
		projectiles:    make([]Projectile, 0, 16),
		pickups:        newPickups(cfg.Map),
		nextProjectile: 1,
	}
	w.cooldownTicks = w.ticks(HitscanCooldown)
	w.rocketCooldown = rocketCooldownTicks(w.dt)
	return w, nil
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
	id := w.freeID()
	p := &Player{ID: id, Name: CleanName(name)}
	w.insert(p)
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
func (w *World) RemovePlayer(id PlayerID) { w.remove(id) }

// SetCommands sets the commands player id simulates in the next Step, in
// order: cmds is copied. A player given none is held that Step: it does not
// move and its weapon cooldown does not count down. Each Step uses the
// commands once; unknown ids are ignored.
//
// A living player runs SimulateCommand for each command. A player that
// respawns in the Step does not move in it, but runs the rest of each of its
// commands (aim, firing, the cooldown). A dead player's commands are
// consumed without effect.
//
// A command whose player fires requests a shot, from where the player is
// after that command's move, along its aim. Shots are resolved after every
// player's commands, in ascending shooter id and then command order; a
// shooter killed by an earlier shot of the Step does not fire its later
// ones. A shot is resolved against the other players as they were at the
// command's ViewTick (lag compensation), but no earlier than
// Config.LagCompMax before the command's slot (the current tick − Late),
// never after the current tick and never before the World's history (a
// second); ViewTick 0 or lag compensation off use the current positions.
// A player can be hit only if it is alive now and was alive, and in the
// World, at that tick. Walls do not move.
func (w *World) SetCommands(id PlayerID, cmds []Command) { w.setCommands(id, cmds...) }

// SetInput gives player id the one command {Input: in} for the next Step
// (see SetCommands): one tick of input, without lag compensation.
func (w *World) SetInput(id PlayerID, in Input) { w.setCommands(id, Command{Input: in}) }

// Step advances the World by one tick: every player's commands (movement,
// aim, firing), the shots and their damage, deaths, respawns. Events of
// this step replace the previous ones.
//
// Order within a tick: for each player in ID order, a dead one counts down
// and respawns, a living one simulates its commands; then the shots fired
// are resolved in ID and command order against the moved (or, with lag
// compensation, the rewound) positions; then the rockets fired are
// launched and every rocket flies a tick and may explode (projectile.go);
// then the pickups count down and are taken (pickup.go); then spawn
// protection counts down;
// then the tick's positions go into the history. With Config.Match, the
// match cycle moves first (match.go): a Step that starts the next match
// puts everyone on the new map and simulates no commands.
func (w *World) Step() {
	w.tick++
	w.events = w.events[:0]
	w.shots = w.shots[:0]
	w.launches = w.launches[:0]
	w.stepping = true
	if w.match != nil && w.advanceMatch() {
		w.endStep() // a new map: everyone respawned, commands are consumed
		return
	}
	for i, p := range w.players {
		if !p.Alive {
			if p.RespawnTicks > 0 {
				p.RespawnTicks--
			}
			if p.RespawnTicks > 0 {
				continue // dead: its commands are consumed without effect
			}
			w.spawn(p)
			w.events = append(w.events, Event{Kind: EventSpawn, Actor: p.ID, From: p.Pos, To: p.Pos})
			// It does not move on the tick it respawns, but turns and may fire.
			for _, c := range w.cmds[i] {
				if aimAndFire(p, c.Input, w.cooldownTicks, w.rocketCooldown) {
					w.fired(p, c)
				}
			}
			continue
		}
		for _, c := range w.cmds[i] {
			if SimulateCommand(w.m, p, c.Input, w.dt, w.cooldownTicks) {
				w.fired(p, c)
			}
		}
	}
	for _, s := range w.shots {
		w.fire(s)
	}
	w.launchRockets()
	w.stepProjectiles()
	w.stepPickups()
	w.endStep()
}

// endStep counts spawn protection down, consumes the commands and records
// the tick's positions.
func (w *World) endStep() {
	w.stepping = false
	for i, p := range w.players {
		if p.ProtectTicks > 0 {
			p.ProtectTicks--
		}
		w.cmds[i] = w.cmds[i][:0]
	}
	w.history.record(w.tick, w.players)
}

// fired queues what p's command c fired with the weapon p holds: a shot,
// or a rocket.
func (w *World) fired(p *Player, c Command) {
	if p.Weapon == WeaponRocket {
		w.launches = append(w.launches, launch{shooter: p, from: p.Pos, aim: p.Aim})
		return
	}
	w.shots = append(w.shots, shotRequest{shooter: p, from: p.Pos, aim: p.Aim, viewTick: c.ViewTick, late: c.Late})
}

// Players returns the players ordered by ID. The slice and the players are
// owned by the World and valid until the next call that changes it.
func (w *World) Players() []*Player { return w.players }

// Player returns the player with id, or nil.
func (w *World) Player(id PlayerID) *Player { return w.player(id) }

// Events returns what happened during the last Step. Owned by the World.
func (w *World) Events() []Event { return w.events }

// ticks converts seconds to whole ticks at the World's rate.
func (w *World) ticks(seconds float64) int {
	return int(seconds*float64(w.tickRate) + 0.5)
}
