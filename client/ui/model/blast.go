package model

// Rocket effects: the trail a projectile leaves, and explosions, both
// aged by the clock like the other effects.

import (
	"time"

	"arena/game"
)

// Lifetimes of the rocket effects.
const (
	ExplosionLife = 450 * time.Millisecond
	TrailLife     = 250 * time.Millisecond
	TrailPoints   = 12 // points kept per trail
)

// Explosion is a rocket's blast at At, of splash radius Radius.
type Explosion struct {
	At     game.Vec2
	Radius float64
	Born   time.Time
}

// Shape is the blast at now: how far its ring has spread (world units,
// out to the splash radius, fast then slowing) and its opacity (fading
// over the whole life). Both 0 once it is over.
func (e *Explosion) Shape(now time.Time) (radius float64, alpha float32) {
	age := now.Sub(e.Born)
	if age < 0 {
		age = 0
	}
	if age >= ExplosionLife {
		return 0, 0
	}
	f := float64(age) / float64(ExplosionLife)
	spread := 1 - (1-f)*(1-f)*(1-f) // ease out
	return e.Radius * (0.25 + 0.75*spread), FadeOut(age, ExplosionLife, ExplosionLife)
}

// AddExplosion adds a blast.
func (e *Effects) AddExplosion(x Explosion) { e.Explosions = append(e.Explosions, x) }

// TrailPoint is where a projectile was drawn at a moment.
type TrailPoint struct {
	At   game.Vec2
	Born time.Time
}

// Trails are the recent positions of the projectiles on screen, by id.
// Mark each projectile every frame, then Sweep.
type Trails struct {
	byID map[uint32][]TrailPoint
	seen map[uint32]bool
}

// Mark records that projectile id is drawn at p at now.
func (t *Trails) Mark(id uint32, p game.Vec2, now time.Time) {
	if t.byID == nil {
		t.byID, t.seen = make(map[uint32][]TrailPoint), make(map[uint32]bool)
	}
	pts := append(t.byID[id], TrailPoint{At: p, Born: now})
	if n := len(pts) - TrailPoints; n > 0 {
		pts = append(pts[:0], pts[n:]...)
	}
	t.byID[id] = pts
	t.seen[id] = true
}

// Sweep drops the points older than TrailLife at now, and the trails of
// projectiles not marked since the last Sweep once their points are gone.
func (t *Trails) Sweep(now time.Time) {
	for id, pts := range t.byID {
		keep := pts[:0]
		for _, p := range pts {
			if now.Sub(p.Born) < TrailLife {
				keep = append(keep, p)
			}
		}
		if len(keep) == 0 && !t.seen[id] {
			delete(t.byID, id)
			continue
		}
		t.byID[id] = keep
	}
	clear(t.seen)
}

// Points is projectile id's trail, oldest first; the slice is the Trails'.
func (t *Trails) Points(id uint32) []TrailPoint { return t.byID[id] }

// Len is how many trails there are.
func (t *Trails) Len() int { return len(t.byID) }

// Each calls f for every trail.
func (t *Trails) Each(f func(id uint32, pts []TrailPoint)) {
	for id, pts := range t.byID {
		f(id, pts)
	}
}

// TrailAlpha is a trail point's opacity at now: fading over TrailLife.
func TrailAlpha(p *TrailPoint, now time.Time) float32 {
	return FadeOut(now.Sub(p.Born), TrailLife, TrailLife)
}

// PickupPulse is a pickup's scale at t seconds: it breathes, 0.9 to 1.1
// over 1.2 s, and sits at 0.7 while taken (waiting to respawn).
func PickupPulse(t float64, available bool) float64 {
	if !available {
		return 0.7
	}
	const period = 1.2
	f := t/period - float64(int64(t/period))
	if f < 0 {
		f++
	}
	tri := 1 - 2*abs(f-0.5) // 0..1..0
	return 0.9 + 0.2*tri
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
