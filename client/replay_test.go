//go:build !js

package client_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arena/assets"
	"arena/client"
	"arena/game"
	"arena/game/gametest"
	"arena/game/replay"
	"arena/netcode"
	"arena/server"
)

// recordDuel records ticks of two players on the built-in arena map who
// walk at each other firing, with protocol as the header's version.
func recordDuel(t *testing.T, ticks, protocol int) []byte {
	t.Helper()
	m, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	cfg := game.Config{Map: m, TickRate: 60, Seed: 3}
	w, err := game.NewWorld(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := replay.NewHeader(cfg, protocol, w)
	h.Room = "r7"
	rec := replay.NewWriter(&h, nil)
	for _, name := range []string{"ann", "bob"} {
		id, err := w.AddPlayer(name)
		if err != nil {
			t.Fatal(err)
		}
		rec.Join(id, name)
	}
	cmd := make([]game.Command, 1)
	for range ticks {
		ps := w.Players()
		for i, p := range ps {
			o := ps[1-i]
			d := o.Pos.Sub(p.Pos)
			aim := math.Atan2(d.Y, d.X)
			cmd[0] = game.Command{Input: game.MakeInput(math.Cos(aim), math.Sin(aim), aim, true)}
			w.SetCommands(p.ID, cmd)
			rec.Commands(p.ID, cmd)
		}
		w.Step()
		rec.Step()
	}
	rec.End(w.Players())
	return rec.Swap(nil)
}

// TestReplayFeedStepsAndPauses: a Replay starts paused; unpaused it plays
// at the recording's tick rate on the clock Update is given, faster at a
// higher speed; paused it stands still; it seeks forward and back; it
// shows the recorded players and their shots as Feed events; at the end
// it pauses on the recorded final scores.
func TestReplayFeedStepsAndPauses(t *testing.T) {
	t.Parallel()
	data := recordDuel(t, 1200, netcode.Version)
	p, err := client.OpenReplay(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var feed client.Feed = p
	if info := feed.Info(); info.Room != "r7" || info.MapName != "arena" || info.TickRate != 60 || info.PlayerID != 0 {
		t.Fatalf("Info = %+v", info)
	}
	now := time.Unix(1000, 0)
	step := func(d time.Duration) {
		for end := now.Add(d); now.Before(end); {
			now = now.Add(10 * time.Millisecond)
			if _, err := feed.Update(now, game.Input{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	step(time.Second)
	if p.Tick() != 0 || !p.Paused() {
		t.Fatalf("tick %d after a second of a new Replay; want 0, paused", p.Tick())
	}
	p.SetPaused(false)
	step(time.Second)
	if got := p.Tick(); got < 59 || got > 61 {
		t.Fatalf("tick %d after a second at 1x; want 60", got)
	}
	p.SetSpeed(2)
	step(time.Second)
	if got := p.Tick(); got < 178 || got > 182 {
		t.Fatalf("tick %d after another second at 2x; want 180", got)
	}
	p.SetPaused(true)
	at := p.Tick()
	step(time.Second)
	if p.Tick() != at {
		t.Fatalf("paused at %d, then at %d", at, p.Tick())
	}
	players := feed.Players(now, nil)
	if len(players) != 2 || players[0].Name != "ann" || players[1].Name != "bob" || players[0].Local {
		t.Fatalf("Players = %+v", players)
	}
	events := feed.DrainEvents(nil)
	joins, shots := 0, 0
	for _, e := range events {
		switch e.Kind {
		case client.EventJoin:
			joins++
		case client.EventShot:
			shots++
		}
	}
	if joins != 2 || shots < 10 {
		t.Fatalf("%d joins and %d shots in the first 3 s; want 2 and many", joins, shots)
	}
	if err := feed.SendChat("hi"); err == nil {
		t.Fatal("SendChat on a replay: no error")
	}

	p.SetPaused(false)
	p.SeekTo(1000)
	step(50 * time.Millisecond)
	if got := p.Tick(); got < 1000 || got > 1010 {
		t.Fatalf("tick %d after SeekTo(1000) and 50 ms at 2x", got)
	}
	p.SeekTo(100)
	step(20 * time.Millisecond)
	if got := p.Tick(); got < 100 || got > 102 {
		t.Fatalf("tick %d after SeekTo(100) back", got)
	}
	p.SeekTo(int64(p.Length()))
	step(50 * time.Millisecond)
	if !p.Ended() || !p.Paused() || p.Tick() != 1200 {
		t.Fatalf("after seeking to the end: ended %v paused %v tick %d", p.Ended(), p.Paused(), p.Tick())
	}
	rec, _ := replay.Parse(data)
	checkFinal(t, feed.Players(now, nil), rec.Final)
	if err := feed.Err(); err != nil {
		t.Fatal(err)
	}
	feed.Close()
	select {
	case <-feed.Done():
	default:
		t.Fatal("Done not closed by Close")
	}
}

// checkFinal compares the players shown with the recorded final scores.
func checkFinal(t *testing.T, players []client.PlayerView, final []replay.Score) {
	t.Helper()
	if len(players) != len(final) {
		t.Fatalf("%d players shown at the end, %d recorded", len(players), len(final))
	}
	for i, pl := range players {
		f := final[i]
		if pl.ID != f.ID || pl.Kills != f.Kills || pl.Deaths != f.Deaths || pl.Score != f.Score {
			t.Errorf("player %d shown with kills %d deaths %d score %d; recorded %+v", pl.ID, pl.Kills, pl.Deaths, pl.Score, f)
		}
	}
}

// TestOpenReplayRefusesOtherVersion: a recording of another protocol
// version is refused with both versions named; a damaged one says where.
func TestOpenReplayRefusesOtherVersion(t *testing.T) {
	t.Parallel()
	_, err := client.OpenReplay(recordDuel(t, 10, netcode.Version+1), nil)
	want := fmt.Sprintf("replay: recorded by protocol version %d, this build plays version %d", netcode.Version+1, netcode.Version)
	if err == nil || err.Error() != want {
		t.Fatalf("OpenReplay of a v%d file: %v; want %q", netcode.Version+1, err, want)
	}
	data := recordDuel(t, 10, netcode.Version)
	if _, err := client.OpenReplay(data[:len(data)-3], nil); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Fatalf("OpenReplay of a truncated file: %v", err)
	}
}

// TestReplayOfRecordedServerMatch is the test: a real server
// records a room where its bots fight (MinPlayers) beside a person's
// Session; the server stops with everyone in; played back through the
// Replay's Feed to the end, the recording shows every player with exactly
// the score the server's World had (and each bot that left on the way
// left with its recorded score, or Update would fail).
func TestReplayOfRecordedServerMatch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	maps := gametest.MapFS("open", gametest.DuelJSON())
	srv, err := server.New(server.Config{
		Maps: maps, MapName: "open", RecordDir: dir, ResumeGrace: server.ResumeOff,
		MinPlayers: 4, BotLevels: []game.BotLevel{game.BotHard},
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	url := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, url, &client.Options{Name: "watcher", Maps: client.NewMaps(maps)})
	if err != nil {
		t.Fatal(err)
	}
	kills := 0
	var events []client.Event
	for deadline := time.Now().Add(30 * time.Second); kills < 4; {
		if time.Now().After(deadline) {
			t.Fatalf("%d kills in 30 s", kills)
		}
		time.Sleep(16 * time.Millisecond)
		sess.Update(time.Now(), game.Input{})
		events = sess.DrainEvents(events[:0])
		for _, e := range events {
			if e.Kind == client.EventKill {
				kills++
			}
		}
	}
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	sess.Close()
	var files []string
	deadline := time.Now().Add(5 * time.Second)
	for len(files) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		files, _ = filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
	}
	if len(files) != 1 {
		t.Fatalf("recordings: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.OpenReplay(data, client.NewMaps(maps))
	if err != nil {
		t.Fatal(err)
	}
	p.SetPaused(false)
	p.SetSpeed(client.MaxReplaySpeed)
	now := time.Unix(0, 0)
	seen := 0
	for !p.Ended() {
		now = now.Add(16 * time.Millisecond)
		if _, err := p.Update(now, game.Input{}); err != nil {
			t.Fatal(err)
		}
		for _, e := range p.DrainEvents(nil) {
			if e.Kind == client.EventKill {
				seen++
				if e.OtherName == "" || e.Name == "" {
					t.Errorf("a kill by %d (%q) of %d (%q): want both named", e.Player, e.Name, e.Other, e.OtherName)
				}
			}
		}
	}
	if seen < kills {
		t.Errorf("the replay showed %d kills; the session saw %d", seen, kills)
	}
	if len(rec.Final) != 4 {
		t.Fatalf("final scores %+v: want the person and three bots", rec.Final)
	}
	shown := p.Players(now, nil)
	checkFinal(t, shown, rec.Final)
	bots := 0
	for _, pl := range shown {
		if pl.Bot {
			bots++
		}
	}
	if bots != 3 {
		t.Errorf("%d players shown as bots; want the three that filled the room", bots)
	}
	t.Logf("%d ticks, %d kills, final %+v, %d bytes", rec.Ticks, seen, rec.Final, len(data))
}

// TestOpenReplayFileOfALaterMatch: a room playing timed matches writes a
// file per match; opening the third plays that match only (from its first
// tick to its end, on the scores the server had then), stepping through
// the two before it, which it reads from the same directory; without
// them it says which file it needs.
func TestOpenReplayFileOfALaterMatch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	maps := gametest.MapFS("open", gametest.DuelJSON())
	srv, err := server.New(server.Config{
		Maps: maps, MapName: "open", RecordDir: dir, MinPlayers: 4, BotLevels: []game.BotLevel{game.BotHard},
		Match: server.MatchConfig{Length: time.Second, Countdown: time.Second, Intermission: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, "ws"+strings.TrimPrefix(hs.URL, "http")+"/ws", &client.Options{Name: "watcher", Maps: client.NewMaps(maps)})
	if err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(7 * time.Second); time.Now().Before(end); time.Sleep(16 * time.Millisecond) {
		sess.Update(time.Now(), game.Input{})
	}
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	sess.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
	if len(files) != 3 {
		t.Fatalf("recordings %v; want 3", files)
	}
	data, err := os.ReadFile(files[2])
	if err != nil {
		t.Fatal(err)
	}
	third, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.OpenReplayFile(files[2], client.NewMaps(maps))
	if err != nil {
		t.Fatal(err)
	}
	if p.Tick() != 0 || p.Length() != third.Ticks {
		t.Fatalf("opened at tick %d of %d; want 0 of %d", p.Tick(), p.Length(), third.Ticks)
	}
	p.SetPaused(false)
	p.SetSpeed(client.MaxReplaySpeed)
	now := time.Unix(0, 0)
	// The file starts on the last tick of the match before; its first
	// Step starts the third.
	p.SeekTo(1)
	p.Update(now, game.Input{})
	if m := p.Match(); m.Number != 3 || m.Phase != game.PhaseCountdown {
		t.Fatalf("one tick in: match %d %v; want 3, countdown", m.Number, m.Phase)
	}
	phase := ""
	for _, e := range p.DrainEvents(nil) {
		if e.Kind == client.EventMatch {
			phase = e.Text
		}
	}
	if phase != "countdown" {
		t.Fatalf("the first Step's EventMatch: %q; want countdown", phase)
	}
	for !p.Ended() {
		now = now.Add(16 * time.Millisecond)
		if _, err := p.Update(now, game.Input{}); err != nil {
			t.Fatal(err)
		}
	}
	checkFinal(t, p.Players(now, nil), third.Final)

	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	_, err = client.OpenReplayFile(files[2], client.NewMaps(maps))
	if err == nil || !strings.Contains(err.Error(), "continues "+filepath.Base(files[0])+", which cannot be read") {
		t.Fatalf("without the first match's file: %v", err)
	}
}

// TestOpenReplayFileRefusesBadChains: a file that says it continues
// itself, or one that is not a recording, is refused with its name.
func TestOpenReplayFileRefusesBadChains(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	cfg := game.Config{Map: m, TickRate: 60}
	w, err := game.NewWorld(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := replay.NewHeader(cfg, netcode.Version, w)
	h.Prev, h.StartTick, h.Seq = "loop.arenarec", 10, 2
	rec := replay.NewWriter(&h, nil)
	rec.End(nil)
	loop := filepath.Join(dir, "loop.arenarec")
	if err := os.WriteFile(loop, rec.Swap(nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := client.OpenReplayFile(loop, nil); err == nil || !strings.Contains(err.Error(), `the chain of recordings is broken at "loop.arenarec"`) {
		t.Fatalf("a file continuing itself: %v", err)
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := client.OpenReplayFile(text, nil); err == nil || !strings.Contains(err.Error(), text+": replay: not an Arena recording") {
		t.Fatalf("a text file: %v", err)
	}
	if _, err := client.OpenReplayFile(filepath.Join(dir, "missing.arenarec"), nil); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a missing file: %v", err)
	}
}
