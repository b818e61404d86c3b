package game_test

import (
	"fmt"
	"testing"

	"arena/game"
	"arena/game/gametest"
)

// parse parses rows (see gametest.TiledJSON) or fails the test.
func parse(t testing.TB, rows ...string) *game.Map {
	t.Helper()
	m, err := game.ParseMap("maps/test.json", gametest.TiledJSON(rows...))
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

// heldWorld is a World whose players repeat a held input every Step, as
// a client holding keys sends the same input every tick.
type heldWorld struct {
	*game.World
	held map[game.PlayerID]game.Input
}

func holding(w *game.World) *heldWorld {
	return &heldWorld{World: w, held: map[game.PlayerID]game.Input{}}
}

// hold makes id send in at every later Step.
func (h *heldWorld) hold(id game.PlayerID, in game.Input) { h.held[id] = in }

// Step gives every holding player its input, then steps the World.
func (h *heldWorld) Step() {
	for id, in := range h.held {
		h.SetInput(id, in)
	}
	h.World.Step()
}
