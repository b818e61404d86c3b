package server

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"arena/game"
	"arena/game/gametest"
	"arena/game/replay"
)

// testRecorder returns a recorder writing to a temporary directory, with
// a World of n players joined and recorded.
func testRecorder(tb testing.TB, n int) (*matchRecorder, *game.World, string) {
	tb.Helper()
	m, err := game.ParseMap("maps/test.json", gametest.DuelJSON())
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	cfg := Config{RecordDir: dir, MapName: "test", TickRate: 60, Clock: RealClock()}
	// A match cycle, as rooms play by default: its phase checks are on
	// the recorded tick's path too (one long match: no file is cut).
	gcfg := game.Config{Map: m, Seed: 1, TickRate: 60, Match: &game.MatchConfig{Maps: []*game.Map{m}, Length: time.Hour}}
	w, err := game.NewWorld(gcfg)
	if err != nil {
		tb.Fatal(err)
	}
	rec := newMatchRecorder(roomConfig{id: "r1", cfg: cfg, gameMap: m, seed: 1}, gcfg, w, slog.New(slog.DiscardHandler))
	rec.begin(w.Tick(), nil)
	for range n {
		id, err := w.AddPlayer("p")
		if err != nil {
			tb.Fatal(err)
		}
		rec.join(id, "p")
	}
	return rec, w, dir
}

// TestRecorderAllocatesNothingPerTick: a recorded tick of 16 players
// (their commands and the Step), the hand-over of full buffers to the
// writer goroutine included, allocates nothing; the file it makes replays.
func TestRecorderAllocatesNothingPerTick(t *testing.T) {
	rec, w, dir := testRecorder(t, 16)
	cmds := []game.Command{{Input: game.Input{MoveX: 100, Aim: 5, Buttons: game.ButtonFire}, ViewTick: 1}}
	allocs := testing.AllocsPerRun(5000, func() {
		for _, p := range w.Players() {
			cmds[0].Input.Aim += 300
			cmds[0].Input.MoveY = int8(w.Tick())
			cmds[0].ViewTick = max(1, w.Tick()-5)
			w.SetCommands(p.ID, cmds)
			rec.commands(p.ID, cmds)
		}
		w.Step()
		rec.step(w)
	})
	if allocs != 0 {
		t.Errorf("%.2f allocations per recorded tick", allocs)
	}
	rec.close(w.Players())
	files, _ := filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	r, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := replay.Verify(r, func(string) (*game.Map, error) { return w.Map(), nil }); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d ticks of 16 players: %d bytes", r.Ticks, len(data))
}

// BenchmarkRecorderTick is what recording costs a room per tick with 16
// players (not the World's Step, which it does not include).
func BenchmarkRecorderTick(b *testing.B) {
	rec, w, _ := testRecorder(b, 16)
	defer rec.close(nil)
	cmds := []game.Command{{Input: game.Input{MoveX: 100, Aim: 5}, ViewTick: 1}}
	players := w.Players()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for _, p := range players {
			cmds[0].Input.Aim += 300
			cmds[0].Input.MoveY = int8(i)
			cmds[0].ViewTick = uint32(max(1, i-5))
			rec.commands(p.ID, cmds)
		}
		rec.step(w)
	}
}
