package client

// Rockets and pickups as the match scene draws them. Others' rockets are
// drawn at the tick the other players are drawn at (interpolation), on the
// straight trajectory the server sent when each came into view. The local
// player's rockets are drawn on its own, predicted, timeline: shown the
// moment the input that fires one is made (predicted), then, once a
// snapshot says the server consumed that input, the server's rocket takes
// over on the same trajectory (the predicted one is dropped: never two).
// A rocket is hidden where its path meets a wall (the local player's also
// where it meets another player as drawn: it is drawn ahead of the
// server), and once the server says it exploded (or left the view) at a
// tick the drawing has reached; from that tick, for BlastTime, its blast
// is drawn instead (Exploded), so an explosion shows when the rocket is
// seen to arrive rather than when its event does (an interpolation delay
// earlier).

import (
	"math"
	"time"

	"arena/game"
	"arena/netcode"
)

// ProjectileView is a projectile to draw: a plain value.
type ProjectileView struct {
	ID    uint16 // the server's id; 0 for a predicted rocket
	Owner game.PlayerID
	Pos   game.Vec2
	Aim   float64 // radians, the direction it flies
	// Local: the local player's; Predicted: shown from its input before
	// the server's account of it arrived.
	Local, Predicted bool
	// Exploded: the rocket has exploded at Pos, BlastAge ago on the
	// timeline it is drawn on (others' at the render tick, so the blast
	// shows when the rocket is seen to arrive, not when the event does);
	// shown for BlastTime.
	Exploded bool
	BlastAge time.Duration
}

// BlastTime is how long Projectiles shows an explosion.
const BlastTime = 400 * time.Millisecond

// PickupView is a pickup of the map: a plain value.
type PickupView struct {
	ID        uint16
	Kind      game.PickupKind
	Pos       game.Vec2
	Available bool
	// RespawnIn is how long until a taken pickup is back, as of the
	// newest snapshot.
	RespawnIn time.Duration
}

// trackedProjectile is a server projectile the session draws: in view, or
// gone at end and drawn until the drawing reaches that tick.
type trackedProjectile struct {
	id        uint16
	owner     game.PlayerID
	origin    game.Vec2 // where it was at age 0, on its trajectory
	dir       game.Vec2
	aim       uint16
	fired     uint32  // tick of age 1
	reach     float64 // distance from origin to the first wall on its path
	end       float64 // tick it exploded or left the view; +Inf while in view
	confirmed bool    // seen in the newest snapshot
	// exploded: an explosion event ended it, at blast; blastFrom is the
	// tick its blast is shown from on its drawing timeline.
	exploded  bool
	blast     game.Vec2
	blastFrom float64
}

// predictedRocket is a rocket the local player fired with input seq, not
// yet consumed by the server.
type predictedRocket struct {
	seq    uint32
	origin game.Vec2
	dir    game.Vec2
	aim    uint16
	reach  float64
}

// projectiles is the session's rockets; Session.mu guards it.
type projectiles struct {
	known     []trackedProjectile
	predicted []predictedRocket
}

// maxTracked bounds the rockets a session keeps (in view plus recently
// gone): more than a room can have in flight.
const maxTracked = 2 * game.MaxProjectiles

// rocketStep is how far a rocket flies in one tick.
func rocketStep(tickRate int) float64 { return float64(game.RocketSpeed / float64(tickRate)) }

// rocketReach is the distance from origin along dir to the first wall
// within the rocket's range.
func rocketReach(m *game.Map, origin, dir game.Vec2, tickRate int) float64 {
	life := float64(int(game.RocketLifetime*float64(tickRate) + 0.5))
	return m.Raycast(origin, dir, life*rocketStep(tickRate))
}

// firedLocked records a rocket the local player's input seq fired from
// from along aim. The caller holds mu.
func (s *Session) firedLocked(seq uint32, from game.Vec2, aim uint16) {
	dir := game.FromAngle(game.AimToAngle(aim))
	pr := &s.rockets
	if len(pr.predicted) >= maxTracked {
		pr.predicted = pr.predicted[1:]
	}
	pr.predicted = append(pr.predicted, predictedRocket{seq: seq, origin: from, dir: dir, aim: aim, reach: rocketReach(s.m, from, dir, s.tickRate())})
}

// trackLocked follows the View's projectiles after a snapshot was applied
// and its events read: new ones are tracked, vanished ones end at the
// tick of their explosion (explosions) or of the snapshot, and the
// predicted rockets the server has now accounted for are dropped. The
// caller holds mu.
func (s *Session) trackLocked(snap *netcode.Snapshot) {
	pr := &s.rockets
	for i := range pr.known {
		pr.known[i].confirmed = false
	}
	for _, e := range snap.Events {
		if e.Kind != netcode.EventExplosion {
			continue
		}
		var k *trackedProjectile
		for i := range pr.known {
			if pr.known[i].id == e.Item && math.IsInf(pr.known[i].end, 1) {
				k = &pr.known[i]
			}
		}
		if k == nil {
			// One that exploded before a snapshot showed it: its blast.
			if len(pr.known) >= maxTracked {
				pr.known = pr.known[1:]
			}
			pr.known = append(pr.known, trackedProjectile{id: e.Item, owner: e.Player, confirmed: true})
			k = &pr.known[len(pr.known)-1]
		}
		k.end, k.exploded = float64(e.Tick), true
		k.blast = game.Vec2{X: netcode.FromRemote(e.FromX), Y: netcode.FromRemote(e.FromY)}
		k.blastFrom = k.end
		if k.owner == s.welcome.PlayerID {
			// Drawn ahead of the server: the blast starts now.
			k.blastFrom = max(k.end, float64(snap.Tick)+float64(s.pred.newest)-float64(s.view.AckSeq)-1)
		}
	}
	rate := s.tickRate()
	for i := range s.view.Projectiles {
		vp := &s.view.Projectiles[i]
		found := false
		for j := range pr.known {
			if k := &pr.known[j]; k.id == vp.ID && math.IsInf(k.end, 1) {
				k.confirmed, found = true, true
				break
			}
		}
		if found {
			continue
		}
		dir := game.FromAngle(game.AimToAngle(vp.Aim))
		at := game.Vec2{X: netcode.FromRemote(vp.X), Y: netcode.FromRemote(vp.Y)}
		origin := at.Sub(dir.Scale(float64(float64(vp.Age) * rocketStep(rate))))
		if len(pr.known) >= maxTracked {
			pr.known = pr.known[1:]
		}
		pr.known = append(pr.known, trackedProjectile{
			id: vp.ID, owner: vp.Owner, origin: origin, dir: dir, aim: vp.Aim, fired: vp.Fired(),
			reach: rocketReach(s.m, origin, dir, rate), end: math.Inf(1), confirmed: true,
		})
	}
	keep := pr.known[:0]
	for _, k := range pr.known {
		if !k.confirmed && math.IsInf(k.end, 1) {
			k.end = float64(snap.Tick)
		}
		if k.end+float64(rate)+BlastTime.Seconds()*float64(rate) < float64(snap.Tick) {
			continue // a second past its end: drawing has passed it
		}
		keep = append(keep, k)
	}
	pr.known = keep
	n := 0
	for _, p := range pr.predicted {
		if p.seq > s.view.AckSeq {
			pr.predicted[n] = p
			n++
		}
	}
	pr.predicted = pr.predicted[:n]
}

// Projectiles appends to dst the rockets to show at now and returns it:
// others' at the tick the last Players call drew the other players at,
// the local player's on its predicted timeline (see the file comment). It
// may be called concurrently; call it after Players in a frame.
func (s *Session) Projectiles(now time.Time, dst []ProjectileView) []ProjectileView {
	s.mu.Lock()
	defer s.mu.Unlock()
	alpha := 1.0
	if s.pace.started {
		alpha = s.pace.fraction()
	}
	// The local timeline in inputs: the drawn player is between the
	// newest two predicted states (see predictor.drawn).
	ownSeq := float64(s.pred.newest) - 1 + alpha
	ownTick := float64(s.view.Tick) + ownSeq - float64(s.view.AckSeq)
	step := rocketStep(s.tickRate())
	self := s.welcome.PlayerID
	if len(s.rockets.predicted) > 0 || len(s.rockets.known) > 0 {
		// The others as drawn: the local player's rockets, drawn ahead of
		// the server, stop at them as they stop at walls.
		s.scratch = s.interp.appendOthers(s.scratch[:0], s.renderTick, s.m, nil)
	}
	for _, k := range s.rockets.known {
		t := s.renderTick
		if k.owner == self {
			t = ownTick
		}
		if k.exploded && t >= k.blastFrom {
			if b := (t - k.blastFrom) / float64(s.tickRate()); b < BlastTime.Seconds() {
				dst = append(dst, ProjectileView{
					ID: k.id, Owner: k.owner, Pos: k.blast, Aim: game.AimToAngle(k.aim), Local: k.owner == self,
					Exploded: true, BlastAge: time.Duration(b * float64(time.Second)),
				})
			}
			continue
		}
		age := t - float64(k.fired) + 1
		dist := float64(age * step)
		if age < 0 || t >= k.end || dist > k.reach || (k.owner == self && s.hitsOtherLocked(k.origin, k.dir, dist)) {
			continue
		}
		dst = append(dst, ProjectileView{
			ID: k.id, Owner: k.owner, Pos: k.origin.Add(k.dir.Scale(dist)),
			Aim: game.AimToAngle(k.aim), Local: k.owner == self,
		})
	}
	for _, p := range s.rockets.predicted {
		age := ownSeq - float64(p.seq) + 1
		dist := float64(age * step)
		if age < 0 || dist > p.reach || s.hitsOtherLocked(p.origin, p.dir, dist) {
			continue
		}
		dst = append(dst, ProjectileView{
			Owner: self, Pos: p.origin.Add(p.dir.Scale(dist)), Aim: game.AimToAngle(p.aim),
			Local: true, Predicted: true,
		})
	}
	return dst
}

// hitsOtherLocked reports whether a rocket from origin along dir meets
// one of the other players in s.scratch (as drawn) within dist. The
// caller holds mu.
func (s *Session) hitsOtherLocked(origin, dir game.Vec2, dist float64) bool {
	for _, o := range s.scratch {
		if t, ok := game.RayCircle(origin, dir, o.Pos, game.PlayerRadius+game.RocketRadius); o.Alive && ok && t < dist {
			return true
		}
	}
	return false
}

// Pickups appends the map's pickups as of the newest snapshot to dst,
// ordered by ID, and returns it. It may be called concurrently.
func (s *Session) Pickups(dst []PickupView) []PickupView {
	s.mu.Lock()
	defer s.mu.Unlock()
	rate := time.Duration(s.tickRate())
	for _, p := range s.view.Pickups {
		dst = append(dst, PickupView{
			ID: p.ID, Kind: game.PickupKind(p.Kind),
			Pos:       game.Vec2{X: netcode.FromRemote(p.X), Y: netcode.FromRemote(p.Y)},
			Available: p.RespawnTicks == 0,
			RespawnIn: time.Duration(p.RespawnTicks) * time.Second / rate,
		})
	}
	return dst
}

// killCause is the last shot or explosion read: a kill event that follows
// it at the same tick by the same player is its doing (the server records
// each kill right after what caused it).
type killCause struct {
	tick   uint32
	player game.PlayerID
	weapon game.Weapon
}

// WorldProjectiles appends a World's rockets as a Feed shows them, for a
// Feed that steps a World itself (a replay): where they are now, local
// set for those of local.
func WorldProjectiles(ps []game.Projectile, local game.PlayerID, dst []ProjectileView) []ProjectileView {
	for i := range ps {
		p := &ps[i]
		dst = append(dst, ProjectileView{ID: uint16(p.ID), Owner: p.Owner, Pos: p.Pos, Aim: game.AimToAngle(p.Aim), Local: local != 0 && p.Owner == local})
	}
	return dst
}

// WorldPickups appends a World's pickups as a Feed shows them, at
// tickRate, for a Feed that steps a World itself.
func WorldPickups(ps []game.Pickup, tickRate int, dst []PickupView) []PickupView {
	for i := range ps {
		p := &ps[i]
		dst = append(dst, PickupView{
			ID: p.ID, Kind: p.Kind, Pos: p.Pos, Available: p.Available(),
			RespawnIn: time.Duration(p.RespawnTicks) * time.Second / time.Duration(max(1, tickRate)),
		})
	}
	return dst
}
