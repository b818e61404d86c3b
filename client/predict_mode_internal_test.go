package client

import (
	"testing"
	"time"

	"arena/game"
)

// TestPredictorPlaysTheBenchRule: with Welcome's mode bench the predictor
// simulates with game.SimulateBenchCommand (300 units/s, no acceleration),
// reconciles to the server's state exactly, and allocates nothing per
// input or snapshot (a state handed to an opaque function value would
// escape to the heap: the first version allocated 3 times a snapshot).
func TestPredictorPlaysTheBenchRule(t *testing.T) {
	pr := newPredictor(game.BenchMap(), 60)
	pr.mode = game.ModeBench
	start := game.Player{ID: 1, Pos: game.Vec2{X: 1000, Y: 1000}, Alive: true, Health: 100}
	own := serverState(start)
	t0 := time.Unix(100, 0)
	pr.reconcile(&own, 0, t0)
	in := game.Input{MoveX: 127}
	for seq := uint32(1); seq <= 60; seq++ {
		pr.add(seq, in)
	}
	got, ok := pr.drawnLatest()
	if !ok || got.Pos != (game.Vec2{X: 1300, Y: 1000}) {
		t.Fatalf("after 60 inputs right: %v (%v), want x 1300: the bench rule's 300 units/s", got.Pos, ok)
	}
	want := start
	for range 30 {
		game.SimulateBenchCommand(&want, in, 1.0/60)
	}
	own = serverState(want)
	if checked, wrong, _, _ := pr.reconcile(&own, 30, t0); !checked || wrong {
		t.Errorf("the server's state after 30 inputs: checked %v wrong %v, want an exact prediction", checked, wrong)
	}
	seq := uint32(60)
	allocs := testing.AllocsPerRun(100, func() {
		seq++
		pr.add(seq, in)
		pr.reconcile(&own, 30, t0)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per input and snapshot, want 0", allocs)
	}
}
