package game_test

import (
	"strings"
	"testing"
	"time"

	"arena/game"
)

// Short phases at 60 Hz: 10 ticks of countdown, 300 of play, 20 of
// intermission.
var shortMatch = game.MatchConfig{
	Countdown:    time.Second / 6,
	Length:       5 * time.Second,
	Intermission: time.Second / 3,
}

// secondMap is a map of another shape than openMap, so a test can tell
// which one a World plays.
func secondMap(t testing.TB) *game.Map {
	return parse(t,
		"..........",
		".S......S.",
		"..........",
		".H..##..R.",
		"..........",
		".S......S.",
		"..........",
	)
}

func matchWorld(t *testing.T, maps ...*game.Map) *heldWorld {
	t.Helper()
	cfg := shortMatch
	cfg.Maps = maps
	w, err := game.NewWorld(game.Config{Seed: 7, Match: &cfg})
	if err != nil {
		t.Fatal(err)
	}
	return holding(w)
}

// stepUntil steps w until its phase is p (at most limit Steps) and returns
// how many Steps that took; it fails the test when an EventPhase comes
// without a phase change or the phase does not come.
func stepUntil(t *testing.T, w *heldWorld, p game.Phase, limit int) int {
	t.Helper()
	for n := 1; n <= limit; n++ {
		before := w.Match().Phase
		w.Step()
		st := w.Match()
		if got := countEvents(w.World, game.EventPhase); (got == 1) != (st.Phase != before) {
			t.Fatalf("tick %d: %d phase events, phase %v -> %v", w.Tick(), got, before, st.Phase)
		}
		if st.Phase == p {
			return n
		}
	}
	t.Fatalf("phase %v did not come in %d Steps (at %v)", p, limit, w.Match().Phase)
	return 0
}

func TestMatchCycle(t *testing.T) {
	t.Parallel()
	first, second := openMap(t), secondMap(t)
	w := matchWorld(t, first, second)
	st := w.Match()
	if st.Phase != game.PhaseCountdown || st.Number != 1 || st.Map != first || st.End != 10 || w.Map() != first {
		t.Fatalf("new World: %+v, want countdown of match 1 on the first map ending at tick 10", st)
	}
	a, _ := w.AddPlayer("a")
	b, _ := w.AddPlayer("b")
	pa, pb := w.Player(a), w.Player(b)
	// Protected for the spawn protection or the countdown's Steps 1..9,
	// whichever is longer, until the countdown ends.
	spawnProtect := int(game.SpawnProtection * game.DefaultTickRate)
	if pa.ProtectTicks != max(9, spawnProtect) || pb.ProtectTicks != max(9, spawnProtect) {
		t.Errorf("joined in the countdown: protect %d %d, want %d", pa.ProtectTicks, pb.ProtectTicks, max(9, spawnProtect))
	}
	// In the countdown a may move and fire, but b takes no damage.
	pa.Pos, pb.Pos = game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48}
	w.hold(a, game.MakeInput(0, 0, 0, true))
	if n := stepUntil(t, w, game.PhasePlaying, 20); n != 10 {
		t.Errorf("countdown lasted %d Steps, want 10", n)
	}
	if pb.Health != game.MaxHealth || pa.ProtectTicks != 0 || pb.ProtectTicks != 0 {
		t.Errorf("b's health %d after the countdown's shots, protect %d %d; want %d, 0, 0", pb.Health, pa.ProtectTicks, pb.ProtectTicks, game.MaxHealth)
	}
	if st := w.Match(); st.Start != 10 || st.End != 310 {
		t.Errorf("playing: start %d end %d, want 10 and 310", st.Start, st.End)
	}
	// Playing: a's shots kill b.
	for pb.Alive && w.Match().Phase == game.PhasePlaying {
		w.Step()
	}
	if pa.Kills != 1 || pb.Deaths != 1 {
		t.Fatalf("kills %d deaths %d while playing, want 1 1", pa.Kills, pb.Deaths)
	}
	stepUntil(t, w, game.PhaseEnded, 400)
	st = w.Match()
	if st.Start != 310 || st.End != 330 {
		t.Errorf("ended: start %d end %d, want 310 and 330", st.Start, st.End)
	}
	if st.Winner != a || len(st.Scores) != 2 || st.Scores[0].ID != a || st.Scores[0].Score != pa.Score || st.Scores[1].ID != b {
		t.Fatalf("ended: winner %d scores %+v, want a (%d) first", st.Winner, st.Scores, a)
	}
	// The scoreboard is frozen: no damage, whoever joins.
	kills, deaths := pa.Kills, pb.Deaths
	late, _ := w.AddPlayer("late")
	if pl := w.Player(late); pl.ProtectTicks != max(19, spawnProtect) {
		t.Errorf("joined at the intermission's first tick: protect %d, want %d", pl.ProtectTicks, max(19, spawnProtect))
	}
	for w.Match().Phase == game.PhaseEnded {
		if pa.Kills != kills || pb.Deaths != deaths {
			t.Fatalf("tick %d: a's kills %d -> %d, b's deaths %d -> %d in the intermission", w.Tick(), kills, pa.Kills, deaths, pb.Deaths)
		}
		w.Step()
	}
	// The next match: second map, scores reset, everyone respawned on it.
	st = w.Match()
	if st.Number != 2 || st.Map != second || w.Map() != second || st.Winner != 0 || len(st.Scores) != 0 {
		t.Fatalf("next match: %+v, want match 2 on the second map with no winner", st)
	}
	if n := countEvents(w.World, game.EventSpawn); n != 3 {
		t.Errorf("%d spawn events at the map change, want 3", n)
	}
	for _, p := range w.Players() {
		if p.Kills != 0 || p.Deaths != 0 || p.Score != 0 || !p.Alive || p.Health != game.MaxHealth {
			t.Errorf("player %d after the map change: %+v, want reset and alive", p.ID, *p)
		}
		if !onSpawn(second, p.Pos) {
			t.Errorf("player %d at %v, not on a spawn of the second map", p.ID, p.Pos)
		}
	}
	// Match 3 is the first map again.
	stepUntil(t, w, game.PhaseEnded, 400)
	stepUntil(t, w, game.PhaseCountdown, 40)
	if st := w.Match(); st.Number != 3 || st.Map != first {
		t.Errorf("match 3: number %d map %v, want 3 on the first map", st.Number, st.Map.Name)
	}
}

func onSpawn(m *game.Map, p game.Vec2) bool {
	for _, s := range m.Spawns {
		if s == p {
			return true
		}
	}
	return false
}

// TestMatchFreezesScores checks that no kill counts outside the playing
// phase, for players that were there and players that join.
func TestMatchFreezesScores(t *testing.T) {
	t.Parallel()
	w := matchWorld(t, openMap(t))
	stepUntil(t, w, game.PhaseEnded, 400)
	a, _ := w.AddPlayer("a")
	b, _ := w.AddPlayer("b")
	pa, pb := w.Player(a), w.Player(b)
	pa.Pos, pb.Pos = game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48}
	w.hold(a, game.MakeInput(0, 0, 0, true))
	shots := 0
	for w.Match().Phase == game.PhaseEnded {
		w.Step()
		shots += countEvents(w.World, game.EventShot)
	}
	if shots == 0 || pb.Health != game.MaxHealth || pa.Score != 0 {
		t.Errorf("intermission: %d shots, b's health %d, a's score %d; want shots and no damage", shots, pb.Health, pa.Score)
	}
	if st := w.Match(); st.Winner != 0 {
		t.Errorf("winner %d of a match nobody played", st.Winner)
	}
}

func TestMatchWinner(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		scores [][2]int // score, deaths per player
		want   int      // index of the winner, -1 = none
	}{
		{"alone", [][2]int{{0, 0}}, 0},
		{"best score", [][2]int{{1, 0}, {3, 5}, {2, 0}}, 1},
		{"fewer deaths break a tie", [][2]int{{3, 2}, {3, 1}}, 1},
		{"draw", [][2]int{{3, 1}, {3, 1}, {0, 0}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := matchWorld(t, openMap(t))
			var ids []game.PlayerID
			for range tt.scores {
				id, _ := w.AddPlayer("p")
				ids = append(ids, id)
			}
			stepUntil(t, w, game.PhasePlaying, 20)
			for i, s := range tt.scores {
				p := w.Player(ids[i])
				p.Score, p.Kills, p.Deaths = s[0], s[0], s[1]
			}
			stepUntil(t, w, game.PhaseEnded, 400)
			st := w.Match()
			want := game.PlayerID(0)
			if tt.want >= 0 {
				want = ids[tt.want]
			}
			if st.Winner != want {
				t.Errorf("winner %d, want %d (scores %+v)", st.Winner, want, st.Scores)
			}
			for i := 1; i < len(st.Scores); i++ {
				if st.Scores[i].Score > st.Scores[i-1].Score {
					t.Errorf("scores not best first: %+v", st.Scores)
				}
			}
		})
	}
}

func TestMatchConfigErrors(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	tests := []struct {
		name string
		cfg  game.Config
		want string
	}{
		{"no maps", game.Config{Map: m, Match: &game.MatchConfig{}}, "Maps is empty"},
		{"nil map", game.Config{Match: &game.MatchConfig{Maps: []*game.Map{m, nil}}}, "Maps[1]"},
		{"negative", game.Config{Match: &game.MatchConfig{Maps: []*game.Map{m}, Length: -time.Second}}, "Length"},
		{"too long", game.Config{Match: &game.MatchConfig{Maps: []*game.Map{m}, Intermission: time.Hour}}, "Intermission"},
		{"other first map", game.Config{Map: secondMap(t), Match: &game.MatchConfig{Maps: []*game.Map{m}}}, "first map"},
	}
	for _, tt := range tests {
		if _, err := game.NewWorld(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

// TestNoMatchIsEndless checks that a World without Config.Match keeps
// today's rules: no phases, damage from the first tick.
func TestNoMatchIsEndless(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 0)
	if st := w.Match(); st.Phase != game.PhaseNone || st.Map != w.Map() {
		t.Errorf("Match() = %+v, want PhaseNone on the World's map", st)
	}
	for range 3 * 60 * 60 {
		w.Step()
		if countEvents(w, game.EventPhase) != 0 {
			t.Fatal("phase event without a match cycle")
		}
	}
}

// TestMatchMapChangeResetsEntities checks that the next match's map brings
// its own pickups (all available) and no rocket of the old map flies on.
func TestMatchMapChangeResetsEntities(t *testing.T) {
	t.Parallel()
	first, second := parse(t,
		"....................",
		".S................S.",
		".........H..........",
		"....................",
		".S................S.",
		"....................",
	), secondMap(t)
	if len(first.Pickups) != 1 || len(second.Pickups) != 2 {
		t.Fatalf("pickups %d and %d, want 1 and 2", len(first.Pickups), len(second.Pickups))
	}
	w := matchWorld(t, first, second)
	stepUntil(t, w, game.PhaseEnded, 400)
	stepUntil(t, w, game.PhaseCountdown, 40)
	if w.Map() != second || len(w.Pickups()) != len(second.Pickups) || len(w.Projectiles()) != 0 {
		t.Fatalf("after the change: map %s, %d pickups (want %d), %d rockets", w.Map().Name, len(w.Pickups()), len(second.Pickups), len(w.Projectiles()))
	}
	for i, p := range w.Pickups() {
		if p.Pos != second.Pickups[i].Pos || p.RespawnTicks != 0 {
			t.Errorf("pickup %d = %+v, want the second map's %+v, available", i, p, second.Pickups[i])
		}
	}
}
