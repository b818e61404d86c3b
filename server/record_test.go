package server_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/game/replay"
	"arena/netcode"
	"arena/server"
)

// TestRecordedMatchReplaysExactly: two players on the duel map shoot each
// other through the real server with -record; when they leave, the room's
// file is complete, and replaying it on a fresh World ends on the scores
// each client was last told of its own player, exactly.
func TestRecordedMatchReplaysExactly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv, _, url := startServer(t, func(c *server.Config) { c.RecordDir = dir; c.ResumeGrace = server.ResumeOff })
	a := join(t, url, "alice")
	b := join(t, url, "bob")
	aID, bID := a.welcome.PlayerID, b.welcome.PlayerID
	waitFor(t, 2*time.Second, "both players in a snapshot", func() bool {
		_, okA := a.other(bID)
		_, okB := b.other(aID)
		return okA && okB
	})
	// Both aim at the other and fire until someone has died twice, moving
	// a little so that the commands vary.
	tick := time.NewTicker(time.Second / 60)
	defer tick.Stop()
	aimAt := func(c *client, other game.PlayerID, n int) game.Input {
		me := c.own()
		o, ok := c.other(other)
		if !ok {
			return game.MakeInput(0, 0, 0, false)
		}
		aim := math.Atan2(netcode.FromRemote(o.Y)-netcode.FromFixed(me.Y), netcode.FromRemote(o.X)-netcode.FromFixed(me.X))
		return game.MakeInput(0, math.Sin(float64(n)/20), aim, true)
	}
	deadline := time.Now().Add(20 * time.Second)
	for n := 0; a.own().Deaths+b.own().Deaths < 3; n++ {
		if time.Now().After(deadline) {
			t.Fatalf("no three deaths in 20 s: alice %+v, bob %+v", a.own(), b.own())
		}
		<-tick.C
		a.sendInput(aimAt(a, bID, n))
		b.sendInput(aimAt(b, aID, n+7))
	}
	// Hold fire until the scores settle in both clients' snapshots.
	for range 30 {
		<-tick.C
		a.sendInput(game.MakeInput(0, 0, 0, false))
		b.sendInput(game.MakeInput(0, 0, 0, false))
	}
	time.Sleep(200 * time.Millisecond)
	want := map[game.PlayerID]netcode.PlayerState{aID: a.own(), bID: b.own()}
	a.ws.CloseNow()
	b.ws.CloseNow()

	var files []string
	waitFor(t, 5*time.Second, "the room's recording", func() bool {
		files, _ = filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
		return len(files) == 1 && srv.Metrics().RoomsEnded.Load() == 1
	})
	if base := filepath.Base(files[0]); !strings.HasPrefix(base, "r1-001-") {
		t.Errorf("file name %s: want r1-001-<time>%s", base, replay.FileExt)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Header.CheckProtocol(netcode.Version); err != nil {
		t.Fatal(err)
	}
	if rec.Header.Room != "r1" || rec.Header.Seq != 1 || rec.Header.Map != "test" || rec.Header.TickRate != 60 {
		t.Errorf("header %+v", rec.Header)
	}
	// Both left (no seats are held), with their scores; the room ended
	// empty.
	if len(rec.Left) != 2 || len(rec.Final) != 0 {
		t.Fatalf("left %+v, final %+v: want alice and bob leaving, no one at the end", rec.Left, rec.Final)
	}
	for _, s := range rec.Left {
		w := want[s.ID]
		if s.Kills != int(w.Kills) || s.Deaths != int(w.Deaths) || s.Score != int(w.Score) {
			t.Errorf("player %d: recorded %+v, its client was told kills %d deaths %d score %d", s.ID, s, w.Kills, w.Deaths, w.Score)
		}
	}
	load := func(name string) (*game.Map, error) { return game.LoadMap(testMaps(), name) }
	if err := replay.Verify(rec, load); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d ticks, left %+v, %d bytes", rec.Ticks, rec.Left, len(data))
}

// TestRecordDirMustExist: a RecordDir that is missing, or a file, is a
// configuration error naming it.
func TestRecordDirMustExist(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{filepath.Join(dir, "missing"), file} {
		_, err := server.New(server.Config{Maps: testMaps(), MapName: "test", RecordDir: d})
		if err == nil || !strings.Contains(err.Error(), "record dir") {
			t.Errorf("RecordDir %s: %v", d, err)
		}
	}
}

// TestRecordedBotsReplay: a room filled with server-side bots
// (MinPlayers) records them like people, with their AI's applied commands:
// the bots' fight replays, without their AI, to the scores the server's
// World had at the end.
func TestRecordedBotsReplay(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv, _, url := startServer(t, func(c *server.Config) {
		c.RecordDir, c.ResumeGrace, c.MinPlayers = dir, server.ResumeOff, 4
		c.BotLevels = []game.BotLevel{game.BotHard}
	})
	c := join(t, url, "watcher")
	waitFor(t, 20*time.Second, "two kills among the bots", func() bool { return len(c.eventsOf(netcode.EventKill)) >= 2 })
	c.ws.CloseNow()
	var files []string
	waitFor(t, 5*time.Second, "the room's recording", func() bool {
		files, _ = filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
		return len(files) == 1 && srv.Metrics().RoomsEnded.Load() == 1
	})
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := replay.New(rec, func(name string) (*game.Map, error) { return game.LoadMap(testMaps(), name) })
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	kills, bots := 0, 0
	for _, p := range r.World().Players() {
		kills += p.Kills
		if p.Bot {
			bots++
		}
	}
	for _, s := range rec.Left {
		kills += s.Kills
	}
	if kills < 2 || bots == 0 && len(rec.Left) < 4 {
		t.Errorf("replayed %d kills, %d bots at the end, %d left: want the bots' fight", kills, bots, len(rec.Left))
	}
	t.Logf("%d ticks, final %+v, left %+v, %d bytes", rec.Ticks, rec.Final, rec.Left, len(data))
}

// TestRecordedMatchCycleReplays: with timed matches (Config.Match) the
// room writes a file per match, each continuing the one before (Prev),
// each phase change and ended match's scoreboard recorded; the chain
// replays exactly, and a later match's file alone says what it needs.
func TestRecordedMatchCycleReplays(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv, _, url := startServer(t, func(c *server.Config) {
		c.RecordDir, c.MinPlayers = dir, 4
		c.BotLevels = []game.BotLevel{game.BotHard}
		c.Match = server.MatchConfig{Length: time.Second, Countdown: time.Second, Intermission: time.Second, Maps: []string{"test", "test"}}
	})
	c := join(t, url, "watcher")
	defer c.ws.CloseNow()
	time.Sleep(7 * time.Second) // two cycles of 3 s, and a third begun
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
	if len(files) != 3 {
		t.Fatalf("recordings %v; want one per match, 3", files)
	}
	var recs []*replay.Recording
	total := 0
	for i, f := range files { // r1-001-..., r1-002-...: in order
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += len(data)
		rec, err := replay.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if want := ""; i > 0 {
			want = filepath.Base(files[i-1])
			if rec.Header.Prev != want || rec.Header.Seq != i+1 {
				t.Errorf("file %d: prev %q seq %d; want %q, %d", i+1, rec.Header.Prev, rec.Header.Seq, want, i+1)
			}
		}
		recs = append(recs, rec)
	}
	ended := 0
	for _, rec := range recs[:2] {
		for _, p := range rec.Phases {
			if p.Phase == game.PhaseEnded {
				ended++
			}
		}
	}
	if ended != 2 || recs[0].Header.Match == nil || len(recs[0].Header.Match.Maps) != 2 {
		t.Fatalf("%d matches ended in the first two files, match header %+v; want one each", ended, recs[0].Header.Match)
	}
	load := func(name string) (*game.Map, error) { return game.LoadMap(testMaps(), name) }
	if err := replay.VerifyChain(recs, load); err != nil {
		t.Fatal(err)
	}
	if _, err := replay.New(recs[1], load); err == nil || !strings.Contains(err.Error(), "continues "+filepath.Base(files[0])) {
		t.Errorf("the second match alone: %v", err)
	}
	t.Logf("%d files, %d bytes", len(files), total)
}
