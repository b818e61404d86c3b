package game_test

import (
	"math"
	"testing"

	"arena/game"
)

// botMatch is a World whose players are all bots, each driven by its AI
// through DecideBot and SetCommands, as a server room drives them.
type botMatch struct {
	w    *game.World
	bots map[game.PlayerID]*game.Bot
	cmds []game.Command
}

func newBotMatch(t testing.TB, m *game.Map, seed uint64, levels ...game.BotLevel) *botMatch {
	t.Helper()
	w, err := game.NewWorld(game.Config{Map: m, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	bm := &botMatch{w: w, bots: map[game.PlayerID]*game.Bot{}, cmds: make([]game.Command, 1)}
	for i, l := range levels {
		id, err := w.AddBot(game.BotName(i))
		if err != nil {
			t.Fatal(err)
		}
		bm.bots[id] = game.NewBot(l, seed+uint64(i)*7919)
	}
	return bm
}

// step gives every bot its command and steps the World.
func (bm *botMatch) step() {
	for _, p := range bm.w.Players() {
		if b := bm.bots[p.ID]; b != nil {
			bm.cmds[0] = bm.w.DecideBot(b, p.ID)
			bm.w.SetCommands(p.ID, bm.cmds)
		}
	}
	bm.w.Step()
}

// TestBotLevelsFight: three easy and three hard bots play two minutes on
// the shipped map; they kill each other, and the hard ones score far more.
func TestBotLevelsFight(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2, 3} {
		bm := newBotMatch(t, arenaMap(t), seed,
			game.BotEasy, game.BotHard, game.BotEasy, game.BotHard, game.BotEasy, game.BotHard)
		shots, hits := 0, 0
		for range 120 * game.DefaultTickRate {
			bm.step()
			for _, e := range bm.w.Events() {
				if e.Kind == game.EventShot {
					shots++
					if e.Target != 0 {
						hits++
					}
				}
			}
		}
		kills := map[game.BotLevel]int{}
		for _, p := range bm.w.Players() {
			if !p.Bot {
				t.Errorf("player %d (%s) added by AddBot has Bot false", p.ID, p.Name)
			}
			kills[bm.bots[p.ID].Level()] += p.Kills
		}
		t.Logf("seed %d: kills easy %d, hard %d; %d shots, %d hits", seed, kills[game.BotEasy], kills[game.BotHard], shots, hits)
		if kills[game.BotEasy]+kills[game.BotHard] < 20 {
			t.Errorf("seed %d: %d kills in two minutes of six bots, want at least 20", seed, kills[game.BotEasy]+kills[game.BotHard])
		}
		if kills[game.BotHard] < 2*kills[game.BotEasy] {
			t.Errorf("seed %d: hard bots killed %d, easy %d: want hard at least twice easy", seed, kills[game.BotHard], kills[game.BotEasy])
		}
	}
}

// TestBotsAreDeterministic: the same seed and match give the same game.
func TestBotsAreDeterministic(t *testing.T) {
	t.Parallel()
	run := func() []game.Player {
		bm := newBotMatch(t, arenaMap(t), 9, game.BotNormal, game.BotHard, game.BotEasy, game.BotNormal)
		for range 20 * game.DefaultTickRate {
			bm.step()
		}
		var out []game.Player
		for _, p := range bm.w.Players() {
			out = append(out, *p)
		}
		return out
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("player %d differs between two runs: %+v vs %+v", a[i].ID, a[i], b[i])
		}
	}
}

// firstShot places a bot of level and a target that does not move at the
// given positions on m every tick, and returns the tick of the bot's first
// shot (0: none within two seconds) and how many shots hit.
func firstShot(t *testing.T, m *game.Map, level game.BotLevel, from, to game.Vec2) (first, hits int) {
	t.Helper()
	bm := newBotMatch(t, m, 5, level)
	target, err := bm.w.AddPlayer("target")
	if err != nil {
		t.Fatal(err)
	}
	for tick := 1; tick <= 2*game.DefaultTickRate; tick++ {
		for _, p := range bm.w.Players() {
			if p.ID == target {
				place(p, to)
				p.Health = game.MaxHealth
			} else {
				place(p, from)
			}
		}
		bm.step()
		for _, e := range bm.w.Events() {
			if e.Kind == game.EventShot && e.Actor != target {
				if first == 0 {
					first = tick
				}
				if e.Target == target {
					hits++
				}
			}
		}
	}
	return first, hits
}

// TestBotNeedsLineOfSight: a bot never fires at a player behind a wall,
// and fires at (and hits) the same player in the open, hard sooner than
// easy.
func TestBotNeedsLineOfSight(t *testing.T) {
	t.Parallel()
	walled := parse(t,
		"....................",
		".S..................",
		"..........#.........",
		"..........#.........",
		"..........#.........",
		"..........#.........",
		"..........#.........",
		"..........#.........",
		"....................",
		"....................",
	)
	from, to := game.Vec2{X: 200, Y: 160}, game.Vec2{X: 460, Y: 160}
	for _, l := range game.BotLevels {
		if first, _ := firstShot(t, walled, l, from, to); first != 0 {
			t.Errorf("%v bot fired at tick %d at a player behind a wall", l, first)
		}
	}
	var reaction [4]int
	for _, l := range game.BotLevels {
		first, hits := firstShot(t, openMap(t), l, from, to)
		if first == 0 || hits == 0 {
			t.Errorf("%v bot in the open: first shot at tick %d, %d hits; want a shot and a hit", l, first, hits)
		}
		reaction[l] = first
	}
	t.Logf("first shot at tick: easy %d, normal %d, hard %d", reaction[game.BotEasy], reaction[game.BotNormal], reaction[game.BotHard])
	if !(reaction[game.BotHard] < reaction[game.BotNormal] && reaction[game.BotNormal] < reaction[game.BotEasy]) {
		t.Errorf("first shots easy %d, normal %d, hard %d: want hard soonest, easy last",
			reaction[game.BotEasy], reaction[game.BotNormal], reaction[game.BotHard])
	}
}

// TestDecideBotAllocatesNothing: a bot's tick is cheap enough to run for
// every bot of every room.
func TestDecideBotAllocatesNothing(t *testing.T) {
	bm := newBotMatch(t, arenaMap(t), 3, game.BotEasy, game.BotNormal, game.BotHard, game.BotNormal)
	for range 300 {
		bm.step()
	}
	if n := testing.AllocsPerRun(200, bm.step); n != 0 {
		t.Errorf("a tick of four bots allocates %v times, want 0", n)
	}
}

func TestParseBotLevel(t *testing.T) {
	t.Parallel()
	for _, l := range game.BotLevels {
		got, err := game.ParseBotLevel(l.String())
		if err != nil || got != l {
			t.Errorf("ParseBotLevel(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := game.ParseBotLevel("godlike"); err == nil {
		t.Error("ParseBotLevel(godlike) succeeded")
	}
}

func TestBotName(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := range 100 {
		n := game.BotName(i)
		if seen[n] {
			t.Errorf("BotName(%d) = %q again", i, n)
		}
		seen[n] = true
		if game.CleanName(n) != n {
			t.Errorf("BotName(%d) = %q is not a clean name (%q)", i, n, game.CleanName(n))
		}
	}
	if got := game.BotName(0); got != "Bot Kestrel" {
		t.Errorf("BotName(0) = %q", got)
	}
}

// BenchmarkBotTick is the AI's cost: one DecideBot of each of 15 bots on
// the shipped map, the bots of a room of 16 with one person.
func BenchmarkBotTick(b *testing.B) {
	levels := make([]game.BotLevel, 15)
	for i := range levels {
		levels[i] = game.BotLevels[i%3]
	}
	bm := newBotMatch(b, arenaMap(b), 1, levels...)
	for range 600 {
		bm.step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range bm.w.Players() {
			_ = bm.w.DecideBot(bm.bots[p.ID], p.ID)
		}
	}
}

// TestBotFindsItsWayAroundWalls: a bot shut in a pocket that opens away
// from its target walks out and around (the nav grid's path, not a
// straight line into the pocket's wall) and shoots the target within a
// few seconds (2.7 s; 5.5 s when it walks straight at the target and only
// its unsticking gets it out).
func TestBotFindsItsWayAroundWalls(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"##############################",
		"#S...........................#",
		"#.##########.................#",
		"#..........#.................#",
		"#..........#.................#",
		"#..........#.................#",
		"#..........#.................#",
		"#..........#.................#",
		"#.##########.................#",
		"#...........................S#",
		"##############################",
	)
	bm := newBotMatch(t, m, 4, game.BotNormal)
	target, err := bm.w.AddPlayer("target")
	if err != nil {
		t.Fatal(err)
	}
	var bot *game.Player
	for _, p := range bm.w.Players() {
		if p.ID == target {
			place(p, game.Vec2{X: 21 * 32, Y: 5 * 32})
		} else {
			bot = p
			place(p, game.Vec2{X: 7 * 32, Y: 5 * 32})
		}
	}
	for tick := 1; tick <= 4*game.DefaultTickRate; tick++ {
		bm.w.Player(target).ProtectTicks = 0
		bm.step()
		for _, e := range bm.w.Events() {
			if e.Kind == game.EventShot && e.Actor == bot.ID && e.Target == target {
				t.Logf("first hit at tick %d, from %v", tick, e.From)
				return
			}
		}
	}
	t.Fatalf("the bot did not hit its target in 4 s; it ended at %v", bot.Pos)
}

// TestBotsUseRocketsAndPickups: on the shipped map, bots pick up rockets
// and health, fire rockets whose explosions catch players in their splash,
// and the blaster too.
func TestBotsUseRocketsAndPickups(t *testing.T) {
	t.Parallel()
	bm := newBotMatch(t, arenaMap(t), 2, game.BotNormal, game.BotHard, game.BotNormal, game.BotHard)
	var explosions, splashed, health, rockets, blasterShots int
	for range 120 * game.DefaultTickRate {
		bm.step()
		for _, e := range bm.w.Events() {
			switch e.Kind {
			case game.EventExplosion:
				explosions++
				for _, p := range bm.w.Players() {
					if p.ID != e.Actor && p.Pos.Dist(e.From) < game.RocketSplashRadius+game.PlayerRadius {
						splashed++
						break
					}
				}
			case game.EventShot:
				blasterShots++
			case game.EventPickup:
				for _, pk := range bm.w.Pickups() {
					if pk.ID == e.Item && pk.Kind == game.PickupHealth {
						health++
					} else if pk.ID == e.Item {
						rockets++
					}
				}
			}
		}
	}
	t.Logf("two minutes of four bots: %d rocket pickups, %d health pickups, %d explosions (%d with a player in the splash), %d blaster shots",
		rockets, health, explosions, splashed, blasterShots)
	if rockets == 0 || health == 0 || splashed == 0 || blasterShots == 0 {
		t.Error("want the bots to take both kinds of pickup, fire rockets that catch players and the blaster too")
	}
}

// TestBotTurnsOnItsAttacker: a bot shot from beyond its sight range (an
// easy bot sees 600 units; the blaster reaches 900) turns on the shooter
// and fires back.
func TestBotTurnsOnItsAttacker(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"##############################",
		"#S..........................S#",
		"#............................#",
		"##############################",
	)
	bm := newBotMatch(t, m, 6, game.BotEasy)
	shooter, err := bm.w.AddPlayer("shooter")
	if err != nil {
		t.Fatal(err)
	}
	var bot *game.Player
	for _, p := range bm.w.Players() {
		if p.ID != shooter {
			bot = p
		}
	}
	from, to := game.Vec2{X: 48, Y: 48}, game.Vec2{X: 48 + 800, Y: 48}
	for tick := 1; tick <= 3*game.DefaultTickRate; tick++ {
		place(bot, from)
		place(bm.w.Player(shooter), to)
		bot.Health = game.MaxHealth
		if tick%20 == 1 { // a shot every third of a second, straight at the bot
			bm.w.SetInput(shooter, game.MakeInput(0, 0, math.Pi, true))
		}
		bm.step()
		for _, e := range bm.w.Events() {
			if e.Kind == game.EventShot && e.Actor == bot.ID {
				t.Logf("the bot fired back at tick %d", tick)
				return
			}
		}
	}
	t.Fatal("the bot never fired back at a player shooting it from 800 units")
}
