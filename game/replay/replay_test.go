package replay_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/game/replay"
)

// TestReplayReproducesScores: a match recorded on a World and replayed on
// a fresh one ends on the same scores, and the same positions, exactly.
func TestReplayReproducesScores(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	got := playMatch(t, m, 42, 3600)
	kills := 0
	for _, s := range got.final {
		kills += s.Kills
	}
	if kills < 3 {
		t.Fatalf("the test match has %d kills: too few to prove anything", kills)
	}
	rec, err := replay.Parse(got.data)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Ticks != 3600 || len(rec.Final) != len(got.final) {
		t.Fatalf("parsed %d ticks, %d final scores; want 3600, %d", rec.Ticks, len(rec.Final), len(got.final))
	}
	r, err := replay.New(rec, only(m))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	for i, p := range r.World().Players() {
		q := got.world.Players()[i]
		if p.Pos != q.Pos || p.Health != q.Health || p.Name != q.Name {
			t.Errorf("player %d replayed at %v health %d %q, recorded %v health %d %q", p.ID, p.Pos, p.Health, p.Name, q.Pos, q.Health, q.Name)
		}
	}
	t.Logf("%d ticks, 5-6 players, %d kills: %d bytes (%.0f bytes/s)", rec.Ticks, kills, len(got.data), float64(len(got.data))/60)
}

// TestReplayMatchCycle: a World playing timed matches over a rotation of
// the three built-in maps replays through two map changes with every
// ended match's scoreboard, recorded in its phase record, reproduced.
func TestReplayMatchCycle(t *testing.T) {
	t.Parallel()
	var maps []*game.Map
	for _, name := range []string{"arena", "expanse", "warrens"} {
		m, err := loadMap(name)
		if err != nil {
			t.Fatal(err)
		}
		maps = append(maps, m)
	}
	mc := &game.MatchConfig{Maps: maps, Countdown: time.Second, Length: 20 * time.Second, Intermission: time.Second}
	got := playCycle(t, game.Config{TickRate: 60, Seed: 9, Match: mc}, 60*50)
	rec, err := replay.Parse(got.data)
	if err != nil {
		t.Fatal(err)
	}
	ended := 0
	for _, p := range rec.Phases {
		if p.Phase == game.PhaseEnded {
			ended++
		}
	}
	if ended < 2 || rec.Header.Match == nil || len(rec.Header.Match.Maps) != 3 {
		t.Fatalf("%d matches ended, header %+v; want 2 and a rotation of 3", ended, rec.Header.Match)
	}
	if err := replay.Verify(rec, loadMap); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d ticks, %d phases: %d bytes", rec.Ticks, len(rec.Phases), len(got.data))
}

// TestReplayChain: a match cycle cut into a file per match, each
// continuing the one before, replays as a chain with each file's final
// scores checked; a later file alone, or a chain with a file missing, is
// refused with the reason.
func TestReplayChain(t *testing.T) {
	t.Parallel()
	var maps []*game.Map
	for _, name := range []string{"arena", "warrens"} {
		m, err := loadMap(name)
		if err != nil {
			t.Fatal(err)
		}
		maps = append(maps, m)
	}
	mc := &game.MatchConfig{Maps: maps, Countdown: time.Second, Length: 15 * time.Second, Intermission: time.Second}
	got := playCut(t, game.Config{TickRate: 60, Seed: 4, Match: mc}, 60*55, true)
	if len(got.files) < 3 {
		t.Fatalf("%d files; want one per match, at least 3", len(got.files))
	}
	var recs []*replay.Recording
	for i, data := range got.files {
		rec, err := replay.Parse(data)
		if err != nil {
			t.Fatalf("file %d: %v", i+1, err)
		}
		recs = append(recs, rec)
	}
	if err := replay.VerifyChain(recs, loadMap); err != nil {
		t.Fatal(err)
	}
	if _, err := replay.New(recs[1], loadMap); err == nil || !strings.Contains(err.Error(), "continues r1-001") {
		t.Fatalf("New of the second file alone: %v", err)
	}
	if _, err := replay.NewChain([]*replay.Recording{recs[0], recs[2]}, loadMap); err == nil || !strings.Contains(err.Error(), "but the one before it ends at") {
		t.Fatalf("a chain without its second file: %v", err)
	}
	sizes := ""
	for _, f := range got.files {
		sizes += fmt.Sprintf(" %d", len(f))
	}
	t.Logf("%d files, bytes:%s", len(got.files), sizes)
}

// TestReplayDetectsDivergence: a replay on another seed (spawns differ)
// does not end on the recorded scores and says so.
func TestReplayDetectsDivergence(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	got := playMatch(t, m, 42, 1800)
	rec, err := replay.Parse(got.data)
	if err != nil {
		t.Fatal(err)
	}
	rec.Header.Seed++
	err = replay.Verify(rec, only(m))
	if !errors.Is(err, replay.ErrDiverged) {
		t.Fatalf("Verify with another seed: %v; want ErrDiverged", err)
	}
	t.Log(err)
}

// TestVersionRefused: a file of another format version is refused by
// Parse, one of another protocol by CheckProtocol, both versions named.
func TestVersionRefused(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	data := playMatch(t, m, 1, 60).data
	bad := append([]byte{}, data...)
	bad[len(replay.Magic)] = replay.FormatVersion + 1 // the format's Uvarint is one byte
	_, err := replay.Parse(bad)
	if err == nil || !strings.Contains(err.Error(), "format version 2, this build reads version 1") {
		t.Fatalf("Parse of format 2: %v", err)
	}
	rec, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	err = rec.Header.CheckProtocol(testProtocol + 1)
	if err == nil || err.Error() != "replay: recorded by protocol version 2, this build plays version 3" {
		t.Fatalf("CheckProtocol(3) = %v", err)
	}
	if err := rec.Header.CheckProtocol(testProtocol); err != nil {
		t.Fatal(err)
	}
	if _, err := replay.Parse([]byte("GIF89a...")); err == nil || !strings.Contains(err.Error(), "not an Arena recording") {
		t.Fatalf("Parse of a GIF: %v", err)
	}
}

// TestTruncatedRefused: every prefix of a recording is refused with an
// error naming the byte where it stops, never a panic.
func TestTruncatedRefused(t *testing.T) {
	t.Parallel()
	data := playMatch(t, arenaMap(t), 3, 120).data
	for n := range len(data) {
		_, err := replay.Parse(data[:n])
		if err == nil {
			t.Fatalf("Parse of the first %d of %d bytes: no error", n, len(data))
		}
		if n > len(replay.Magic) && !strings.Contains(err.Error(), "byte ") {
			t.Fatalf("Parse of %d bytes: %v; want the offset named", n, err)
		}
	}
	_, err := replay.Parse(data[:len(data)-1])
	t.Log(err)
	if _, err := replay.Parse(append(append([]byte{}, data...), 0)); err == nil || !strings.Contains(err.Error(), "follow the end record") {
		t.Fatalf("Parse with a byte after the end: %v", err)
	}
}

// TestOtherMapRefused: a replay on a map that differs from the recorded
// one (same name) is refused before it starts.
func TestOtherMapRefused(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	rec, err := replay.Parse(playMatch(t, m, 1, 30).data)
	if err != nil {
		t.Fatal(err)
	}
	other := *m
	other.Walls = other.Walls[1:]
	if _, err := replay.New(rec, only(&other)); err == nil || !strings.Contains(err.Error(), "is not the map") {
		t.Fatalf("New on another map: %v", err)
	}
	rec.Header.Mode = "bench"
	if _, err := replay.New(rec, only(m)); err == nil || !strings.Contains(err.Error(), `mode "bench" is not replayable`) {
		t.Fatalf("New of a bench recording: %v", err)
	}
}

// TestOtherRulesRefused: a recording made under other constants is refused
// with the constant named.
func TestOtherRulesRefused(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	rec, err := replay.Parse(playMatch(t, m, 1, 30).data)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range rec.Header.Params {
		if p.Name == "max_speed" {
			rec.Header.Params[i].Value++
		}
	}
	if _, err := replay.New(rec, only(m)); err == nil || !strings.Contains(err.Error(), "max_speed is 261 in the recording, 260 in this build") {
		t.Fatalf("New with other rules: %v", err)
	}
}

// TestWriterAllocatesNothing: recording a tick (every player's commands
// and the Step) allocates nothing once the buffer has grown.
func TestWriterAllocatesNothing(t *testing.T) {
	m := arenaMap(t)
	h := &replay.Header{Mode: game.ModeArena, Map: m.Name, TickRate: 60}
	w := replay.NewWriter(h, make([]byte, 0, 1<<20))
	for id := range game.PlayerID(8) {
		w.Join(id+1, "p")
	}
	cmds := []game.Command{{Input: game.Input{MoveX: 100, Aim: 5}, ViewTick: 1}}
	tick := uint32(0)
	allocs := testing.AllocsPerRun(1000, func() {
		tick++
		for id := range game.PlayerID(8) {
			cmds[0].Input.Aim += 300
			cmds[0].ViewTick = tick
			w.Commands(id+1, cmds)
		}
		w.Step()
		if w.Buffered() > 1<<19 {
			w.Swap(w.Swap(nil))
		}
	})
	if allocs != 0 {
		t.Fatalf("%.1f allocations per tick", allocs)
	}
}

// BenchmarkWriterTick is the cost of recording one tick of 8 players.
func BenchmarkWriterTick(b *testing.B) {
	h := &replay.Header{Mode: game.ModeArena, Map: "arena", TickRate: 60}
	w := replay.NewWriter(h, make([]byte, 0, 1<<20))
	for id := range game.PlayerID(8) {
		w.Join(id+1, "p")
	}
	cmds := []game.Command{{Input: game.Input{MoveX: 100, Aim: 5}, ViewTick: 1}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for id := range game.PlayerID(8) {
			cmds[0].Input.Aim += 300
			cmds[0].ViewTick = uint32(i)
			w.Commands(id+1, cmds)
		}
		w.Step()
		if w.Buffered() > 1<<19 {
			w.Swap(w.Swap(nil))
		}
	}
}

// FuzzParse: no input makes Parse, or replaying what it accepts, panic.
func FuzzParse(f *testing.F) {
	m := arenaMap(f)
	f.Add(playMatch(f, m, 5, 90).data)
	f.Add([]byte(replay.Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := replay.Parse(data)
		if err != nil {
			return
		}
		if rec.Ticks > 10000 {
			return // valid, but long to play; Parse is what is fuzzed
		}
		if r, err := replay.New(rec, only(m)); err == nil {
			_ = r.Finish()
		}
	})
}

// BenchmarkReplayMinute is the cost of replaying a minute (3600 ticks)
// of 5-6 players from the start: what a seek back costs at most per
// minute of recording.
func BenchmarkReplayMinute(b *testing.B) {
	m := arenaMap(b)
	rec, err := replay.Parse(playMatch(b, m, 42, 3600).data)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := replay.Verify(rec, only(m)); err != nil {
			b.Fatal(err)
		}
	}
}
