package netcode

// Building one client's Snapshot as a delta between two Frames.

import "arena/game"

// Recipient says whom a Snapshot is for and what that client already has.
type Recipient struct {
	Self game.PlayerID // the client's own player; it must be in the current Frame
	// Visible lists the other players the client sees in the current
	// Frame, ascending, without Self (see Interest).
	Visible []game.PlayerID
	// Base is the Frame of the client's baseline, the snapshot it receives
	// just before this one; nil for a full snapshot. BaseVisible is what
	// the client saw of it.
	Base        *Frame
	BaseVisible []game.PlayerID
	// AckSeq is the seq of the newest of Self's inputs consumed by the
	// current tick (see OwnUpdate.AckSeq).
	AckSeq uint32
	// Steps has one entry per tick in (Base.Tick, current tick], oldest
	// first (see OwnUpdate.Steps). It is ignored for a full snapshot.
	Steps []uint32
	// Pong, when not nil, answers the client's latest Ping.
	Pong *Pong
	// ProjectileBox is half the width and height of the box around Self
	// whose projectiles the client sees, in world units; zero: all.
	ProjectileBox game.Vec2
}

// Build fills s with the snapshot of cur for r, reusing s's slices: a delta
// against r.Base when it has one (and Self was in it), else a full snapshot.
// Events are left empty for the caller to append. Build panics when r.Self
// is not in cur: the caller only builds snapshots for its members.
func (s *Snapshot) Build(cur *Frame, r *Recipient) {
	self := cur.Player(r.Self)
	if self == nil {
		panic("netcode: Snapshot.Build for a player not in the frame")
	}
	var baseSelf *PlayerState
	// A baseline at tick 0 is no baseline: a View at tick 0 has no snapshot
	// yet and refuses every delta (see View.Apply).
	if r.Base != nil && r.Base.Tick > 0 && r.Base.Tick < cur.Tick && cur.Tick-r.Base.Tick <= MaxSteps &&
		len(r.Steps) == int(cur.Tick-r.Base.Tick) {
		baseSelf = r.Base.Player(r.Self)
	}
	s.Tick = cur.Tick
	s.Players = s.Players[:0]
	s.Projectiles, s.Pickups = s.Projectiles[:0], s.Pickups[:0]
	s.Events = s.Events[:0]
	s.SkippedKinds, s.SkippedEvents = 0, 0
	s.Sizes = SnapshotSizes{}
	if baseSelf == nil {
		s.Baseline = 0
		s.buildFullOwn(self, r.AckSeq)
		for _, id := range r.Visible {
			s.Players = append(s.Players, enterUpdate(cur.Player(id)))
		}
		s.buildProjectiles(cur, nil, self, nil, r.ProjectileBox)
		s.buildPickups(cur, nil, 0)
	} else {
		s.Baseline = cur.Tick - r.Base.Tick
		s.buildOwnDelta(self, baseSelf, r)
		s.buildPlayerDeltas(cur, r)
		s.buildProjectiles(cur, r.Base, self, baseSelf, r.ProjectileBox)
		s.buildPickups(cur, r.Base, s.Baseline)
	}
	if r.Pong != nil {
		s.Own.Mask |= OwnPong
		s.Own.Pong = *r.Pong
	}
}

func (s *Snapshot) buildFullOwn(p *PlayerState, ackSeq uint32) {
	s.Own = OwnUpdate{
		Mask: OwnFull,
		X:    p.X, Y: p.Y, VX: p.VX, VY: p.VY,
		Health: p.Health, Flags: p.Flags,
		RespawnTicks: p.RespawnTicks, CooldownTicks: p.CooldownTicks, ProtectTicks: p.ProtectTicks,
		Kills: p.Kills, Deaths: p.Deaths, Score: p.Score,
		Weapon: p.Weapon, Ammo: p.Ammo,
		AckSeq: ackSeq,
		Steps:  s.Own.Steps[:0],
	}
	if p.Weapon != 0 || p.Ammo != 0 {
		s.Own.Mask |= OwnArms
	}
}

// buildOwnDelta sends the groups of p that a client holding base would not
// work out by itself.
func (s *Snapshot) buildOwnDelta(p, base *PlayerState, r *Recipient) {
	o := &s.Own
	*o = OwnUpdate{Steps: o.Steps[:0]}
	if p.X != base.X || p.Y != base.Y {
		o.Mask |= OwnPos
		o.X, o.Y = p.X-base.X, p.Y-base.Y
	}
	if p.VX != base.VX || p.VY != base.VY {
		o.Mask |= OwnVel
		o.VX, o.VY = p.VX, p.VY
	}
	if p.Health != base.Health || p.Flags != base.Flags {
		o.Mask |= OwnVitals
		o.Health, o.Flags = p.Health, p.Flags
	}
	elapsed := s.Baseline
	if p.RespawnTicks != CountDown(base.RespawnTicks, elapsed) ||
		p.CooldownTicks != CountDown(base.CooldownTicks, elapsed) ||
		p.ProtectTicks != CountDown(base.ProtectTicks, elapsed) {
		o.Mask |= OwnTimers
		o.RespawnTicks, o.CooldownTicks, o.ProtectTicks = p.RespawnTicks, p.CooldownTicks, p.ProtectTicks
	}
	if p.Kills != base.Kills || p.Deaths != base.Deaths || p.Score != base.Score {
		o.Mask |= OwnScore
		o.Kills, o.Deaths, o.Score = p.Kills, p.Deaths, p.Score
	}
	if p.Weapon != base.Weapon || p.Ammo != base.Ammo {
		o.Mask |= OwnArms
		o.Weapon, o.Ammo = p.Weapon, p.Ammo
	}
	for _, st := range r.Steps {
		if st != 1 {
			o.Mask |= OwnInputs
			o.AckSeq = r.AckSeq
			o.Steps = append(o.Steps, r.Steps...)
			break
		}
	}
}

// CountDown is the value a countdown timer has elapsed ticks after it was v:
// it loses one per tick and stops at 0. An own timer that a delta does not
// carry has this value.
func CountDown(v uint16, elapsed uint32) uint16 {
	if uint32(v) <= elapsed {
		return 0
	}
	return v - uint16(elapsed)
}

// buildPlayerDeltas merges what the client saw of the baseline with what it
// sees now: entities that entered, left, or changed.
func (s *Snapshot) buildPlayerDeltas(cur *Frame, r *Recipient) {
	old, now := r.BaseVisible, r.Visible
	for len(old) > 0 || len(now) > 0 {
		switch {
		case len(now) == 0 || (len(old) > 0 && old[0] < now[0]):
			s.Players = append(s.Players, PlayerUpdate{ID: old[0], Mask: PlayerGone})
			old = old[1:]
		case len(old) == 0 || now[0] < old[0]:
			s.Players = append(s.Players, enterUpdate(cur.Player(now[0])))
			now = now[1:]
		default:
			b := r.Base.Player(old[0])
			c := cur.Player(now[0])
			if b == nil { // not in the baseline frame: cannot happen for a visible id; resend it whole
				s.Players = append(s.Players, enterUpdate(c))
			} else if u, changed := changeUpdate(RemoteOf(b), RemoteOf(c)); changed {
				s.Players = append(s.Players, u)
			}
			old, now = old[1:], now[1:]
		}
	}
}

func enterUpdate(p *PlayerState) PlayerUpdate {
	rp := RemoteOf(p)
	return PlayerUpdate{
		ID: rp.ID, Mask: PlayerEnter,
		X: rp.X, Y: rp.Y, Aim: rp.Aim,
		Health: rp.Health, Flags: rp.Flags,
		Kills: rp.Kills, Deaths: rp.Deaths, Score: rp.Score,
	}
}

// changeUpdate returns the update from b to c and whether anything changed.
func changeUpdate(b, c RemotePlayer) (PlayerUpdate, bool) {
	u := PlayerUpdate{ID: c.ID}
	if c.X != b.X || c.Y != b.Y {
		u.Mask |= PlayerPos
		u.X, u.Y = c.X-b.X, c.Y-b.Y
	}
	if c.Aim != b.Aim {
		u.Mask |= PlayerAim
		u.DAim = int8(c.Aim - b.Aim)
	}
	if c.Health != b.Health || c.Flags != b.Flags {
		u.Mask |= PlayerVitals
		u.Health, u.Flags = c.Health, c.Flags
	}
	if c.Kills != b.Kills || c.Deaths != b.Deaths || c.Score != b.Score {
		u.Mask |= PlayerScore
		u.Kills, u.Deaths, u.Score = c.Kills, c.Deaths, c.Score
	}
	return u, u.Mask != 0
}
