package client

import (
	"math"

	"arena/game"
)

// simulateCommand is one input of the local player's own timeline, as the
// server simulates it: movement, aim, firing and the weapon cooldown.
func simulateCommand(m *game.Map, p *game.Player, in game.Input, dt float64, cooldown int) bool {
	fired := false
	if p.Alive {
		game.MovePlayer(m, p, in, dt)
		p.Aim = in.Aim
		if p.CooldownTicks == 0 && in.Fire() {
			p.CooldownTicks, p.ProtectTicks, fired = cooldown, 0, true
		}
	}
	if p.CooldownTicks > 0 {
		p.CooldownTicks--
	}
	if p.ProtectTicks > 0 {
		p.ProtectTicks--
	}
	return fired
}

// rayCircle is game's ray-circle test (distance along the unit vector dir
// from p to where the ray enters the circle c, r).
func rayCircle(p, dir, c game.Vec2, r float64) (float64, bool) {
	oc := c.Sub(p)
	tc := oc.Dot(dir)
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
