package game_test

import (
	"encoding/json"
	"fmt"
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
		pickups := pickupPoints(t, name)
		if len(pickups) == 0 && name != assets.DefaultMap { // arena's come with the weapons (helper D)
			t.Errorf("%s: no pickups", name)
		}
		for _, p := range pickups {
			if p.kind != "health" && p.kind != "rocket" {
				t.Errorf("%s: pickup %d has type %q, want health or rocket", name, p.id, p.kind)
			}
			if m.Blocked(p.pos, game.PlayerRadius) || !reach[tileOf(m, p.pos)] {
				t.Errorf("%s: pickup %d at %v is in a wall or cannot be walked to", name, p.id, p.pos)
			}
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

type pickupPoint struct {
	id   int
	kind string
	pos  game.Vec2
}

// pickupPoints reads the point objects of the map's "pickups" layer from
// its JSON (interfaces.md: type is the kind, x,y the position).
func pickupPoints(t *testing.T, name string) []pickupPoint {
	t.Helper()
	data, err := assets.FS.ReadFile(fmt.Sprintf("maps/%s.json", name))
	if err != nil {
		t.Fatal(err)
	}
	var tm struct {
		Layers []struct {
			Name, Type string
			Objects    []struct {
				ID    int
				Type  string
				X, Y  float64
				Point bool
			}
		}
	}
	if err := json.Unmarshal(data, &tm); err != nil {
		t.Fatal(err)
	}
	var out []pickupPoint
	for _, l := range tm.Layers {
		if l.Name != "pickups" {
			continue
		}
		if l.Type != "objectgroup" {
			t.Errorf("%s: pickups layer of type %q", name, l.Type)
		}
		for _, o := range l.Objects {
			if !o.Point {
				t.Errorf("%s: pickup %d is not a point", name, o.ID)
			}
			out = append(out, pickupPoint{o.ID, o.Type, game.Vec2{X: o.X, Y: o.Y}})
		}
	}
	return out
}
