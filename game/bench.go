package game

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// The bench rule (ModeBench): a plain, fully specified game for measuring
// the server, the protocol and the netcode under load, the same for every
// implementation that wants to compare. docs/protocol.md ("The bench
// rule") states it for clients in other languages; this file is the
// reference.
//
// Rooms of 16 on a BenchArenaSize square without walls. A player is a
// point: x, y, aim, hp (BenchMaxHealth at the start) and score. It spawns
// at a uniform random position. Each command moves it BenchSpeed units/s
// along its normalized (MoveX, MoveY) (any non-zero stick is full speed),
// clamped to the arena; a fire command whose cooldown is 0 fires, and the
// cooldown then counts BenchCooldownTicks commands. A shot deals
// BenchDamage to the nearest other player within BenchRange (no aim, no
// line of sight: there are no walls); at 0 hp the victim's hp is reset to
// BenchMaxHealth where it stands and the shooter scores 1. Nobody dies, so
// there is no respawn delay and no spawn protection.

// ModeBench is the bench rule's Mode.
const ModeBench = "bench"

// The bench rule's constants, in world units, seconds and ticks.
const (
	BenchTickRate      = 60     // the rule is defined at 60 ticks a second
	BenchArenaSize     = 2000.0 // units, width and height
	BenchSpeed         = 300.0  // units/s along the normalized stick
	BenchMaxHealth     = 100
	BenchDamage        = 10
	BenchRange         = 300.0 // units, centre to centre, inclusive
	BenchCooldownTicks = 30    // commands between two shots
	BenchRoomSize      = 16    // players per room
	BenchMapName       = "bench"
)

// Bench is a match of the bench rule. Like World, one goroutine owns it.
type Bench struct {
	m      *Map
	dt     float64
	rng    *rand.Rand
	tick   uint32
	roster // the players, sorted by ID, and their commands
	events []Event
	shots  []*Player // shooters of this Step, in resolution order
}

var _ Rules = (*Bench)(nil)

// NewBench is the NewRules of the bench rule. cfg.Map must be the bench
// arena (BenchArenaSize square, no walls; its spawn points are ignored),
// cfg.TickRate 0 or BenchTickRate; cfg.LagCompMax is ignored (a shot
// aims at no one, so there is nothing to compensate).
func NewBench(cfg Config) (Rules, error) { return newBench(cfg) }

func newBench(cfg Config) (*Bench, error) {
	if cfg.TickRate == 0 {
		cfg.TickRate = BenchTickRate
	}
	if cfg.TickRate != BenchTickRate {
		return nil, fmt.Errorf("game: the bench rule ticks at %d Hz, not %d", BenchTickRate, cfg.TickRate)
	}
	if cfg.Map == nil {
		return nil, errors.New("game: Config.Map is nil")
	}
	if cfg.Map.Width != BenchArenaSize || cfg.Map.Height != BenchArenaSize || len(cfg.Map.Walls) != 0 {
		return nil, fmt.Errorf("game: the bench rule plays a %g x %g map without walls; map %q is %g x %g with %d walls",
			BenchArenaSize, BenchArenaSize, cfg.Map.Name, cfg.Map.Width, cfg.Map.Height, len(cfg.Map.Walls))
	}
	return &Bench{
		m:      cfg.Map,
		dt:     1 / float64(cfg.TickRate),
		rng:    rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		roster: newRoster(BenchRoomSize),
		events: make([]Event, 0, 2*BenchRoomSize),
		shots:  make([]*Player, 0, BenchRoomSize),
	}, nil
}

// BenchMap returns the bench arena as a Map (what assets/maps/bench.json
// parses to, bar its one unused spawn point).
func BenchMap() *Map {
	return &Map{Name: BenchMapName, Width: BenchArenaSize, Height: BenchArenaSize, TileWidth: 40, TileHeight: 40,
		Spawns: []Vec2{{BenchArenaSize / 2, BenchArenaSize / 2}}}
}

// BenchParams returns the bench rule's constants as Welcome's rules carry
// them; lag_comp_ticks is 0 (none).
func BenchParams() []Param {
	return []Param{
		{"tick_rate", BenchTickRate},
		{"quantum_per_unit", QuantumPerUnit},
		{"arena_width", int64(BenchArenaSize)},
		{"arena_height", int64(BenchArenaSize)},
		{"max_speed", int64(BenchSpeed)},
		{"max_health", BenchMaxHealth},
		{"hitscan_damage", BenchDamage},
		{"hitscan_range", int64(BenchRange)},
		{"cooldown_ticks", BenchCooldownTicks},
		{ParamLagCompTicks, 0},
	}
}

// Mode returns ModeBench.
func (b *Bench) Mode() string { return ModeBench }

// Params returns BenchParams.
func (b *Bench) Params() []Param { return BenchParams() }

// Tick returns the number of Steps taken so far.
func (b *Bench) Tick() uint32 { return b.tick }

// AddPlayer adds a player (name as CleanName makes it) at a uniform random
// position of the arena, on the 1/16 grid, with BenchMaxHealth. Ids are
// handed out as World does. It returns ErrWorldFull past
// MaxPlayersPerWorld.
func (b *Bench) AddPlayer(name string) (PlayerID, error) {
	if len(b.players) >= MaxPlayersPerWorld {
		return 0, ErrWorldFull
	}
	id := b.freeID()
	b.insert(&Player{ID: id, Name: CleanName(name), Health: BenchMaxHealth, Alive: true,
		Pos: Vec2{b.uniform(), b.uniform()}})
	return id, nil
}

// uniform returns a coordinate uniform over the arena's grid points,
// 0..BenchArenaSize inclusive.
func (b *Bench) uniform() float64 {
	return float64(b.rng.IntN(int(BenchArenaSize)*QuantumPerUnit+1)) / QuantumPerUnit
}

// RemovePlayer removes a player; unknown ids are ignored.
func (b *Bench) RemovePlayer(id PlayerID) { b.remove(id) }

// SetCommands sets the commands player id simulates in the next Step, in
// order (copied); a player given none is held (it does not move and its
// cooldown stands still). ViewTick and Late are ignored.
func (b *Bench) SetCommands(id PlayerID, cmds []Command) { b.setCommands(id, cmds...) }

// Step advances the match by one tick: every player's commands in ID order
// (SimulateBenchCommand), then the shots they fired in shooter ID and
// command order, against everyone's positions after all the moves.
func (b *Bench) Step() {
	b.tick++
	b.events = b.events[:0]
	b.shots = b.shots[:0]
	for i, p := range b.players {
		for _, c := range b.cmds[i] {
			if SimulateBenchCommand(p, c.Input, b.dt) {
				b.shots = append(b.shots, p)
			}
		}
		b.cmds[i] = b.cmds[i][:0]
	}
	for _, p := range b.shots {
		b.fire(p)
	}
}

// fire resolves one shot of p: BenchDamage to the nearest other player
// within BenchRange (the lower id on a tie), an EventShot (To is the
// target, or From when there is none) and, when it brings the target to 0
// hp, an EventKill, the target's hp back to BenchMaxHealth in place and 1
// to the shooter's score.
func (b *Bench) fire(p *Player) {
	var target *Player
	best := math.Inf(1)
	for _, o := range b.players {
		if o == p {
			continue
		}
		if d := p.Pos.Dist(o.Pos); d <= BenchRange && d < best {
			best, target = d, o
		}
	}
	ev := Event{Kind: EventShot, Actor: p.ID, From: p.Pos, To: p.Pos}
	if target == nil {
		b.events = append(b.events, ev)
		return
	}
	ev.Target, ev.To = target.ID, target.Pos
	b.events = append(b.events, ev)
	target.Health -= BenchDamage
	if target.Health > 0 {
		return
	}
	target.Health = BenchMaxHealth
	target.Deaths++
	p.Kills++
	p.Score++
	b.events = append(b.events, Event{Kind: EventKill, Actor: p.ID, Target: target.ID, From: p.Pos, To: target.Pos})
}

// SimulateBenchCommand advances p by one bench command of dt seconds and
// reports whether it fired; it is what a client predicts its own player
// with. Movement: a zero stick stands still (velocity 0); otherwise the
// velocity is BenchSpeed along (MoveX, MoveY)/|(MoveX, MoveY)|, each axis
// snapped to the 1/16 grid, and each coordinate moves by velocity*dt,
// snapped to the grid, then clamped to 0..BenchArenaSize (an axis that is
// clamped has its velocity set to 0). The aim becomes the input's. If the
// cooldown is 0 and the input fires, the player fires and the cooldown
// becomes BenchCooldownTicks; then a positive cooldown counts down by 1.
// Products are rounded before sums (float64(a*b)), as in MovePlayer, so
// the result is bit-identical everywhere.
func SimulateBenchCommand(p *Player, in Input, dt float64) (fired bool) {
	mx, my := float64(in.MoveX), float64(in.MoveY)
	p.Vel = Vec2{}
	if l := math.Sqrt(float64(mx*mx) + float64(my*my)); l > 0 {
		p.Vel = Vec2{Quantize(float64(mx/l) * BenchSpeed), Quantize(float64(my/l) * BenchSpeed)}
	}
	p.Pos.X, p.Vel.X = benchAxis(p.Pos.X, p.Vel.X, dt)
	p.Pos.Y, p.Vel.Y = benchAxis(p.Pos.Y, p.Vel.Y, dt)
	p.Aim = in.Aim
	if p.CooldownTicks == 0 && in.Fire() {
		p.CooldownTicks = BenchCooldownTicks
		fired = true
	}
	if p.CooldownTicks > 0 {
		p.CooldownTicks--
	}
	return fired
}

// benchAxis moves one coordinate by v*dt on the grid, clamped to the arena.
func benchAxis(pos, v, dt float64) (float64, float64) {
	pos = Quantize(pos + float64(v*dt))
	switch {
	case pos < 0:
		return 0, 0
	case pos > BenchArenaSize:
		return BenchArenaSize, 0
	}
	return pos, v
}

// Players returns the players ordered by ID, owned by the Bench.
func (b *Bench) Players() []*Player { return b.players }

// Player returns the player with id, or nil.
func (b *Bench) Player(id PlayerID) *Player { return b.player(id) }

// Events returns what happened during the last Step, owned by the Bench.
func (b *Bench) Events() []Event { return b.events }
