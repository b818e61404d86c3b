package game

import "math"

// spawn puts p back into play at a spawn point chosen by pickSpawn: full
// health, at rest, with the blaster and no rockets, protected for
// SpawnProtection seconds.
func (w *World) spawn(p *Player) {
	p.Pos = w.m.Spawns[w.pickSpawn(p)]
	p.Vel = Vec2{}
	p.Health = MaxHealth
	p.Alive = true
	p.RespawnTicks = 0
	p.CooldownTicks = 0
	p.Weapon, p.Ammo = WeaponBlaster, 0
	p.ProtectTicks = w.spawnProtectTicks()
}

// pickSpawn returns the index of the spawn point for p. Each spawn is scored
// by its distance to the nearest living enemy; the World's RNG picks among
// those at least half as safe as the safest, so spawns are far from enemies
// without being predictable. A spawn occupied by a living player counts as
// unsafe.
func (w *World) pickSpawn(p *Player) int {
	spawns := w.m.Spawns
	best := 0.0
	for i, s := range spawns {
		score := math.Inf(1)
		for _, o := range w.players {
			if o == p || !o.Alive {
				continue
			}
			d := s.Dist(o.Pos)
			if d < 2*PlayerRadius {
				d = 0 // occupied
			}
			score = math.Min(score, d)
		}
		w.spawnScore[i] = score
		best = math.Max(best, score)
	}
	threshold := best / 2
	n := 0
	for _, score := range w.spawnScore {
		if score >= threshold {
			n++
		}
	}
	k := w.rng.IntN(n)
	for i, score := range w.spawnScore {
		if score >= threshold {
			if k == 0 {
				return i
			}
			k--
		}
	}
	return 0 // unreachable: n counts the candidates
}
