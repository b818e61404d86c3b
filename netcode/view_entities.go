package netcode

// Applying the projectile and pickup kind blocks to a View.

import "arena/game"

// ViewProjectile is a projectile a View holds: where it was at Tick, the
// snapshot it entered in, and its age then. It flies along Aim at the
// rocket speed, so its position at any tick follows (see At).
type ViewProjectile struct {
	ProjectileState
	Tick uint32
}

// Fired returns the tick p was fired at: its age was 1 then.
func (p *ViewProjectile) Fired() uint32 { return p.Tick + 1 - min(uint32(p.Age), p.Tick+1) }

// At returns where p is at tick t (fractional for drawing between ticks),
// at tickRate ticks a second, on the trajectory it entered on.
func (p *ViewProjectile) At(t float64, tickRate int) game.Vec2 {
	from := game.Vec2{X: FromRemote(p.X), Y: FromRemote(p.Y)}
	dir := game.FromAngle(game.AimToAngle(p.Aim))
	return game.ProjectileAt(from, dir, t-float64(p.Tick), 1/float64(tickRate))
}

// applyProjectiles merges s's projectile updates into v.projectileScratch.
func (v *View) applyProjectiles(s *Snapshot) error {
	out := v.projectileScratch[:0]
	var old []ViewProjectile
	if s.Baseline != 0 {
		old = v.Projectiles
	}
	for i := range s.Projectiles {
		u := &s.Projectiles[i]
		for len(old) > 0 && old[0].ID < u.ID {
			out = append(out, old[0])
			old = old[1:]
		}
		have := len(old) > 0 && old[0].ID == u.ID
		switch {
		case u.Mask == ProjectileEnter && have:
			return applyErrorf("projectile %d entered but is already in view", u.ID)
		case u.Mask == ProjectileEnter:
			out = append(out, ViewProjectile{ProjectileState: u.ProjectileState, Tick: s.Tick})
		case s.Baseline == 0:
			return applyErrorf("full snapshot: projectile %d is not entering", u.ID)
		case !have:
			return applyErrorf("projectile %d is gone but was not in view", u.ID)
		default: // gone
			old = old[1:]
		}
	}
	v.projectileScratch = append(out, old...)
	return nil
}

// applyPickups merges s's pickup updates into v.pickupScratch; a pickup
// without an update counts its respawn_ticks down by the baseline.
func (v *View) applyPickups(s *Snapshot) error {
	out := v.pickupScratch[:0]
	var old []PickupState
	if s.Baseline != 0 {
		old = v.Pickups
	}
	keep := func(p PickupState) {
		p.RespawnTicks = CountDown(p.RespawnTicks, s.Baseline)
		out = append(out, p)
	}
	for i := range s.Pickups {
		u := &s.Pickups[i]
		for len(old) > 0 && old[0].ID < u.ID {
			keep(old[0])
			old = old[1:]
		}
		have := len(old) > 0 && old[0].ID == u.ID
		switch {
		case u.Mask == PickupEnter:
			out = append(out, u.PickupState)
		case s.Baseline == 0:
			return applyErrorf("full snapshot: pickup %d is not entering", u.ID)
		case !have:
			return applyErrorf("update of pickup %d, which you do not have", u.ID)
		case u.Mask == PickupTimer:
			p := old[0]
			p.RespawnTicks = u.RespawnTicks
			out = append(out, p)
		}
		if have {
			old = old[1:]
		}
	}
	for _, p := range old {
		keep(p)
	}
	v.pickupScratch = out
	return nil
}
