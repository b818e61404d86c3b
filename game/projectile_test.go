package game_test

import (
	"math"
	"testing"

	"arena/game"
)

// rocketer gives p the launcher with ammo rockets.
func rocketer(p *game.Player, ammo int) {
	p.Weapon, p.Ammo = game.WeaponRocket, ammo
}

// events returns the last Step's events of kind.
func events(w *game.World, kind game.EventKind) []game.Event {
	var out []game.Event
	for _, e := range w.Events() {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// wideMap is 60x10 tiles of open floor: room for a rocket's whole flight.
func wideMap(t *testing.T) *game.Map {
	row := ".............................................................."[:60]
	rows := make([]string, 10)
	for i := range rows {
		rows[i] = row
	}
	rows[1] = ".S" + row[2:58] + "S."
	return parse(t, rows...)
}

func TestRocketTravelsAndExpires(t *testing.T) {
	t.Parallel()
	w := newWorld(t, wideMap(t), 1, 1)
	a := w.Players()[0]
	place(a, game.Vec2{X: 100, Y: 160})
	rocketer(a, 3)
	w.SetInput(a.ID, game.MakeInput(0, 0, 0, true))
	w.Step()
	if a.Ammo != 2 || a.CooldownTicks != int(game.RocketCooldown*game.DefaultTickRate)-1 {
		t.Errorf("after firing: ammo %d cooldown %d", a.Ammo, a.CooldownTicks)
	}
	if n := len(events(w, game.EventShot)); n != 0 {
		t.Errorf("%d hitscan shots from the launcher", n)
	}
	prs := w.Projectiles()
	if len(prs) != 1 {
		t.Fatalf("%d projectiles, want 1", len(prs))
	}
	step := game.RocketSpeed / game.DefaultTickRate
	if pr := prs[0]; pr.Owner != a.ID || pr.Age != 1 || pr.Pos.Dist(game.Vec2{X: 100 + step, Y: 160}) > 1e-9 {
		t.Fatalf("projectile %+v, want age 1 at x %v", pr, 100+step)
	}
	life := int(game.RocketLifetime * game.DefaultTickRate)
	for tick := 2; tick <= life; tick++ {
		w.Step()
		ex := events(w, game.EventExplosion)
		if tick < life {
			if len(ex) != 0 || len(w.Projectiles()) != 1 {
				t.Fatalf("tick %d: explosions %v, projectiles %d", tick, ex, len(w.Projectiles()))
			}
			if got, want := w.Projectiles()[0].Pos.X, 100+float64(tick)*step; math.Abs(got-want) > 1e-9 {
				t.Fatalf("tick %d: x %v, want %v", tick, got, want)
			}
			continue
		}
		if len(ex) != 1 || len(w.Projectiles()) != 0 {
			t.Fatalf("end of life: explosions %v, projectiles %d", ex, len(w.Projectiles()))
		}
		if want := (game.Vec2{X: 100 + float64(life)*step, Y: 160}); ex[0].From.Dist(want) > 1e-9 || ex[0].Target != 0 || ex[0].Actor != a.ID {
			t.Errorf("explosion %+v, want at %v by %d", ex[0], want, a.ID)
		}
	}
}

func TestRocketDirectHit(t *testing.T) {
	t.Parallel()
	w := newWorld(t, wideMap(t), 1, 2)
	a, b := w.Players()[0], w.Players()[1]
	place(a, game.Vec2{X: 100, Y: 160})
	place(b, game.Vec2{X: 300, Y: 160})
	rocketer(a, 1)
	w.SetInput(a.ID, game.MakeInput(0, 0, 0, true))
	w.Step()
	var ex []game.Event
	for range 30 {
		w.Step()
		if ex = events(w, game.EventExplosion); len(ex) > 0 {
			break
		}
	}
	if len(ex) != 1 || ex[0].Target != b.ID {
		t.Fatalf("explosions %v, want one hitting %d", ex, b.ID)
	}
	if want := 300 - game.PlayerRadius - game.RocketRadius; math.Abs(ex[0].From.X-want) > 1e-9 {
		t.Errorf("exploded at %v, want x %v", ex[0].From, want)
	}
	if b.Health != game.MaxHealth-game.RocketDamage {
		t.Errorf("target health %d, want %d", b.Health, game.MaxHealth-game.RocketDamage)
	}
	// Travel time: 200 units to the contact point at 10 a tick.
	if w.Tick() < 18 {
		t.Errorf("hit at tick %d: a rocket is not instant", w.Tick())
	}
}

// TestRocketSplash: a rocket into a wall hurts the players around the
// explosion by distance, not its owner, not through a wall.
func TestRocketSplash(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"..............#.....",
		".S............#...S.",
		"..............#.....",
		"..............#.....",
		"..............#.....",
		"..............#.....",
		"....................",
		"....................",
		".S................S.",
		"....................",
	)
	// The wall's face is x = 448; a rocket fired along y = 80 stops at 447.5.
	at := game.Vec2{X: 447.5, Y: 80}
	// below puts a player under the explosion, off the rocket's path, its
	// edge edge units from the centre.
	below := func(edge float64) game.Vec2 {
		dx := at.X - 434 // 434 + PlayerRadius is the wall's face
		return game.Vec2{X: 434, Y: at.Y + math.Sqrt((edge+game.PlayerRadius)*(edge+game.PlayerRadius)-dx*dx)}
	}
	tests := []struct {
		name string
		pos  game.Vec2
		want int
	}{
		{"close", below(10), 72},
		{"half way", below(50), game.RocketDamage / 2},
		{"edge", below(99), 1},
		{"outside", below(100.01), 0},
		{"behind the wall", game.Vec2{X: 480 + game.PlayerRadius, Y: 80}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, m, 1, 2)
			a, b := w.Players()[0], w.Players()[1]
			place(a, game.Vec2{X: 300, Y: 80})
			place(b, tt.pos)
			rocketer(a, 1)
			w.SetInput(a.ID, game.MakeInput(0, 0, 0, true))
			var ex []game.Event
			for range 20 {
				w.Step()
				if ex = events(w, game.EventExplosion); len(ex) > 0 {
					break
				}
			}
			if len(ex) != 1 || ex[0].From.Dist(at) > 1e-9 || ex[0].Target != 0 {
				t.Fatalf("explosions %+v, want one at %v hitting nobody directly", ex, at)
			}
			if got := game.MaxHealth - b.Health; got != tt.want {
				t.Errorf("damage %d, want %d", got, tt.want)
			}
			if a.Health != game.MaxHealth {
				t.Errorf("owner health %d: rockets do not hurt their owner", a.Health)
			}
		})
	}
}

func TestSplashDamageFalloff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		edge float64
		want int
	}{{-3, 80}, {0, 80}, {25, 60}, {50, 40}, {99, 1}, {99.5, 0}, {100, 0}, {250, 0}} {
		if got := game.SplashDamage(c.edge); got != c.want {
			t.Errorf("SplashDamage(%v) = %d, want %d", c.edge, got, c.want)
		}
	}
}

func TestRocketKillScores(t *testing.T) {
	t.Parallel()
	w := newWorld(t, wideMap(t), 1, 2)
	a, b := w.Players()[0], w.Players()[1]
	place(a, game.Vec2{X: 100, Y: 160})
	place(b, game.Vec2{X: 300, Y: 160})
	b.Health = 10
	rocketer(a, 1)
	w.SetInput(a.ID, game.MakeInput(0, 0, 0, true))
	kills := 0
	for range 30 {
		w.Step()
		for _, e := range events(w, game.EventKill) {
			if e.Actor == a.ID && e.Target == b.ID {
				kills++
			}
		}
	}
	if kills != 1 || b.Alive || a.Kills != 1 || a.Score != 1 || b.Deaths != 1 {
		t.Errorf("kill events %d, victim alive %v, killer kills %d score %d, victim deaths %d", kills, b.Alive, a.Kills, a.Score, b.Deaths)
	}
}

func TestRocketOfLeaverVanishes(t *testing.T) {
	t.Parallel()
	w := newWorld(t, wideMap(t), 1, 1)
	a := w.Players()[0]
	place(a, game.Vec2{X: 100, Y: 160})
	rocketer(a, 1)
	w.SetInput(a.ID, game.MakeInput(0, 0, 0, true))
	w.Step()
	w.RemovePlayer(a.ID)
	w.Step()
	if len(w.Projectiles()) != 0 || len(events(w, game.EventExplosion)) != 0 {
		t.Errorf("projectiles %v events %v after the owner left", w.Projectiles(), w.Events())
	}
}
