package game_test

import (
	"fmt"
	"strings"
	"testing"

	"arena/game"
)

// tiledJSON builds a Tiled JSON map from rows of text: '#' is a wall tile,
// 'S' an empty tile with a spawn point at its centre, anything else empty.
// Tiles are 32 units square.
func tiledJSON(rows ...string) []byte {
	h, w := len(rows), len(rows[0])
	var data, objects []string
	for y, row := range rows {
		for x, c := range row {
			gid := "0"
			if c == '#' {
				gid = "1"
			}
			data = append(data, gid)
			if c == 'S' {
				objects = append(objects, fmt.Sprintf(`{"id":%d,"point":true,"x":%d,"y":%d}`, len(objects)+1, x*32+16, y*32+16))
			}
		}
	}
	return fmt.Appendf(nil, `{"type":"map","orientation":"orthogonal","infinite":false,
"width":%d,"height":%d,"tilewidth":32,"tileheight":32,
"layers":[
 {"type":"tilelayer","name":"walls","width":%d,"height":%d,"data":[%s]},
 {"type":"objectgroup","name":"spawns","objects":[%s]}
]}`, w, h, w, h, strings.Join(data, ","), strings.Join(objects, ","))
}

// parse parses rows (see tiledJSON) or fails the test.
func parse(t testing.TB, rows ...string) *game.Map {
	t.Helper()
	m, err := game.ParseMap("maps/test.json", tiledJSON(rows...))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// openMap is a 20x10 tile room with no inner walls.
func openMap(t testing.TB) *game.Map {
	return parse(t,
		"....................",
		".S................S.",
		"....................",
		"....................",
		"....................",
		"....................",
		"....................",
		"....................",
		".S................S.",
		"....................",
	)
}

// newWorld returns a World on m with n players added.
func newWorld(t testing.TB, m *game.Map, seed uint64, n int) *game.World {
	t.Helper()
	w, err := game.NewWorld(game.Config{Map: m, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := w.AddPlayer(fmt.Sprintf("p%d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// place puts p at pos, at rest and unprotected, so a test controls the
// geometry instead of the spawn choice.
func place(p *game.Player, pos game.Vec2) {
	p.Pos, p.Vel, p.ProtectTicks = pos, game.Vec2{}, 0
}

// countEvents returns how many events of kind the last Step produced.
func countEvents(w *game.World, kind game.EventKind) int {
	n := 0
	for _, e := range w.Events() {
		if e.Kind == kind {
			n++
		}
	}
	return n
}
