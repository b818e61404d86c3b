package game_test

import (
	"math"
	"testing"
	"time"

	"arena/game"
)

// runner is a target running right along y = 60 at full speed, watched by a
// shooter standing below it; past[t] is where the target was after tick t.
type runner struct {
	w        *game.World
	shooter  *game.Player
	target   *game.Player
	past     map[uint32]game.Vec2
	run      game.Input
	cooldown int
}

func newRunner(t *testing.T, lagCompMax time.Duration, ticks int) *runner {
	t.Helper()
	w, err := game.NewWorld(game.Config{Map: openMap(t), Seed: 1, LagCompMax: lagCompMax})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := w.AddPlayer("p"); err != nil {
			t.Fatal(err)
		}
	}
	r := &runner{w: w, shooter: w.Players()[0], target: w.Players()[1], past: map[uint32]game.Vec2{},
		run: game.Input{MoveX: 127}, cooldown: int(game.HitscanCooldown * game.DefaultTickRate)}
	place(r.shooter, game.Vec2{X: 320, Y: 290})
	place(r.target, game.Vec2{X: 30, Y: 60})
	r.target.Vel = game.Vec2{X: game.MaxSpeed}
	for range ticks {
		r.step(nil)
	}
	return r
}

// step runs one tick: the target runs on, the shooter has cmds.
func (r *runner) step(cmds []game.Command) {
	r.w.SetInput(r.target.ID, r.run)
	r.w.SetCommands(r.shooter.ID, cmds)
	r.w.Step()
	r.past[r.w.Tick()] = r.target.Pos
}

// next is where the target will be after the coming tick.
func (r *runner) next() game.Vec2 {
	p := *r.target
	game.SimulateCommand(r.w.Map(), &p, r.run, 1.0/game.DefaultTickRate, r.cooldown)
	return p.Pos
}

// shoot fires at aimAt with the given ViewTick and Late in the coming tick
// and returns the shot event.
func (r *runner) shoot(t *testing.T, aimAt game.Vec2, viewTick, late uint32) game.Event {
	t.Helper()
	from := r.shooter.Pos
	aim := game.AngleToAim(math.Atan2(aimAt.Y-from.Y, aimAt.X-from.X))
	r.step([]game.Command{{Input: game.Input{Aim: aim, Buttons: game.ButtonFire}, ViewTick: viewTick, Late: late}})
	for _, e := range r.w.Events() {
		if e.Kind == game.EventShot && e.Actor == r.shooter.ID {
			return e
		}
	}
	t.Fatalf("no shot in %+v", r.w.Events())
	return game.Event{}
}

// TestLagCompensation: a shot aimed exactly at where a running target was
// when the shooter saw it hits, as far back as the cap (measured from the
// command's slot, so a held command's Late extends it); beyond the cap the
// rewind is clamped to the cap and the shot misses; with compensation off,
// or without a ViewTick, it hits only the current positions. A ViewTick in
// the future is the current tick: the World never extrapolates.
func TestLagCompensation(t *testing.T) {
	t.Parallel()
	const cap = 15 // DefaultLagCompMax at 60 Hz
	tests := []struct {
		name       string
		lagCompMax time.Duration
		aimBack    int // aim at where the target was this many ticks before the shot's tick
		viewBack   int // ViewTick: this many ticks before the shot's tick; -1: 0 (unknown)
		late       uint32
		hit        bool
	}{
		{"now", 0, 0, 0, 0, true},
		{"5 ticks ago", 0, 5, 5, 0, true},
		{"at the cap", 0, cap, cap, 0, true},
		{"beyond the cap: clamped to it", 0, cap + 5, cap + 5, 0, false},
		{"beyond the cap, aiming at the cap", 0, cap, cap + 5, 0, true},
		{"late extends the cap", 0, cap + 5, cap + 5, 5, true},
		{"late extends it no further", 0, cap + 10, cap + 10, 5, false},
		{"a shorter cap", 100 * time.Millisecond, 6, 6, 0, true},
		{"beyond the shorter cap", 100 * time.Millisecond, 11, 11, 0, false},
		{"off", game.LagCompOff, 10, 10, 0, false},
		{"off hits the present", game.LagCompOff, 0, 10, 0, true},
		{"no view tick", 0, 10, -1, 0, false},
		{"no view tick hits the present", 0, 0, -1, 0, true},
		{"at most the history", time.Second, 65, 70, 20, false},
		{"the history's oldest tick", time.Second, 60, 70, 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := newRunner(t, tt.lagCompMax, 80)
			now := r.w.Tick() + 1 // the shot's tick
			aimAt := r.next()
			if tt.aimBack > 0 {
				aimAt = r.past[now-uint32(tt.aimBack)]
			}
			var viewTick uint32
			if tt.viewBack >= 0 {
				viewTick = now - uint32(tt.viewBack)
			}
			e := r.shoot(t, aimAt, viewTick, tt.late)
			if hit := e.Target == r.target.ID; hit != tt.hit {
				t.Fatalf("aimed at the target's position %d ticks back with ViewTick %d (tick %d, late %d): target %d, want hit %v",
					tt.aimBack, viewTick, now, tt.late, e.Target, tt.hit)
			}
			if !tt.hit {
				if r.target.Health != game.MaxHealth {
					t.Errorf("missed, but the target lost health: %d", r.target.Health)
				}
				return
			}
			// The ray stops where it enters the target's circle as it was.
			if d := e.To.Dist(aimAt); math.Abs(d-game.PlayerRadius) > 1e-6 {
				t.Errorf("shot stopped at %v, %v from where the target was (%v), want %v", e.To, d, aimAt, game.PlayerRadius)
			}
			if r.target.Health != game.MaxHealth-game.HitscanDamage {
				t.Errorf("target health %d after a hit", r.target.Health)
			}
		})
	}
}

// TestLagCompensationFutureViewTick: a ViewTick after the current tick is
// the current tick: a shot at where the target would be then misses, one
// at where it is now hits.
func TestLagCompensationFutureViewTick(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		aimAhead  int
		wantHit   bool
		viewAhead uint32
	}{
		{"aimed ahead", 8, false, 8},
		{"aimed at now", 0, true, 8},
	} {
		r := newRunner(t, 0, 30)
		now := r.w.Tick() + 1
		ahead := *r.target
		for range 1 + tt.aimAhead {
			game.SimulateCommand(r.w.Map(), &ahead, r.run, 1.0/game.DefaultTickRate, r.cooldown)
		}
		e := r.shoot(t, ahead.Pos, now+tt.viewAhead, 0)
		if hit := e.Target == r.target.ID; hit != tt.wantHit {
			t.Errorf("%s: target %d, want hit %v", tt.name, e.Target, tt.wantHit)
		}
	}
}

// TestLagCompensationNeedsTheTargetThen: a target that was dead at the
// rewound tick, or not yet in the World, cannot be hit there, even when it
// is alive at that spot now.
func TestLagCompensationNeedsTheTargetThen(t *testing.T) {
	t.Parallel()
	spot := game.Vec2{X: 320, Y: 100}
	fire := func(w *game.World, shooter *game.Player, viewTick uint32) game.Event {
		t.Helper()
		aim := game.AngleToAim(math.Atan2(spot.Y-shooter.Pos.Y, spot.X-shooter.Pos.X))
		w.SetCommands(shooter.ID, []game.Command{{Input: game.Input{Aim: aim, Buttons: game.ButtonFire}, ViewTick: viewTick}})
		w.Step()
		for _, e := range w.Events() {
			if e.Kind == game.EventShot {
				return e
			}
		}
		t.Fatal("no shot")
		return game.Event{}
	}

	t.Run("dead then", func(t *testing.T) {
		w := newWorld(t, openMap(t), 1, 2)
		a, b := w.Players()[0], w.Players()[1]
		place(a, game.Vec2{X: 320, Y: 290})
		place(b, spot) // dead on the spot
		b.Alive, b.Health, b.RespawnTicks = false, 0, 3
		for !b.Alive {
			w.Step()
		}
		dead := w.Tick() - 1
		for range 5 {
			place(b, spot) // alive on the spot
			w.Step()
		}
		if e := fire(w, a, dead); e.Target != 0 {
			t.Errorf("shot at ViewTick %d, when the target was dead there, hit %d", dead, e.Target)
		}
		for range 15 { // commands that bring the weapon back
			w.SetInput(a.ID, game.Input{})
			w.Step()
		}
		alive := w.Tick() - 2
		if e := fire(w, a, alive); e.Target != b.ID {
			t.Errorf("shot at ViewTick %d, when it stood there alive, hit %d, want %d", alive, e.Target, b.ID)
		}
	})
	t.Run("not yet joined", func(t *testing.T) {
		w := newWorld(t, openMap(t), 1, 1)
		a := w.Players()[0]
		place(a, game.Vec2{X: 320, Y: 290})
		for range 10 {
			w.Step()
		}
		before := w.Tick()
		id, err := w.AddPlayer("late")
		if err != nil {
			t.Fatal(err)
		}
		place(w.Player(id), spot)
		w.Step()
		if e := fire(w, a, before); e.Target != 0 {
			t.Errorf("shot at ViewTick %d, before the target joined, hit %d", before, e.Target)
		}
	})
}

// TestLagCompMaxValidated: a cap longer than the history is an error.
func TestLagCompMaxValidated(t *testing.T) {
	t.Parallel()
	if _, err := game.NewWorld(game.Config{Map: openMap(t), LagCompMax: 2 * time.Second}); err == nil {
		t.Fatal("LagCompMax 2s accepted")
	}
	if _, err := game.NewWorld(game.Config{Map: openMap(t), LagCompMax: game.MaxLagCompMax}); err != nil {
		t.Fatalf("LagCompMax %v: %v", game.MaxLagCompMax, err)
	}
}
