package game

import "math"

// shotRequest is a shot a command fired, resolved once every player's
// commands of the Step have run.
type shotRequest struct {
	shooter  *Player
	from     Vec2   // the shooter's position after the command's move
	aim      uint16 // the command's aim
	viewTick uint32 // the command's ViewTick and Late: where the targets are
	late     uint32
}

// fire resolves s: the hitscan ray stops at the first wall or at the first
// other player it crosses where lag compensation puts them (see
// World.SetCommands), whichever is nearer. A shooter killed earlier in the
// Step does not fire.
func (w *World) fire(s shotRequest) {
	p := s.shooter
	if !p.Alive {
		return
	}
	dir := FromAngle(AimToAngle(s.aim))
	dist := w.m.Raycast(s.from, dir, HitscanRange)

	at := w.rewindTick(s.viewTick, s.late)
	var past *pastTick // nil: now
	if at != w.tick {
		past = w.history.at(at)
	}
	var target *Player
	for _, o := range w.players {
		if o == p || !o.Alive {
			continue
		}
		pos := o.Pos
		if at != w.tick {
			was, ok := past.find(o.ID)
			if !ok || !was.alive {
				continue
			}
			pos = was.pos
		}
		if t, ok := RayCircle(s.from, dir, pos, PlayerRadius); ok && t <= dist {
			dist, target = t, o
		}
	}

	ev := Event{Kind: EventShot, Actor: p.ID, From: s.from, To: s.from.Add(dir.Scale(dist))}
	if target != nil {
		ev.Target = target.ID
	}
	w.events = append(w.events, ev)
	if target != nil {
		w.damage(p, target, HitscanDamage, s.from)
	}
}

// damage deals dmg to target on attacker's behalf (nothing while target is
// spawn-protected); at 0 health target dies and attacker scores the kill.
// from is the attacker's position for the EventKill.
func (w *World) damage(p, target *Player, dmg int, from Vec2) {
	if target.ProtectTicks > 0 || dmg <= 0 {
		return
	}
	target.Health -= dmg
	if target.Health > 0 {
		return
	}
	target.Health = 0
	target.Alive = false
	target.Deaths++
	target.RespawnTicks = w.ticks(RespawnDelay)
	target.Vel = Vec2{}
	// A dead player's commands are not simulated, so its cooldown would
	// stand still; respawning clears it anyway, so death does.
	target.CooldownTicks = 0
	p.Kills++
	p.Score++
	w.events = append(w.events, Event{Kind: EventKill, Actor: p.ID, Target: target.ID, From: from, To: target.Pos})
}

// RayCircle returns the distance along the unit vector dir from p to where the
// ray enters the circle (c, r). A ray starting inside the circle hits at 0:
// a point-blank shot must not pass through its target.
func RayCircle(p, dir, c Vec2, r float64) (float64, bool) {
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
