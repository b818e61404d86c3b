package game

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// TestRaycastPrefilterExact: the bounding-box prefilter in Raycast never
// changes a result. Random rays of every length on the shipped arena are
// compared, bit for bit, with the plain slab test over every wall.
func TestRaycastPrefilterExact(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../assets/maps/arena.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMap("arena.json", data)
	if err != nil {
		t.Fatal(err)
	}
	reference := func(p, dir Vec2, maxDist float64) float64 {
		dist := maxDist
		if t, inside := exitDist(Rect{Max: Vec2{m.Width, m.Height}}, p, dir); !inside {
			return 0
		} else if t < dist {
			dist = t
		}
		for _, w := range m.Walls {
			if t, ok := entryDist(w, p, dir); ok && t < dist {
				dist = t
			}
		}
		return math.Max(0, dist)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200000 {
		p := Vec2{rng.Float64() * m.Width, rng.Float64() * m.Height}
		if i%7 == 0 { // on a wall's edge or corner, where rounding bites
			w := m.Walls[rng.IntN(len(m.Walls))]
			p = Vec2{[2]float64{w.Min.X, w.Max.X}[rng.IntN(2)], w.Min.Y + rng.Float64()*w.H()}
		}
		dir := FromAngle(rng.Float64() * 2 * math.Pi)
		if i%11 == 0 { // axis-aligned
			dir = [4]Vec2{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}[rng.IntN(4)]
		}
		maxDist := []float64{1, 60, 180, 900, 5000}[rng.IntN(5)]
		if got, want := m.Raycast(p, dir, maxDist), reference(p, dir, maxDist); got != want {
			t.Fatalf("Raycast(%v, %v, %v) = %v, the plain slab test %v", p, dir, maxDist, got, want)
		}
	}
}
