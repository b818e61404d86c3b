package game_test

import (
	"math"
	"testing"

	"arena/game"
)

// duel returns a World on m with two players, a at from aiming at b at to,
// both unprotected, and a holding fire.
func duel(t *testing.T, m *game.Map, from, to game.Vec2) (w *heldWorld, a, b *game.Player) {
	t.Helper()
	w = holding(newWorld(t, m, 1, 2))
	a, b = w.Players()[0], w.Players()[1]
	place(a, from)
	place(b, to)
	aim := math.Atan2(to.Y-from.Y, to.X-from.X)
	w.hold(a.ID, game.MakeInput(0, 0, aim, true))
	return w, a, b
}

func TestHitscan(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"................................",
		".S............................S.",
		"................................",
		"................................",
		"........#.......................",
		"................................",
	)
	tests := []struct {
		name       string
		from, to   game.Vec2
		protect    int
		wantHealth int
		wantTarget bool
		wantTo     game.Vec2
	}{
		{"hit", game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48}, 0, game.MaxHealth - game.HitscanDamage, true, game.Vec2{X: 400 - game.PlayerRadius, Y: 48}},
		{"hit diagonal", game.Vec2{X: 100, Y: 48}, game.Vec2{X: 200, Y: 148}, 0, game.MaxHealth - game.HitscanDamage, true, game.Vec2{X: 200 - game.PlayerRadius/math.Sqrt2, Y: 148 - game.PlayerRadius/math.Sqrt2}},
		{"wall between", game.Vec2{X: 200, Y: 144}, game.Vec2{X: 400, Y: 144}, 0, game.MaxHealth, false, game.Vec2{X: 256, Y: 144}},
		{"out of range", game.Vec2{X: 20, Y: 20}, game.Vec2{X: 20 + game.HitscanRange + game.PlayerRadius + 1, Y: 20}, 0, game.MaxHealth, false, game.Vec2{X: 20 + game.HitscanRange, Y: 20}},
		{"protected", game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48}, 30, game.MaxHealth, true, game.Vec2{X: 400 - game.PlayerRadius, Y: 48}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, a, b := duel(t, m, tt.from, tt.to)
			b.ProtectTicks = tt.protect
			w.Step()
			if b.Health != tt.wantHealth {
				t.Errorf("target health = %d, want %d", b.Health, tt.wantHealth)
			}
			var shots []game.Event
			for _, e := range w.Events() {
				if e.Kind == game.EventShot {
					shots = append(shots, e)
				}
			}
			if len(shots) != 1 {
				t.Fatalf("shot events = %v, want one", w.Events())
			}
			e := shots[0]
			wantTarget := game.PlayerID(0)
			if tt.wantTarget {
				wantTarget = b.ID
			}
			if e.Actor != a.ID || e.Target != wantTarget || e.From != tt.from || e.To.Dist(tt.wantTo) > 1e-6 {
				t.Errorf("shot = %+v, want actor %d target %d from %v to %v", e, a.ID, wantTarget, tt.from, tt.wantTo)
			}
		})
	}
}

func TestHitscanFirstPlayerTakesTheShot(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 3)
	a, far, near := w.Players()[0], w.Players()[1], w.Players()[2]
	place(a, game.Vec2{X: 50, Y: 100})
	place(far, game.Vec2{X: 400, Y: 100})
	place(near, game.Vec2{X: 200, Y: 105})
	w.SetInput(a.ID, game.MakeInput(0, 0, 0, true))
	w.Step()
	if near.Health != game.MaxHealth-game.HitscanDamage || far.Health != game.MaxHealth {
		t.Errorf("health near %d far %d, want only the nearer player hit", near.Health, far.Health)
	}
}

func TestCooldownLimitsFireRate(t *testing.T) {
	t.Parallel()
	w, _, b := duel(t, openMap(t), game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48})
	cooldown := int(game.HitscanCooldown * game.DefaultTickRate)
	shots := 0
	for range 4 * cooldown {
		b.Health = game.MaxHealth // keep the target alive
		w.Step()
		shots += countEvents(w.World, game.EventShot)
	}
	if shots != 4 {
		t.Errorf("%d shots in %d ticks, want 4 (one per %d ticks)", shots, 4*cooldown, cooldown)
	}
}

func TestDeathAndScore(t *testing.T) {
	t.Parallel()
	w, a, b := duel(t, openMap(t), game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48})
	shotsToKill := (game.MaxHealth + game.HitscanDamage - 1) / game.HitscanDamage
	kills := 0
	for range 100 {
		w.Step()
		kills += countEvents(w.World, game.EventKill)
		if !b.Alive {
			break
		}
	}
	if b.Alive || b.Health != 0 || b.Deaths != 1 {
		t.Fatalf("target alive=%v health=%d deaths=%d, want dead, 0, 1", b.Alive, b.Health, b.Deaths)
	}
	if a.Kills != 1 || a.Score != 1 || a.Deaths != 0 || kills != 1 {
		t.Errorf("shooter kills=%d score=%d deaths=%d, kill events=%d; want 1 1 0 1", a.Kills, a.Score, a.Deaths, kills)
	}
	wantTick := uint32((shotsToKill-1)*int(game.HitscanCooldown*game.DefaultTickRate) + 1)
	if w.Tick() != wantTick {
		t.Errorf("died on tick %d, want %d (%d shots)", w.Tick(), wantTick, shotsToKill)
	}
	if want := int(game.RespawnDelay * game.DefaultTickRate); b.RespawnTicks != want {
		t.Errorf("respawn ticks = %d, want %d", b.RespawnTicks, want)
	}
	// A dead player neither moves, fires nor takes shots.
	w.hold(b.ID, game.MakeInput(1, 0, math.Pi, true))
	pos := b.Pos
	for range 20 {
		w.Step()
		if countEvents(w.World, game.EventShot) > 0 {
			for _, e := range w.Events() {
				if e.Actor == b.ID || e.Target == b.ID {
					t.Fatalf("dead player in event %+v", e)
				}
			}
		}
	}
	if b.Pos != pos || b.Alive || a.Kills != 1 {
		t.Errorf("dead player moved or died again: pos %v->%v alive=%v kills=%d", pos, b.Pos, b.Alive, a.Kills)
	}
}
