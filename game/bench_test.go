package game_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"arena/assets"
	"arena/game"
)

// newBench returns a bench match with n players.
func newBench(t testing.TB, seed uint64, n int) *game.Bench {
	t.Helper()
	r, err := game.NewBench(game.Config{Map: game.BenchMap(), Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	b := r.(*game.Bench)
	for i := range n {
		if _, err := b.AddPlayer("p" + string(rune('a'+i%26))); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// placeBench puts the players at the given positions, in id order.
func placeBench(b *game.Bench, at ...game.Vec2) {
	for i, p := range b.Players() {
		p.Pos = at[i]
	}
}

func TestBenchMovesAt300UnitsASecond(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mx, my int8
		want   game.Vec2 // after 60 commands from (1000, 1000)
	}{
		{"right", 127, 0, game.Vec2{X: 1300, Y: 1000}},
		{"up", 0, -127, game.Vec2{X: 1000, Y: 700}},
		{"a small push is full speed", 1, 0, game.Vec2{X: 1300, Y: 1000}},
		{"half a stick is full speed", -64, 0, game.Vec2{X: 700, Y: 1000}},
		{"still", 0, 0, game.Vec2{X: 1000, Y: 1000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &game.Player{Pos: game.Vec2{X: 1000, Y: 1000}, Alive: true}
			for range 60 {
				game.SimulateBenchCommand(p, game.Input{MoveX: tc.mx, MoveY: tc.my}, 1.0/60)
			}
			if p.Pos != tc.want {
				t.Errorf("after 1 s at (%d,%d): %v, want %v", tc.mx, tc.my, p.Pos, tc.want)
			}
		})
	}
}

func TestBenchNormalizesTheStick(t *testing.T) {
	for _, in := range []game.Input{{MoveX: 127, MoveY: 127}, {MoveX: -127, MoveY: 40}, {MoveX: 3, MoveY: -5}, {MoveX: -128, MoveY: -128}} {
		p := &game.Player{Pos: game.Vec2{X: 1000, Y: 1000}}
		game.SimulateBenchCommand(p, in, 1.0/60)
		speed := p.Vel.Len()
		if math.Abs(speed-game.BenchSpeed) > 0.1 {
			t.Errorf("input %+v: speed %v, want %v", in, speed, game.BenchSpeed)
		}
		l := math.Hypot(float64(in.MoveX), float64(in.MoveY))
		dir := game.Vec2{X: float64(in.MoveX) / l, Y: float64(in.MoveY) / l}
		if d := p.Vel.Scale(1 / speed).Sub(dir).Len(); d > 1e-3 {
			t.Errorf("input %+v: velocity %v is not along the stick", in, p.Vel)
		}
		if moved := p.Pos.Dist(game.Vec2{X: 1000, Y: 1000}); math.Abs(moved-5) > 0.1 {
			t.Errorf("input %+v: moved %v in a tick, want 5", in, moved)
		}
		for _, v := range []float64{p.Pos.X, p.Pos.Y, p.Vel.X, p.Vel.Y} {
			if v != game.Quantize(v) {
				t.Errorf("input %+v: %v is off the 1/16 grid", in, v)
			}
		}
	}
}

func TestBenchClampsToTheArena(t *testing.T) {
	p := &game.Player{Pos: game.Vec2{X: 1997, Y: 2}}
	game.SimulateBenchCommand(p, game.Input{MoveX: 127, MoveY: -127}, 1.0/60)
	if p.Pos != (game.Vec2{X: 2000, Y: 0}) || p.Vel != (game.Vec2{}) {
		t.Errorf("pushed past the corner: pos %v vel %v, want (2000, 0) at rest", p.Pos, p.Vel)
	}
	p = &game.Player{Pos: game.Vec2{X: 3, Y: 1000}}
	game.SimulateBenchCommand(p, game.Input{MoveX: -127, MoveY: 127}, 1.0/60)
	if p.Pos.X != 0 || p.Vel.X != 0 || p.Pos.Y <= 1000 || p.Vel.Y <= 0 {
		t.Errorf("pushed into the left edge going down: pos %v vel %v, want x 0 and still moving down", p.Pos, p.Vel)
	}
}

func TestBenchCooldownIs30Commands(t *testing.T) {
	p := &game.Player{}
	var fired []int
	for i := range 100 {
		if game.SimulateBenchCommand(p, game.Input{Buttons: game.ButtonFire, Aim: 123}, 1.0/60) {
			fired = append(fired, i)
		}
	}
	if want := []int{0, 30, 60, 90}; !reflect.DeepEqual(fired, want) {
		t.Errorf("holding fire for 100 commands fired at %v, want %v", fired, want)
	}
	if p.Aim != 123 {
		t.Errorf("aim %d, want the input's 123", p.Aim)
	}
}

// fireOnce has the first player fire once and steps b.
func fireOnce(b *game.Bench) {
	b.SetCommands(b.Players()[0].ID, []game.Command{{Input: game.Input{Buttons: game.ButtonFire}}})
	b.Step()
}

func TestBenchShotHitsTheNearestWithinRange(t *testing.T) {
	b := newBench(t, 1, 4)
	ps := b.Players()
	placeBench(b, game.Vec2{X: 1000, Y: 1000}, game.Vec2{X: 1200, Y: 1000}, game.Vec2{X: 1000, Y: 900}, game.Vec2{X: 1000, Y: 1300})
	fireOnce(b)
	if ps[0].Health != 100 || ps[1].Health != 100 || ps[2].Health != 90 || ps[3].Health != 100 {
		t.Errorf("hp %d %d %d %d, want only the nearest (100 away) at 90", ps[0].Health, ps[1].Health, ps[2].Health, ps[3].Health)
	}
	ev := b.Events()
	if len(ev) != 1 || ev[0].Kind != game.EventShot || ev[0].Actor != ps[0].ID || ev[0].Target != ps[2].ID {
		t.Errorf("events %+v, want one shot at player %d", ev, ps[2].ID)
	}
}

func TestBenchRangeIs300Inclusive(t *testing.T) {
	b := newBench(t, 1, 2)
	ps := b.Players()
	placeBench(b, game.Vec2{X: 1000, Y: 1000}, game.Vec2{X: 1300, Y: 1000})
	fireOnce(b)
	if ps[1].Health != 90 {
		t.Errorf("a player exactly 300 away: hp %d, want 90", ps[1].Health)
	}
	b = newBench(t, 1, 2)
	ps = b.Players()
	placeBench(b, game.Vec2{X: 1000, Y: 1000}, game.Vec2{X: 1300.0625, Y: 1000})
	fireOnce(b)
	if ps[0].Health != 100 || ps[1].Health != 100 {
		t.Errorf("a player 300.0625 away: hp %d %d, want nobody hit", ps[0].Health, ps[1].Health)
	}
	if ev := b.Events(); len(ev) != 1 || ev[0].Target != 0 || ev[0].To != ev[0].From {
		t.Errorf("events %+v, want one shot at nobody", ev)
	}
}

func TestBenchNeverHitsTheShooter(t *testing.T) {
	b := newBench(t, 1, 1)
	fireOnce(b)
	if p := b.Players()[0]; p.Health != 100 || p.Score != 0 {
		t.Errorf("alone: hp %d score %d, want 100 and 0", p.Health, p.Score)
	}
}

func TestBenchKillResetsHealthInPlace(t *testing.T) {
	b := newBench(t, 1, 2)
	ps := b.Players()
	placeBench(b, game.Vec2{X: 1000, Y: 1000}, game.Vec2{X: 1100, Y: 1050})
	for range 9 {
		fireOnce(b)
		for range game.BenchCooldownTicks - 1 {
			b.SetCommands(ps[0].ID, []game.Command{{}}) // the cooldown counts commands
			b.Step()
		}
	}
	if ps[1].Health != 10 || ps[0].Score != 0 {
		t.Fatalf("after 9 hits: hp %d, score %d; want 10 and 0", ps[1].Health, ps[0].Score)
	}
	fireOnce(b)
	if ps[1].Health != 100 || !ps[1].Alive || ps[1].Pos != (game.Vec2{X: 1100, Y: 1050}) {
		t.Errorf("the 10th hit: victim hp %d alive %v at %v, want 100, alive, where it stood", ps[1].Health, ps[1].Alive, ps[1].Pos)
	}
	if ps[0].Score != 1 || ps[0].Kills != 1 || ps[1].Deaths != 1 {
		t.Errorf("shooter score %d kills %d, victim deaths %d; want 1, 1, 1", ps[0].Score, ps[0].Kills, ps[1].Deaths)
	}
	ev := b.Events()
	if len(ev) != 2 || ev[1].Kind != game.EventKill || ev[1].Actor != ps[0].ID || ev[1].Target != ps[1].ID {
		t.Errorf("events %+v, want a shot and a kill", ev)
	}
}

func TestBenchSpawnsUniformly(t *testing.T) {
	var quadrant [4]int
	n := 0
	for seed := range uint64(60) {
		b := newBench(t, seed, game.MaxPlayersPerWorld)
		for _, p := range b.Players() {
			x, y := p.Pos.X, p.Pos.Y
			if x < 0 || x > game.BenchArenaSize || y < 0 || y > game.BenchArenaSize || x != game.Quantize(x) || y != game.Quantize(y) {
				t.Fatalf("spawned at %v: outside the arena or off the grid", p.Pos)
			}
			if p.Health != game.BenchMaxHealth || !p.Alive {
				t.Fatalf("spawned with hp %d alive %v", p.Health, p.Alive)
			}
			q := 0
			if x >= 1000 {
				q++
			}
			if y >= 1000 {
				q += 2
			}
			quadrant[q]++
			n++
		}
	}
	for q, c := range quadrant {
		if frac := float64(c) / float64(n); math.Abs(frac-0.25) > 0.03 {
			t.Errorf("quadrant %d has %.1f%% of %d spawns, want about 25%%", q, 100*frac, n)
		}
	}
}

// playBench runs a bench match of 16 with random inputs drawn from
// inputSeed for steps ticks and returns the players' states.
func playBench(t *testing.T, seed, inputSeed uint64, steps int) []game.Player {
	b := newBench(t, seed, 16)
	rng := rand.New(rand.NewPCG(inputSeed, 1))
	for range steps {
		for _, p := range b.Players() {
			if rng.IntN(10) == 0 {
				continue // held this tick
			}
			in := game.Input{MoveX: int8(rng.IntN(255) - 127), MoveY: int8(rng.IntN(255) - 127), Aim: uint16(rng.Uint32())}
			if rng.IntN(2) == 0 {
				in.Buttons = game.ButtonFire
			}
			b.SetCommands(p.ID, []game.Command{{Input: in}})
		}
		b.Step()
	}
	var out []game.Player
	for _, p := range b.Players() {
		out = append(out, *p)
	}
	return out
}

func TestBenchIsDeterministic(t *testing.T) {
	a, b := playBench(t, 7, 3, 1200), playBench(t, 7, 3, 1200)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two matches with the same seed and inputs differ")
	}
	kills := 0
	for _, p := range a {
		kills += p.Kills
	}
	if kills == 0 {
		t.Error("20 s of 16 players firing at random made no kill: the test exercises nothing")
	}
	if reflect.DeepEqual(a, playBench(t, 8, 3, 1200)) {
		t.Error("another seed gave the same match")
	}
}

func TestNewBenchRefusesOtherMapsAndRates(t *testing.T) {
	arena, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := game.NewBench(game.Config{Map: arena}); err == nil || !strings.Contains(err.Error(), "without walls") {
		t.Errorf("the arena map: %v, want an error saying the bench map has no walls", err)
	}
	if _, err := game.NewBench(game.Config{Map: game.BenchMap(), TickRate: 30}); err == nil || !strings.Contains(err.Error(), "60 Hz") {
		t.Errorf("30 Hz: %v, want an error naming 60 Hz", err)
	}
	if _, err := game.NewBench(game.Config{}); err == nil {
		t.Error("no map: no error")
	}
}

func TestBenchMapAsset(t *testing.T) {
	m, err := game.LoadMap(assets.FS, game.BenchMapName)
	if err != nil {
		t.Fatal(err)
	}
	if m.Width != game.BenchArenaSize || m.Height != game.BenchArenaSize || len(m.Walls) != 0 {
		t.Errorf("maps/bench.json is %v x %v with %d walls, want %v square, none", m.Width, m.Height, len(m.Walls), game.BenchArenaSize)
	}
	if _, err := game.NewBench(game.Config{Map: m}); err != nil {
		t.Error(err)
	}
}

func TestPredictModeMatchesTheRules(t *testing.T) {
	sim, params, ok := game.PredictMode(game.ModeBench, 60)
	if !ok || !reflect.DeepEqual(params, game.BenchParams()) {
		t.Fatalf("PredictMode(bench) = %v, %v", ok, params)
	}
	b := newBench(t, 1, 1)
	p := b.Players()[0]
	want := *p
	in := game.Input{MoveX: 90, MoveY: -20, Buttons: game.ButtonFire}
	sim(game.BenchMap(), &want, in)
	b.SetCommands(p.ID, []game.Command{{Input: in}})
	b.Step()
	if *p != want {
		t.Errorf("Step made %+v, the client's CommandFunc %+v", *p, want)
	}
	if _, _, ok := game.PredictMode(game.ModeBench, 30); ok {
		t.Error("bench at 30 Hz: ok")
	}
	if _, _, ok := game.PredictMode("tag", 60); ok {
		t.Error("an unknown mode: ok")
	}
	if _, params, ok := game.PredictMode(game.ModeArena, 60); !ok || !reflect.DeepEqual(params, game.ArenaParams(60)) {
		t.Error("PredictMode(arena) does not give ArenaParams")
	}
}
