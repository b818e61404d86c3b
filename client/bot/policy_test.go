package bot_test

import (
	"math"
	"testing"

	"arena/assets"
	"arena/client"
	"arena/client/bot"
	"arena/game"
)

func arenaMap(t *testing.T) *game.Map {
	t.Helper()
	m, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// open checks a test position is where a player fits.
func open(t *testing.T, m *game.Map, p game.Vec2) game.Vec2 {
	t.Helper()
	if m.Blocked(p, game.PlayerRadius) {
		t.Fatalf("test setup: %v is blocked on %s", p, m.Name)
	}
	return p
}

func view(p *game.Player, local bool) client.PlayerView {
	return client.PlayerView{
		ID: p.ID, Name: p.Name, Local: local, Pos: p.Pos, Vel: p.Vel,
		Aim: game.AimToAngle(p.Aim), Health: p.Health, Alive: p.Alive,
		Kills: p.Kills, Deaths: p.Deaths, Score: p.Score, CooldownTicks: p.CooldownTicks,
	}
}

func TestAimsAtVisibleEnemy(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	self := client.PlayerView{ID: 1, Local: true, Alive: true, Pos: open(t, m, game.Vec2{X: 200, Y: 80})}
	enemy := client.PlayerView{ID: 2, Alive: true, Pos: open(t, m, game.Vec2{X: 500, Y: 80})}
	for seed := range uint64(20) {
		b := bot.New(bot.Config{Map: m, Seed: seed})
		var in game.Input
		fired := false
		for range 60 {
			in = b.Decide([]client.PlayerView{self, enemy})
			fired = fired || in.Fire()
		}
		if b.Target() != 2 {
			t.Errorf("seed %d: target %d, want 2", seed, b.Target())
		}
		// Pointing at +X within the error the bot allows itself.
		if d := math.Abs(math.Remainder(in.AimAngle(), 2*math.Pi)); d > 0.15 {
			t.Errorf("seed %d: aim %.3f rad off the enemy after a second of tracking", seed, d)
		}
		if !fired {
			t.Errorf("seed %d: never fired at a visible enemy 300 units away in a second", seed)
		}
	}
}

func TestFiresOnlyWithLineOfSight(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	// A wall (tiles 18-21 of row 5, y 160..192) stands between them.
	self := client.PlayerView{ID: 1, Local: true, Alive: true, Pos: open(t, m, game.Vec2{X: 640, Y: 112})}
	hidden := client.PlayerView{ID: 2, Alive: true, Pos: open(t, m, game.Vec2{X: 640, Y: 240})}
	if d := m.Raycast(self.Pos, game.Vec2{X: 0, Y: 1}, 128); d >= 128 {
		t.Fatalf("test setup: no wall between %v and %v", self.Pos, hidden.Pos)
	}
	for seed := range uint64(20) {
		b := bot.New(bot.Config{Map: m, Seed: seed})
		for i := range 300 {
			if in := b.Decide([]client.PlayerView{self, hidden}); in.Fire() {
				t.Fatalf("seed %d tick %d: fired at an enemy behind a wall", seed, i)
			}
		}
		if b.Target() != 0 {
			t.Errorf("seed %d: targets %d behind a wall", seed, b.Target())
		}
	}
	// Far beyond the fire range: it may chase but must not fire.
	far := client.PlayerView{ID: 3, Alive: true, Pos: open(t, m, game.Vec2{X: 1200, Y: 80})}
	near := client.PlayerView{ID: 1, Local: true, Alive: true, Pos: open(t, m, game.Vec2{X: 48, Y: 80})}
	if far.Pos.Dist(near.Pos) < game.HitscanRange*0.8 {
		t.Fatal("test setup: not far enough")
	}
	b := bot.New(bot.Config{Map: m, Seed: 1})
	for i := range 120 {
		if in := b.Decide([]client.PlayerView{near, far}); in.Fire() {
			t.Fatalf("tick %d: fired beyond range", i)
		}
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	run := func(seed uint64) []game.Input {
		b := bot.New(bot.Config{Map: m, Seed: seed})
		p := &game.Player{ID: 1, Pos: m.Spawns[0], Alive: true, Health: game.MaxHealth}
		var out []game.Input
		for range 300 {
			in := b.Decide([]client.PlayerView{view(p, true)})
			game.MovePlayer(m, p, in, 1.0/game.DefaultTickRate)
			out = append(out, in)
		}
		return out
	}
	a, b, c := run(42), run(42), run(43)
	same := func(x, y []game.Input) bool {
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Error("same seed, different inputs")
	}
	if same(a, c) {
		t.Error("different seeds, identical inputs")
	}
}

// TestWandersAroundWalls moves a lone bot with the game's own movement for
// 20 simulated seconds from every spawn: it must cover ground, visit several
// places and not spend its time pressed against walls.
func TestWandersAroundWalls(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	const ticks = 20 * game.DefaultTickRate
	for i, spawn := range m.Spawns {
		b := bot.New(bot.Config{Map: m, Seed: uint64(i)})
		p := &game.Player{ID: 1, Pos: spawn, Alive: true, Health: game.MaxHealth}
		var path float64
		touching := 0
		cells := map[[2]int]bool{}
		for tick := range ticks {
			prev := p.Pos
			in := b.Decide([]client.PlayerView{view(p, true)})
			game.MovePlayer(m, p, in, 1.0/game.DefaultTickRate)
			path += prev.Dist(p.Pos)
			if m.Blocked(p.Pos, game.PlayerRadius-0.01) {
				t.Fatalf("spawn %d tick %d: overlapping a wall at %v", i, tick, p.Pos)
			}
			if m.Blocked(p.Pos, game.PlayerRadius+1) {
				touching++
			}
			cells[[2]int{int(p.Pos.X / 160), int(p.Pos.Y / 160)}] = true
		}
		t.Logf("spawn %d: path %.0f, cells %d, touching %d%%", i, path, len(cells), 100*touching/ticks)
		if path < 1500 {
			t.Errorf("spawn %d: walked only %.0f units in 20 s", i, path)
		}
		if len(cells) < 5 {
			t.Errorf("spawn %d: visited only %d of the map's 160-unit cells", i, len(cells))
		}
		if frac := float64(touching) / ticks; frac > 0.15 {
			t.Errorf("spawn %d: touching a wall %.0f%% of the time", i, 100*frac)
		}
	}
}

// TestBotsFight runs two bots in a real World for 30 simulated seconds: they
// find each other, shoot and kill.
func TestBotsFight(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	w, err := game.NewWorld(game.Config{Map: m, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var ids []game.PlayerID
	var bots []*bot.Bot
	for i := range 4 {
		id, err := w.AddPlayer("b")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		bots = append(bots, bot.New(bot.Config{Map: m, Seed: uint64(i + 1)}))
	}
	shots, kills := 0, 0
	views := make([]client.PlayerView, 0, 4)
	for range 30 * game.DefaultTickRate {
		for i, id := range ids {
			views = views[:0]
			for _, p := range w.Players() {
				views = append(views, view(p, p.ID == id))
			}
			w.SetInput(id, bots[i].Decide(views))
		}
		w.Step()
		for _, e := range w.Events() {
			switch e.Kind {
			case game.EventShot:
				shots++
			case game.EventKill:
				kills++
			}
		}
	}
	t.Logf("4 bots, 30 s: %d shots, %d kills", shots, kills)
	if shots == 0 || kills == 0 {
		t.Errorf("4 bots in 30 s: %d shots, %d kills; want both > 0", shots, kills)
	}
}

// TestRocketsAtMidRange: a bot with rockets selects the launcher and fires
// at a target in mid range, and the blaster when the target is close or it
// has none.
func TestRocketsAtMidRange(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	self := client.PlayerView{ID: 1, Local: true, Alive: true, Pos: open(t, m, game.Vec2{X: 200, Y: 80}), Ammo: 3}
	mid := client.PlayerView{ID: 2, Alive: true, Pos: open(t, m, game.Vec2{X: 500, Y: 80})}
	close := client.PlayerView{ID: 2, Alive: true, Pos: open(t, m, game.Vec2{X: 280, Y: 80})}
	for _, c := range []struct {
		name       string
		self, them client.PlayerView
		want       game.Buttons
	}{
		{"mid range", self, mid, game.ButtonRocket},
		{"close", self, close, game.ButtonBlaster},
		{"no rockets", func() client.PlayerView { s := self; s.Ammo = 0; return s }(), mid, game.ButtonBlaster},
	} {
		b := bot.New(bot.Config{Map: m, Seed: 3})
		fired := false
		for range 60 {
			in := b.Decide([]client.PlayerView{c.self, c.them})
			if sel := in.Buttons & (game.ButtonRocket | game.ButtonBlaster); sel != c.want {
				t.Fatalf("%s: weapon buttons %b, want %b", c.name, sel, c.want)
			}
			fired = fired || in.Fire()
		}
		if !fired {
			t.Errorf("%s: never fired", c.name)
		}
	}
}

// TestWandersToRocketPickups: a bot without rockets, alone in an arena
// World, finds a rocket pickup within 15 s of game time from every spawn
// (wandering at random, 5 of the 16 spawns do not).
func TestWandersToRocketPickups(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	for i := range m.Spawns {
		w, err := game.NewWorld(game.Config{Map: m, Seed: uint64(i)})
		if err != nil {
			t.Fatal(err)
		}
		id, _ := w.AddPlayer("bot")
		p := w.Player(id)
		p.Pos = m.Spawns[i]
		b := bot.New(bot.Config{Map: m, Seed: uint64(i)})
		got := -1
		for tick := range 15 * game.DefaultTickRate {
			v := view(p, true)
			v.Ammo, v.Weapon = p.Ammo, p.Weapon
			w.SetInput(id, b.Decide([]client.PlayerView{v}))
			w.Step()
			if p.Ammo > 0 {
				got = tick
				break
			}
		}
		if got < 0 {
			t.Errorf("spawn %d: no rockets after 15 s", i)
		}
	}
}
