package bot_test

import (
	"testing"

	"arena/assets"
	"arena/client"
	"arena/client/bot"
	"arena/game"
	"arena/game/gametest"
)

// edgeShare walks a lone bot for 20 s on m from its first spawn, simulating
// its inputs with the game's own movement, and returns the share of ticks
// it spent against the map's border.
func edgeShare(b *bot.Bot, m *game.Map) float64 {
	p := &game.Player{ID: 1, Pos: m.Spawns[0], Alive: true, Health: game.MaxHealth}
	edge := 0
	const ticks = 20 * game.DefaultTickRate
	for range ticks {
		in := b.Decide([]client.PlayerView{{ID: 1, Local: true, Pos: p.Pos, Vel: p.Vel, Alive: true, Health: p.Health}})
		game.SimulateCommand(m, p, in, 1.0/game.DefaultTickRate, 15)
		if r := game.PlayerRadius + 40; p.Pos.X < r || p.Pos.Y < r || p.Pos.X > m.Width-r || p.Pos.Y > m.Height-r {
			edge++
		}
	}
	return float64(edge) / ticks
}

// TestBotSetMap: a bot moved onto a small map wanders it as a bot made on
// it does, where one still on its first, far larger map heads for places
// beyond the small map's border and stays against it.
func TestBotSetMap(t *testing.T) {
	t.Parallel()
	big, err := game.LoadMap(assets.FS, "expanse")
	if err != nil {
		t.Fatal(err)
	}
	small, err := game.ParseMap("maps/open.json", gametest.DuelJSON())
	if err != nil {
		t.Fatal(err)
	}
	moved := bot.New(bot.Config{Map: big, Seed: 5})
	moved.SetMap(small)
	stale := bot.New(bot.Config{Map: big, Seed: 5})
	native := bot.New(bot.Config{Map: small, Seed: 5})
	m, s, n := edgeShare(moved, small), edgeShare(stale, small), edgeShare(native, small)
	t.Logf("share of ticks against the border: moved %.2f, stale %.2f, native %.2f", m, s, n)
	if m > n+0.15 || s < m+0.2 {
		t.Errorf("moved bot %.2f of its ticks at the border, one made on the map %.2f, one left on expanse %.2f", m, n, s)
	}
}
