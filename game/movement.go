package game

import "math"

// stopSpeed is the speed below which friction stops a player outright, so an
// idle player comes to rest instead of creeping for seconds.
const stopSpeed = 2.0 // units/s

// MovePlayer applies one tick of movement for in to p on m (acceleration,
// friction, speed cap, wall collision, map bounds) and snaps the result to the
// grid. It is what Step uses, exported so a client can predict its own player.
//
// With a movement input the velocity accelerates (at most Acceleration*dt per
// tick) toward the input direction at MaxSpeed scaled by |move|/127, so a half
// pushed stick walks at half speed and turning does not drift. Without one,
// Friction decays the velocity to rest. Walls are swept one axis at a time, so
// a player slides along a wall it runs into and cannot tunnel through one at
// any speed.
func MovePlayer(m *Map, p *Player, in Input, dt float64) {
	if !(dt > 0) || math.IsInf(dt, 1) { // also rejects NaN
		return
	}
	// Products are rounded explicitly (float64(a*b)) wherever a sum follows,
	// so that no compiler fuses them into an FMA: see Vec2.
	mx, my := float64(in.MoveX), float64(in.MoveY)
	if l := (Vec2{mx, my}).Len(); l > 0 {
		scale := math.Min(l/127, 1)
		target := Vec2{float64(mx / l * MaxSpeed * scale), float64(my / l * MaxSpeed * scale)}
		dv := target.Sub(p.Vel)
		if step, n := Acceleration*dt, dv.Len(); n > step {
			k := step / n
			dv = Vec2{float64(dv.X * k), float64(dv.Y * k)}
		}
		p.Vel = p.Vel.Add(dv)
	} else {
		p.Vel = p.Vel.Scale(math.Max(0, 1-float64(Friction*dt)))
		if p.Vel.Len() < stopSpeed {
			p.Vel = Vec2{}
		}
	}
	if s := p.Vel.Len(); s > MaxSpeed {
		p.Vel = p.Vel.Scale(MaxSpeed / s)
	}
	p.Vel = Vec2{Quantize(p.Vel.X), Quantize(p.Vel.Y)}

	// Each axis moves to a grid point first and is then pulled back (to a
	// grid point) by whatever it would hit, so the final position is both
	// quantized and clear of every wall: quantizing after collision could
	// push a player 1/32 unit into a wall.
	x, blocked := sweepAxis(m, p.Pos.X, Quantize(p.Pos.X+float64(p.Vel.X*dt)), p.Pos.Y, m.Width, true)
	if blocked {
		p.Vel.X = 0
	}
	p.Pos.X = x
	y, blocked := sweepAxis(m, p.Pos.Y, Quantize(p.Pos.Y+float64(p.Vel.Y*dt)), p.Pos.X, m.Height, false)
	if blocked {
		p.Vel.Y = 0
	}
	p.Pos.Y = y
}

// sweepAxis moves a PlayerRadius circle along one axis from from to to (other
// is its fixed coordinate on the other axis, size the map's extent on the
// moving axis) and returns where it stops and whether something stopped it.
// For each wall the circle overlaps exactly when its coordinate is strictly
// inside (lo, hi), an interval that depends only on the fixed coordinate; a
// move that starts at or before lo and ends past it stops at lo, whatever the
// distance, which is why nothing tunnels.
func sweepAxis(m *Map, from, to, other, size float64, xAxis bool) (float64, bool) {
	const r = PlayerRadius
	blocked := false
	// Map bounds.
	if to < r {
		to, blocked = r, true
	}
	if to > size-r {
		to, blocked = size-r, true
	}
	if to == from {
		return to, blocked
	}
	for _, wall := range m.Walls {
		lo, hi, olo, ohi := wall.Min.X, wall.Max.X, wall.Min.Y, wall.Max.Y
		if !xAxis {
			lo, hi, olo, ohi = wall.Min.Y, wall.Max.Y, wall.Min.X, wall.Max.X
		}
		// Half-width of the blocking interval at this fixed coordinate.
		var d float64
		switch {
		case other < olo:
			d = olo - other
		case other > ohi:
			d = other - ohi
		}
		if d >= r {
			continue
		}
		reach := r
		if d > 0 {
			reach = math.Sqrt(float64(r*r) - float64(d*d))
		}
		lo, hi = lo-reach, hi+reach
		switch {
		case to > from && from <= lo && to > lo:
			// Floor to the grid: still between from (on the grid) and lo.
			to, blocked = math.Max(from, math.Floor(lo*QuantumPerUnit)/QuantumPerUnit), true
		case to < from && from >= hi && to < hi:
			to, blocked = math.Min(from, math.Ceil(hi*QuantumPerUnit)/QuantumPerUnit), true
		}
	}
	return to, blocked
}

// Quantize snaps v to the 1/QuantumPerUnit grid.
func Quantize(v float64) float64 { return math.Round(v*QuantumPerUnit) / QuantumPerUnit }
