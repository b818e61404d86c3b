package client

// Prediction and reconciliation of the local player. Every input the
// session makes is simulated at once with the same game code the server
// runs, from the newest state the server sent plus the inputs it has not
// consumed yet, so the player moves on the frame its key is pressed. Each
// snapshot says which input its own state is after (ack_seq); the session
// compares it with what it predicted for that input (a difference is a
// misprediction), starts again from the server's state and replays the
// inputs after ack_seq. The server simulates each input once, whenever it
// arrives (it holds a player whose inputs are late and catches up), so the
// replay is exact unless something else touched the player: a hit, a
// death, a respawn.
//
// What is drawn is the prediction plus a display offset: when a replay
// moves the predicted position, the offset takes the difference and decays
// over a few frames, so a correction glides instead of snapping; a jump
// larger than snapDistance (a respawn, a teleport) is shown at once.

import (
	"math"
	"time"

	"arena/game"
	"arena/netcode"
)

const (
	// predictRing is how many predicted states are kept, by seq: more
	// than the inputs in flight can ever be (the input log's size).
	predictRing = inputLogSize
	// correctionHalfLife is how fast a correction's display offset
	// decays: halved every 25 ms, under 1/16 unit within ~10 frames.
	correctionHalfLife = 25 * time.Millisecond
	// snapDistance is a correction too large to smooth.
	snapDistance = 4 * game.PlayerRadius
)

// predictedState is the local player after one input.
type predictedState struct {
	seq uint32
	p   game.Player
}

// predictor is the local player's prediction. It is not safe for
// concurrent use (Session.mu guards it).
type predictor struct {
	m        *game.Map
	dt       float64
	cooldown int // ticks between shots
	// mode is Welcome's game mode: game.ModeBench simulates with
	// game.SimulateBenchCommand, any other (checked by checkRules) is the
	// arena's SimulateCommand with cooldown. A switch, not a func value:
	// a state passed to an opaque function escapes, and every prediction
	// would allocate it.
	mode string

	inputs [predictRing]game.Input // by seq
	states [predictRing]predictedState
	newest uint32 // seq of the newest input made
	ack    uint32 // seq the newest snapshot's state is after
	active bool   // states[ack+1..newest] hold a prediction (the player is alive)

	offset   game.Vec2 // display offset of the last correction
	offsetAt time.Time // when offset was last decayed

	// pickedUp is set for the next reconcile when its snapshot says the
	// local player took a pickup: the server changed the player's weapon
	// and ammo (or health) as a hit does, so that is not a misprediction.
	pickedUp bool
}

func newPredictor(m *game.Map, tickRate int) predictor {
	return predictor{
		m:        m,
		dt:       1 / float64(tickRate),
		cooldown: int(game.HitscanCooldown*float64(tickRate) + 0.5),
	}
}

// simulate runs one input of the local player (see simulateCommand).
func (p *predictor) simulate(pl *game.Player, in game.Input) bool {
	if p.mode != game.ModeBench {
		return simulateCommand(p.m, pl, in, p.dt, p.cooldown)
	}
	fired := game.SimulateBenchCommand(pl, in, p.dt)
	if pl.ProtectTicks > 0 {
		pl.ProtectTicks--
	}
	return fired
}

// state returns the predicted state after input seq, if there is one.
func (p *predictor) state(seq uint32) (*game.Player, bool) {
	s := &p.states[seq%predictRing]
	if !p.active || seq <= p.ack || seq > p.newest || s.seq != seq {
		return nil, false
	}
	return &s.p, true
}

// add simulates input in (seq newest+1) from the newest predicted state
// and reports whether the player fired with it, from where, along which
// aim and with which weapon.
func (p *predictor) add(seq uint32, in game.Input) (fired bool, from game.Vec2, aim uint16, weapon game.Weapon) {
	p.inputs[seq%predictRing] = in
	prev, ok := p.at(p.newest)
	p.newest = seq
	if !ok || !p.active {
		return false, game.Vec2{}, 0, 0
	}
	next := *prev
	fired = p.simulate(&next, in)
	p.states[seq%predictRing] = predictedState{seq: seq, p: next}
	return fired, next.Pos, in.Aim, next.Weapon
}

// at returns the state after input seq: the server's for the acked one,
// the prediction after it.
func (p *predictor) at(seq uint32) (*game.Player, bool) {
	if seq == p.ack {
		if b := &p.states[seq%predictRing]; b.seq == seq {
			return &b.p, true
		}
		return nil, false
	}
	return p.state(seq)
}

// reconcile takes the server's own state after input ack at a snapshot:
// it reports whether the prediction for that input was wrong (and by how
// much), and replays the inputs after it. now is the time the correction
// starts being shown.
func (p *predictor) reconcile(own *netcode.PlayerState, ack uint32, now time.Time) (checked, wrong bool, miss, shift float64) {
	server := playerFromState(own)
	before, hadBefore := p.drawnLatest()
	if pred, ok := p.state(ack); ok && server.Alive && pred.Alive {
		checked = true
		miss = pred.Pos.Dist(server.Pos)
		wrong = pred.Pos != server.Pos || pred.Vel != server.Vel ||
			(!p.pickedUp && (pred.Weapon != server.Weapon || pred.Ammo != server.Ammo))
	}
	p.pickedUp = false
	p.ack = max(ack, p.ack)
	if ack > p.newest {
		p.newest = ack // the server consumed inputs this session never made: not possible, but stay consistent
	}
	p.active = server.Alive
	p.states[p.ack%predictRing] = predictedState{seq: p.ack, p: server}
	if p.active {
		cur := server
		for seq := p.ack + 1; seq <= p.newest && seq-p.ack < predictRing; seq++ {
			p.simulate(&cur, p.inputs[seq%predictRing])
			p.states[seq%predictRing] = predictedState{seq: seq, p: cur}
		}
	}
	after, _ := p.drawnLatest()
	p.decay(now)
	if hadBefore && before.Alive && after.Alive {
		d := before.Pos.Sub(after.Pos)
		shift = d.Len()
		p.offset = p.offset.Add(d)
		if p.offset.Len() > snapDistance {
			p.offset = game.Vec2{}
		}
	} else {
		p.offset = game.Vec2{}
	}
	return checked, wrong, miss, shift
}

// drawnLatest returns the newest predicted state, or the server's when
// there is no prediction.
func (p *predictor) drawnLatest() (game.Player, bool) {
	if s, ok := p.state(p.newest); ok {
		return *s, true
	}
	if b, ok := p.at(p.ack); ok {
		return *b, true
	}
	return game.Player{}, false
}

// decay shrinks the display offset for the time since the last decay.
func (p *predictor) decay(now time.Time) {
	if !p.offsetAt.IsZero() && p.offset != (game.Vec2{}) {
		k := math.Exp2(-float64(now.Sub(p.offsetAt)) / float64(correctionHalfLife))
		p.offset = p.offset.Scale(k)
		if p.offset.Len() < 1.0/game.QuantumPerUnit/4 {
			p.offset = game.Vec2{}
		}
	}
	p.offsetAt = now
}

// drawn returns the local player to draw: the newest two predicted states
// blended by alpha (the fraction of the current tick elapsed) plus the
// correction offset. ok is false before the first snapshot.
func (p *predictor) drawn(alpha float64, now time.Time) (game.Player, bool) {
	cur, ok := p.drawnLatest()
	if !ok {
		return cur, false
	}
	if p.active && p.newest > p.ack {
		if prev, ok := p.at(p.newest - 1); ok && prev.Alive && cur.Alive {
			cur.Pos = lerpVec(prev.Pos, cur.Pos, math.Max(0, math.Min(1, alpha)))
		}
	}
	p.decay(now)
	cur.Pos = cur.Pos.Add(p.offset)
	return cur, true
}

// playerFromState converts the owner's exact state from a snapshot.
func playerFromState(ps *netcode.PlayerState) game.Player {
	return game.Player{
		ID:            ps.ID,
		Pos:           game.Vec2{X: netcode.FromFixed(ps.X), Y: netcode.FromFixed(ps.Y)},
		Vel:           game.Vec2{X: netcode.FromFixed(ps.VX), Y: netcode.FromFixed(ps.VY)},
		Health:        int(ps.Health),
		Alive:         ps.Flags&netcode.FlagAlive != 0,
		RespawnTicks:  int(ps.RespawnTicks),
		CooldownTicks: int(ps.CooldownTicks),
		ProtectTicks:  int(ps.ProtectTicks),
		Kills:         int(ps.Kills),
		Deaths:        int(ps.Deaths),
		Score:         int(ps.Score),
		Weapon:        game.Weapon(ps.Weapon),
		Ammo:          int(ps.Ammo),
	}
}
