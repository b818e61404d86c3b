package server

import (
	"slices"
	"testing"

	"arena/game"
)

// BenchmarkRoomStepBots measures a room's tick with one person and 15 bots
// (MinPlayers 16) on the shipped arena map and on expanse, the largest
// (its nav grid has 7500 cells): the bots' AI, their commands, the World's
// step and the person's snapshot. Compare BenchmarkRoomStep's arena16, 16
// people on a small map. It should allocate nothing.
func BenchmarkRoomStepBots(b *testing.B) {
	for _, m := range []string{"arena", "expanse"} {
		b.Run(m, func(b *testing.B) {
			cfg := Config{MapName: m, MinPlayers: 16, BotLevels: game.BotLevels[:]}
			cfg.Clock, cfg.TickRate, cfg.SnapshotRate, cfg.RoomCapacity = newFakeClock(), 60, 60, 16
			benchRoomStep(b, cfg, 1)
		})
	}
}

// TestRoomBotsPlay: the room's bots play by the World's
// rules: in a room of one person and three bots, stepped by hand, the bots
// move and fire and the World counts their shots like anyone's.
func TestRoomBotsPlay(t *testing.T) {
	t.Parallel()
	r, _ := newTestRoom(t, newFakeClock(), 60, 30)
	r.fill = newBotFill(r.rules, Config{MinPlayers: 4, BotLevels: []game.BotLevel{game.BotHard}}, 1)
	p := newRecorder()
	p.join(t, r, "alice")
	if n := len(r.fill.bots); n != 3 {
		t.Fatalf("%d bots after the first join, want 3", n)
	}
	shots := 0
	start := map[game.PlayerID]game.Vec2{}
	for _, b := range r.fill.bots {
		start[b.id] = r.rules.Player(b.id).Pos
	}
	for range 600 {
		r.step(r.clock.Now())
		for _, e := range r.rules.Events() {
			if e.Kind == game.EventShot && r.byID[e.Actor] == nil {
				shots++
			}
		}
		p.take(t)
	}
	if shots == 0 {
		t.Error("three hard bots fired no shot in ten seconds")
	}
	for _, b := range r.fill.bots {
		if pl := r.rules.Player(b.id); pl.Pos == start[b.id] && pl.Alive {
			t.Errorf("bot %s never moved", b.name)
		}
	}
}

// TestBotSlotsAreReused: a bot that leaves for a person and comes back
// when the person goes takes the same name and level, so names stay short
// and a mix stays mixed.
func TestBotSlotsAreReused(t *testing.T) {
	t.Parallel()
	r, _ := newTestRoom(t, newFakeClock(), 60, 30)
	r.fill = newBotFill(r.rules, Config{MinPlayers: 4, BotLevels: game.BotLevels[:]}, 1)
	roster := func() (out []string) {
		for _, b := range r.fill.bots {
			out = append(out, b.name+" "+b.ai.Level().String())
		}
		return out
	}
	want := []string{"Bot Kestrel easy", "Bot Osprey normal", "Bot Heron hard"}
	a := newRecorder()
	a.join(t, r, "alice")
	if got := roster(); !slices.Equal(got, want) {
		t.Fatalf("bots with alice alone: %q, want %q", got, want)
	}
	b := newRecorder()
	bob, _ := b.join(t, r, "bob")
	if got := roster(); !slices.Equal(got, want[:2]) {
		t.Fatalf("bots with alice and bob: %q, want %q", got, want[:2])
	}
	r.leaves <- leaveRequest{id: bob, peer: b}
	r.step(r.clock.Now())
	if got := roster(); !slices.Equal(got, want) {
		t.Fatalf("bots after bob left: %q, want %q", got, want)
	}
}
