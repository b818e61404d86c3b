package game_test

import (
	"testing"

	"arena/assets"
	"arena/game"
)

// TestRotationMaps checks the maps of the default rotation: each loads,
// every spawn point and pickup is in the open and reachable from every
// other by a walking player, and they differ in character: one is larger
// than the interest box (1600x1040), so interest management shows on it.
func TestRotationMaps(t *testing.T) {
	t.Parallel()
	names := assets.DefaultRotation()
	if len(names) < 3 {
		t.Fatalf("rotation %v, want at least three maps", names)
	}
	sizes := map[[2]float64]string{}
	large := 0
	for _, name := range names {
		m, err := game.LoadMap(assets.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if other, ok := sizes[[2]float64{m.Width, m.Height}]; ok {
			t.Errorf("%s is as large as %s: want maps of different character", name, other)
		}
		sizes[[2]float64{m.Width, m.Height}] = name
		if m.Width > 1600 && m.Height > 1040 {
			large++
		}
		if len(m.Spawns) < 8 {
			t.Errorf("%s: %d spawn points, want at least 8", name, len(m.Spawns))
		}
		reach := reachable(m, m.Spawns[0])
		for i, s := range m.Spawns {
			if !reach[tileOf(m, s)] {
				t.Errorf("%s: spawn %d at %v cannot be walked to from spawn 0", name, i, s)
			}
		}
		kinds := map[game.PickupKind]bool{}
		for i, p := range m.Pickups {
			kinds[p.Kind] = true
			if m.Blocked(p.Pos, game.PlayerRadius) || !reach[tileOf(m, p.Pos)] {
				t.Errorf("%s: pickup %d at %v is in a wall or cannot be walked to", name, i, p.Pos)
			}
		}
		if !kinds[game.PickupHealth] || !kinds[game.PickupRocket] {
			t.Errorf("%s: pickups %+v, want health and rocket ones", name, m.Pickups)
		}
	}
	if large == 0 {
		t.Errorf("no map of %v is larger than the 1600x1040 interest box", names)
	}
}

// tileOf returns the index of the tile under p.
func tileOf(m *game.Map, p game.Vec2) int {
	return int(p.Y)/m.TileHeight*int(m.Width)/m.TileWidth + int(p.X)/m.TileWidth
}

// reachable flood-fills the tiles whose centre a player may stand on,
// from the tile under from, moving between neighbours whose centres and
// midpoint are all free.
func reachable(m *game.Map, from game.Vec2) map[int]bool {
	w, h := int(m.Width)/m.TileWidth, int(m.Height)/m.TileHeight
	centre := func(x, y int) game.Vec2 {
		return game.Vec2{X: float64(x*m.TileWidth + m.TileWidth/2), Y: float64(y*m.TileHeight + m.TileHeight/2)}
	}
	free := func(p game.Vec2) bool { return !m.Blocked(p, game.PlayerRadius) }
	seen := map[int]bool{}
	start := tileOf(m, from)
	queue := []int{start}
	seen[start] = true
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		x, y := i%w, i/w
		for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
			nx, ny := x+d[0], y+d[1]
			if nx < 0 || ny < 0 || nx >= w || ny >= h || seen[ny*w+nx] {
				continue
			}
			a, b := centre(x, y), centre(nx, ny)
			if free(b) && free(game.Vec2{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}) {
				seen[ny*w+nx] = true
				queue = append(queue, ny*w+nx)
			}
		}
	}
	return seen
}
