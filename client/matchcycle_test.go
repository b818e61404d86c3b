//go:build !js

package client_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"arena/client"
	"arena/game"
	"arena/game/gametest"
	"arena/server"
)

// secondJSON is a map of another size than the duel map, so a test can
// tell which one a session plays.
func secondJSON() []byte {
	return gametest.TiledJSON(
		"############",
		"#..........#",
		"#.S......S.#",
		"#....##....#",
		"#.S......S.#",
		"#..........#",
		"############",
	)
}

// shortMatchServer runs the real server with timed matches of 1.5 s on a
// rotation of the duel map and a second one, and returns its ws:// URL and
// the Maps a client loads both from.
func shortMatchServer(t *testing.T) (string, *client.Maps) {
	t.Helper()
	fsys := fstest.MapFS{
		"maps/open.json":   {Data: gametest.DuelJSON()},
		"maps/second.json": {Data: secondJSON()},
	}
	srv, err := server.New(server.Config{
		Maps: fsys, MapName: "open",
		Match: server.MatchConfig{Length: 1500 * time.Millisecond, Countdown: 300 * time.Millisecond,
			Intermission: 500 * time.Millisecond, Maps: []string{"open", "second"}},
	})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	return "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws", client.NewMaps(fsys)
}

// TestMatchCycleThroughServer plays a short match through the real server:
// the session follows countdown, playing, ended (the lone player wins) and
// the next match's countdown on the next map, where it predicts its player
// from the new spawn with its score reset; a player joining in the
// intermission learns the phase from Welcome.
func TestMatchCycleThroughServer(t *testing.T) {
	t.Parallel()
	url, maps := shortMatchServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, url, &client.Options{Name: "ada", Maps: maps})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if mi := s.Match(); mi.Phase != game.PhaseCountdown || mi.Number != 1 || mi.Map != "open" || mi.TickRate != 60 || mi.Length() != 300*time.Millisecond {
		t.Fatalf("Match() after Dial = %+v, want match 1's 300 ms countdown on open", mi)
	}
	var phases []string
	var late *client.Session
	var ended client.MatchInfo
	deadline := time.Now().Add(10 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: phases %v, match %+v", phases, s.Match())
		}
		// Walk right and fire, so the prediction has inputs to replay
		// across the map change.
		if _, err := s.Update(time.Now(), game.MakeInput(1, 0, 0, true)); err != nil {
			t.Fatal(err)
		}
		for _, e := range s.DrainEvents(nil) {
			if e.Kind == client.EventMatch {
				phases = append(phases, e.Text)
			}
		}
		mi := s.Match()
		if mi.Phase == game.PhaseEnded && late == nil {
			ended = mi
			if late, err = client.Dial(ctx, url, &client.Options{Name: "bob", Maps: maps}); err != nil {
				t.Fatal(err)
			}
			defer late.Close()
			if lm := late.Match(); lm.Phase != game.PhaseEnded || lm.Number != 1 || lm.Winner != s.LocalID() || lm.TicksLeft <= 0 || lm.TicksLeft > 30 {
				t.Errorf("Welcome in the intermission: Match() = %+v, want match 1 ended, won by ada, at most 30 ticks left", lm)
			}
		}
		if mi.Number == 2 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if want := []string{"playing", "ended", "countdown"}; !slices.Equal(phases, want) {
		t.Errorf("match events %v, want %v", phases, want)
	}
	if ended.Winner != s.LocalID() || ended.WinnerName != "ada" || len(ended.Scores) != 1 || ended.Scores[0].Name != "ada" {
		t.Errorf("ended: %+v, want ada the winner on a scoreboard of one", ended)
	}
	mi := s.Match()
	if mi.Phase != game.PhaseCountdown || mi.Map != "second" || mi.Winner != 0 || len(mi.Scores) != 0 {
		t.Errorf("match 2: %+v, want a countdown on second", mi)
	}
	if m := s.Map(); m == nil || m.Name != "second" || s.Info().MapName != "second" {
		t.Fatalf("Map() = %v after the change, want second", m)
	}
	second := s.Map()
	// The local player is predicted from a spawn of the new map (the
	// inputs made before the change and simulated after it may have moved
	// it a few units).
	waitFor(t, "ada at a spawn of the second map", func() bool {
		s.Update(time.Now(), game.Input{})
		p, ok := find(s.Players(time.Now(), nil), s.LocalID())
		if !ok || !p.Alive || p.Score != 0 || p.Kills != 0 {
			return false
		}
		for _, sp := range second.Spawns {
			if p.Pos.Dist(sp) < 40 && !second.Blocked(p.Pos, game.PlayerRadius) {
				return true
			}
		}
		return false
	})
	// A player joining now is welcomed onto the second map.
	third, err := client.Dial(ctx, url, &client.Options{Name: "cy", Maps: maps})
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if in, mi := third.Info(), third.Match(); in.MapName != "second" || in.Map.Name != "second" || mi.Number != 2 {
		t.Errorf("joined after the change: map %q (%q), match %d; want second, match 2", in.MapName, in.Map.Name, mi.Number)
	}
	// The map change is one respawn: at most the one misprediction.
	if st := s.Stats(); st.Mispredictions > 2 {
		t.Errorf("%d mispredictions across the map change, want at most 2", st.Mispredictions)
	}
}
