//go:build !js

package bot_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"arena/client/bot"
	"arena/game/gametest"
	"arena/server"
)

// TestSwarmAcrossMapChange runs bots through a short match and into the
// next one on another map: none is disconnected, they keep making inputs
// and shooting, and the room ends on the second map.
func TestSwarmAcrossMapChange(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"maps/open.json": {Data: gametest.DuelJSON()},
		"maps/second.json": {Data: gametest.TiledJSON(
			"##############",
			"#............#",
			"#.S........S.#",
			"#.....##.....#",
			"#.S........S.#",
			"#............#",
			"##############",
		)},
	}
	srv, url := startServerWith(t, server.Config{
		Maps: fsys, MapName: "open", SnapshotRate: 30,
		Match: server.MatchConfig{Length: time.Second, Countdown: 200 * time.Millisecond,
			Intermission: 300 * time.Millisecond, Maps: []string{"open", "second", "second"}},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The map changes 1.5 s after the room opens (matches of 1.5 s in
	// all) and stays until 4.5 s; the bots play 2 s on it.
	r, err := bot.Swarm(ctx, bot.SwarmConfig{URL: url, Bots: 2, Duration: 3500 * time.Millisecond, Seed: 3, Maps: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if r.Connected != 2 || r.Disconnects != 0 || r.Errors != 0 {
		t.Errorf("connected %d disconnects %d errors %d, want 2 0 0 (%v)", r.Connected, r.Disconnects, r.Errors, r.FirstErrors)
	}
	if r.InputsPerSPerBot < 30 || r.Shots == 0 {
		t.Errorf("%.1f inputs/s per bot, %d shots: the bots stopped playing", r.InputsPerSPerBot, r.Shots)
	}
	rooms := srv.Rooms()
	if len(rooms) == 0 {
		t.Fatal("no room")
	}
	if rooms[0].Map != "second" {
		t.Errorf("the room plays %q at the end, want second (the map change did not happen during the run)", rooms[0].Map)
	}
}
