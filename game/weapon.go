package game

import "math"

// fire shoots p's hitscan weapon along its aim: the ray stops at the first
// wall or at the first other living player it crosses, whichever is nearer.
// The caller has checked that p is alive, holds fire and is off cooldown.
func (w *World) fire(p *Player) {
	p.CooldownTicks = w.ticks(HitscanCooldown)
	// Firing ends the shooter's own spawn protection: it is there to let a
	// newcomer get its bearings, not to attack with impunity.
	p.ProtectTicks = 0
	dir := FromAngle(AimToAngle(p.Aim))
	dist := w.m.Raycast(p.Pos, dir, HitscanRange)

	var target *Player
	for _, o := range w.players {
		if o == p || !o.Alive {
			continue
		}
		if t, ok := rayCircle(p.Pos, dir, o.Pos, PlayerRadius); ok && t <= dist {
			dist, target = t, o
		}
	}

	ev := Event{Kind: EventShot, Actor: p.ID, From: p.Pos, To: p.Pos.Add(dir.Scale(dist))}
	if target != nil {
		ev.Target = target.ID
	}
	w.events = append(w.events, ev)
	if target == nil || target.ProtectTicks > 0 {
		return
	}
	target.Health -= HitscanDamage
	if target.Health > 0 {
		return
	}
	target.Health = 0
	target.Alive = false
	target.Deaths++
	target.RespawnTicks = w.ticks(RespawnDelay)
	target.Vel = Vec2{}
	p.Kills++
	p.Score++
	w.events = append(w.events, Event{Kind: EventKill, Actor: p.ID, Target: target.ID, From: p.Pos, To: target.Pos})
}

// rayCircle returns the distance along the unit vector dir from p to where the
// ray enters the circle (c, r). A ray starting inside the circle hits at 0:
// a point-blank shot must not pass through its target.
func rayCircle(p, dir, c Vec2, r float64) (float64, bool) {
	oc := c.Sub(p)
	tc := oc.Dot(dir) // distance along the ray to the point nearest c
	r2 := float64(r * r)
	d2 := oc.Dot(oc) - float64(tc*tc)
	if d2 > r2 {
		return 0, false
	}
	if oc.Dot(oc) <= r2 {
		return 0, true
	}
	if tc < 0 {
		return 0, false
	}
	return tc - math.Sqrt(r2-d2), true
}
