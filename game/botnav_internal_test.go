package game

import (
	"math/rand/v2"
	"testing"

	"arena/assets"
)

// TestNavSearchResumes: a grid that goes on from its last search gives the
// same waypoints as a fresh grid for every query, and every waypoint is
// walkable in a straight line from where the query stood or the path's
// next cell.
func TestNavSearchResumes(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"arena", "warrens", "expanse"} {
		m, err := LoadMap(assets.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		shared, fresh := newNavGrid(m), newNavGrid(m)
		rng := rand.New(rand.NewPCG(1, 2))
		open := func() Vec2 {
			for {
				p := Vec2{rng.Float64() * m.Width, rng.Float64() * m.Height}
				if !m.Blocked(p, PlayerRadius) {
					return p
				}
			}
		}
		goals := []Vec2{open(), open(), open()}
		for q := range 300 {
			from, goal := open(), goals[rng.IntN(len(goals))]
			got, okGot := shared.waypoint(from, goal)
			fresh.goal = -1 // forget its last search: this one starts afresh
			want, okWant := fresh.waypoint(from, goal)
			if got != want || okGot != okWant {
				t.Fatalf("%s query %d from %v to %v: resumed search gives %v %v, a fresh one %v %v", name, q, from, goal, got, okGot, want, okWant)
			}
			// Walkable straight, or else the next cell of the path.
			if okGot && got != goal && !shared.clearWalk(from, got) && got.Dist(from) > 2*navCellSize {
				t.Errorf("%s query %d: waypoint %v is neither walkable straight from %v nor next to it", name, q, got, from)
			}
		}
	}
}
