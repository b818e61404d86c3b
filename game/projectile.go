package game

// Rockets: projectiles with travel time and splash damage, simulated in the
// present. A rocket flies in a straight line at RocketSpeed from where its
// shooter stood after the firing command; each Step it advances one tick
// and explodes at the first wall or other living player on that segment,
// or where it is after RocketLifetime. Its position is computed from its
// origin and age (Origin + Dir·age·RocketSpeed·dt), never accumulated, so a
// client that knows where a rocket was at one tick draws it exactly at any
// other.
//
// Lag compensation: none for projectiles, as in Source. A rocket takes a
// visible time to arrive, so its target can dodge it, and it meets the
// other players where they are on the server; only the hitscan blaster
// rewinds (lagcomp.go). Its shooter sees the rocket at once, predicted
// (client/projectiles.go).
//
// Splash: an explosion hurts every other living player whose edge is within
// RocketSplashRadius of it and who is not behind a wall from it, by
// RocketDamage at the centre falling off linearly to 0 at the radius; a
// direct hit deals RocketDamage. There is no self-damage: a player's own
// rockets never hurt it (no suicide to score, no prediction of it).

import "math"

// ProjectileID identifies a projectile within one World; 0 means none.
type ProjectileID uint16

// Projectile is a rocket in flight. Fields are read-only outside package
// game.
type Projectile struct {
	ID     ProjectileID
	Owner  PlayerID
	Origin Vec2   // the shooter's position after its firing command
	Aim    uint16 // direction, as Input.Aim
	Dir    Vec2   // the unit vector of Aim
	Age    int    // Steps flown, 1 after the Step it was fired in
	Pos    Vec2   // ProjectileAt(Origin, Dir, Age, dt)
}

// ProjectileAt returns where a rocket fired from origin along the unit
// vector dir is after age Steps of dt seconds.
func ProjectileAt(origin, dir Vec2, age float64, dt float64) Vec2 {
	return origin.Add(dir.Scale(float64(age * float64(RocketSpeed*dt))))
}

// launch is a rocket a command fired, added once every player's commands
// and the hitscan shots of the Step have run.
type launch struct {
	shooter *Player
	from    Vec2
	aim     uint16
}

// launchRockets adds the Step's launches, in the order they were fired. A
// shooter killed earlier in the Step does not fire (its rocket is spent),
// nor does one over MaxProjectiles.
func (w *World) launchRockets() {
	for _, l := range w.launches {
		if !l.shooter.Alive || len(w.projectiles) >= MaxProjectiles {
			continue
		}
		dir := FromAngle(AimToAngle(l.aim))
		w.projectiles = append(w.projectiles, Projectile{
			ID: w.freeProjectileID(), Owner: l.shooter.ID,
			Origin: l.from, Aim: l.aim, Dir: dir, Pos: l.from,
		})
	}
}

// freeProjectileID returns the next id nobody in flight holds; ids count
// up from 1 and wrap before 65535, like player ids.
func (w *World) freeProjectileID() ProjectileID {
	for {
		id := w.nextProjectile
		w.nextProjectile++
		if w.nextProjectile == 0 || w.nextProjectile == math.MaxUint16 {
			w.nextProjectile = 1
		}
		inUse := false
		for i := range w.projectiles {
			if w.projectiles[i].ID == id {
				inUse = true
				break
			}
		}
		if !inUse {
			return id
		}
	}
}

// stepProjectiles advances every rocket by one tick, oldest first, and
// explodes those that hit something or reach the end of their life. The
// rocket of a player who left the World goes with it.
func (w *World) stepProjectiles() {
	step := float64(RocketSpeed * w.dt)
	life := w.ticks(RocketLifetime)
	kept := w.projectiles[:0]
	for _, pr := range w.projectiles {
		owner := w.player(pr.Owner)
		if owner == nil {
			continue
		}
		prev := pr.Pos
		pr.Age++
		dist := w.m.Raycast(prev, pr.Dir, step)
		wall := dist < step
		var direct *Player
		for _, o := range w.players {
			if o == owner || !o.Alive {
				continue
			}
			if t, ok := RayCircle(prev, pr.Dir, o.Pos, PlayerRadius+RocketRadius); ok && t <= dist {
				dist, direct = t, o
			}
		}
		switch {
		case direct != nil:
			w.explode(&pr, owner, prev.Add(pr.Dir.Scale(dist)), direct)
		case wall:
			// Back off the wall's face, so the splash's line-of-sight
			// rays do not start on it.
			w.explode(&pr, owner, prev.Add(pr.Dir.Scale(math.Max(0, dist-0.5))), nil)
		default:
			pr.Pos = ProjectileAt(pr.Origin, pr.Dir, float64(pr.Age), w.dt)
			if pr.Age >= life {
				w.explode(&pr, owner, pr.Pos, nil)
				continue
			}
			kept = append(kept, pr)
		}
	}
	clear(w.projectiles[len(kept):])
	w.projectiles = kept
}

// explode ends pr at at: an EventExplosion, then the splash damage.
func (w *World) explode(pr *Projectile, owner *Player, at Vec2, direct *Player) {
	ev := Event{Kind: EventExplosion, Actor: owner.ID, From: at, To: at, Item: uint16(pr.ID)}
	if direct != nil {
		ev.Target = direct.ID
	}
	w.events = append(w.events, ev)
	for _, o := range w.players {
		if o == owner || !o.Alive {
			continue
		}
		d := o.Pos.Dist(at)
		edge := math.Max(0, d-PlayerRadius)
		if o == direct {
			edge = 0
		}
		if edge >= RocketSplashRadius {
			continue
		}
		if o != direct && d > 0 && w.m.Raycast(at, o.Pos.Sub(at).Scale(1/d), d) < d {
			continue // behind a wall
		}
		w.damage(owner, o, SplashDamage(edge), owner.Pos)
	}
}

// SplashDamage is the damage of an explosion to a player whose edge is
// edge units from its centre: RocketDamage·(1 − edge/RocketSplashRadius),
// rounded half up, 0 at or beyond the radius.
func SplashDamage(edge float64) int {
	if edge >= RocketSplashRadius {
		return 0
	}
	x := float64(RocketDamage * (1 - math.Max(0, edge)/RocketSplashRadius))
	return int(x + 0.5)
}

// Projectiles returns the rockets in flight, in the order they were fired.
// The slice is owned by the World and valid until the next Step.
func (w *World) Projectiles() []Projectile { return w.projectiles }
