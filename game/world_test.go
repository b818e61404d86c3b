package game_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"arena/game"
)

func TestNewWorldErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  game.Config
	}{
		{"nil map", game.Config{}},
		{"no spawns", game.Config{Map: &game.Map{Name: "empty", Width: 100, Height: 100}}},
	}
	for _, tt := range tests {
		if _, err := game.NewWorld(tt.cfg); err == nil {
			t.Errorf("%s: NewWorld succeeded, want an error", tt.name)
		}
	}
	w, err := game.NewWorld(game.Config{Map: openMap(t)})
	if err != nil {
		t.Fatal(err)
	}
	if w.TickRate() != game.DefaultTickRate || w.Tick() != 0 || w.Map() == nil {
		t.Errorf("defaults: tick rate %d tick %d map %v", w.TickRate(), w.Tick(), w.Map())
	}
}

func TestAddPlayerNames(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"alice", "alice"},
		{"  bob  ", "bob"},
		{"", "player"},
		{" \t\n", "player"},
		{"ev\x00il\x1b[31m", "evil[31m"},
		{"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnop"},
		{"ééééééééééééééééééé", "éééééééééééééééé"},
		{"bad\xffutf8", "badutf8"},
		{"fifteen chars.. x", "fifteen chars.."},
	}
	w := newWorld(t, openMap(t), 1, 0)
	for _, tt := range tests {
		id, err := w.AddPlayer(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Player(id).Name; got != tt.want {
			t.Errorf("AddPlayer(%q) name = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlayerIDs(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 0)
	var ids []game.PlayerID
	for range 3 {
		id, _ := w.AddPlayer("x")
		ids = append(ids, id)
	}
	if fmt.Sprint(ids) != "[1 2 3]" {
		t.Fatalf("ids %v, want [1 2 3]", ids)
	}
	w.RemovePlayer(2)
	w.RemovePlayer(2) // unknown: ignored
	w.SetInput(2, game.Input{MoveX: 1})
	if w.Player(2) != nil {
		t.Error("removed player still there")
	}
	id, _ := w.AddPlayer("x")
	if id != 4 {
		t.Errorf("next id %d, want 4 (ids are not reused at once)", id)
	}
	for i, p := range w.Players() {
		if i > 0 && p.ID <= w.Players()[i-1].ID {
			t.Errorf("players not sorted by id: %v", w.Players())
		}
		if !p.Alive || p.Health != game.MaxHealth || w.Map().Blocked(p.Pos, game.PlayerRadius) {
			t.Errorf("new player %+v: want alive, full health, in a free spot", p)
		}
	}

	// Fill up, then the world refuses.
	for len(w.Players()) < game.MaxPlayersPerWorld {
		if _, err := w.AddPlayer("x"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.AddPlayer("one too many"); !errors.Is(err, game.ErrWorldFull) {
		t.Errorf("AddPlayer on a full world: %v, want ErrWorldFull", err)
	}
}

func TestPlayerIDsWrap(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 0)
	keep, _ := w.AddPlayer("keeper") // id 1 stays in use throughout
	seen := map[game.PlayerID]bool{}
	for range 70000 {
		id, err := w.AddPlayer("x")
		if err != nil {
			t.Fatal(err)
		}
		if id == 0 || id == 65535 || id == keep {
			t.Fatalf("AddPlayer returned id %d", id)
		}
		seen[id] = true
		w.RemovePlayer(id)
	}
	if len(seen) != 65533 {
		t.Errorf("%d distinct ids, want 65533 (2..65534)", len(seen))
	}
}

// TestDeterminism runs two Worlds with the same seed and the same inputs and
// requires identical state after every tick.
func TestDeterminism(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	run := func() *game.World { return newWorld(t, m, 42, 8) }
	a, b := run(), run()
	rng := rand.New(rand.NewPCG(1, 2))
	kills := 0
	for tick := range 1000 {
		if tick == 500 { // churn: someone leaves, someone joins
			a.RemovePlayer(3)
			b.RemovePlayer(3)
			a.AddPlayer("late")
			b.AddPlayer("late")
		}
		for _, p := range a.Players() {
			// Aim at a random player with some error, so that people die.
			o := a.Players()[rng.IntN(len(a.Players()))]
			aim := math.Atan2(o.Pos.Y-p.Pos.Y, o.Pos.X-p.Pos.X) + (rng.Float64()-0.5)*0.2
			in := game.MakeInput(rng.Float64()*2-1, rng.Float64()*2-1, aim, rng.IntN(3) > 0)
			a.SetInput(p.ID, in)
			b.SetInput(p.ID, in)
		}
		a.Step()
		b.Step()
		if !reflect.DeepEqual(snapshot(a), snapshot(b)) {
			t.Fatalf("tick %d: worlds diverged:\n%v\n%v", tick, snapshot(a), snapshot(b))
		}
		kills += countEvents(a, game.EventKill)
	}
	if kills == 0 {
		t.Error("no kills in 1000 ticks of random fire; the test exercises too little")
	}
}

func snapshot(w *game.World) string {
	var b strings.Builder
	for _, p := range w.Players() {
		fmt.Fprintf(&b, "%+v\n", *p)
	}
	fmt.Fprintf(&b, "tick %d events %+v", w.Tick(), w.Events())
	return b.String()
}

// BenchmarkStep16 measures a 16-player tick with everyone moving and
// firing lag-compensated shots; a steady-state Step allocates nothing.
func BenchmarkStep16(b *testing.B) {
	m := arenaMap(b)
	w := newWorld(b, m, 1, 16)
	rng := rand.New(rand.NewPCG(3, 4))
	inputs := make([]game.Input, 64)
	for i := range inputs {
		inputs[i] = game.Input{
			MoveX: int8(rng.IntN(255) - 127), MoveY: int8(rng.IntN(255) - 127),
			Aim: uint16(rng.Uint32()), Buttons: game.ButtonFire,
		}
	}
	// Every command was made seeing the others 10 ticks ago: each shot is
	// resolved against the history.
	cmd := make([]game.Command, 1)
	step := func(i int) {
		for j, p := range w.Players() {
			cmd[0] = game.Command{Input: inputs[(i+j)%len(inputs)], ViewTick: max(w.Tick(), 10) - 9}
			w.SetCommands(p.ID, cmd)
		}
		w.Step()
	}
	for i := range 600 { // reach steady state: events, shots and history grown, some deaths
		step(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		step(i)
	}
}
