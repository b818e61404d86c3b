package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game"
	"arena/server"
)

// TestModeBenchConflicts: -mode bench fixes the tick rate, the snapshot
// rate, the room capacity and the map; another value of one of them, by
// flag or environment, is an error naming both; the same value is fine.
func TestModeBenchConflicts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  func(string) (string, bool)
		want string // "" = no error
	}{
		{[]string{"-mode", "bench", "-tick-rate", "30"}, env(), "-mode bench plays -tick-rate 60; -tick-rate 30 (or ARENA_TICK_RATE) conflicts"},
		{[]string{"-mode", "bench"}, env("ARENA_SNAPSHOT_RATE", "20"), "-snapshot-rate 20 (or ARENA_SNAPSHOT_RATE) conflicts"},
		{[]string{"-mode", "bench", "-room-capacity", "8"}, env(), "-mode bench plays -room-capacity 16"},
		{[]string{"-mode", "bench", "-map", "arena"}, env(), `-mode bench plays -map bench; -map "arena"`},
		{nil, env("ARENA_MODE", "bench", "ARENA_TICK_RATE", "20"), "-tick-rate 20"},
		{[]string{"-mode", "bench", "-lag-comp-max", "100ms"}, env(), "-mode bench has no lag compensation"},
		{[]string{"-mode", "bench", "-lag-comp-max", "0"}, env(), ""},
		{[]string{"-mode", "tag"}, env(), `mode "tag": want arena or bench`},
		{nil, env("ARENA_MODE", "Bench"), `mode "Bench": want arena or bench`},
		{[]string{"-mode", "bench", "-tick-rate", "60", "-snapshot-rate", "30", "-room-capacity", "16", "-map", "bench"}, env(), ""},
		{[]string{"-mode", "arena", "-tick-rate", "30"}, env(), ""},
	} {
		o, err := parseOptions(tc.args, tc.env, io.Discard)
		if err == nil {
			cfg := serverConfigOf(o)
			err = o.mode.apply(&cfg)
		}
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v, want no error", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
}

// TestServeModeBench: gameserver -mode bench serves rooms of the bench
// rule: /rooms says so, and a client's Welcome names the mode and the map
// (which it loads and predicts with).
func TestServeModeBench(t *testing.T) {
	t.Parallel()
	url, _, stop := startServe(t, "-mode", "bench")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+"ws", &client.Options{Name: "b"})
	if err != nil {
		t.Fatal(err)
	}
	info := sess.Info()
	if info.Mode != game.ModeBench || info.Map == nil || info.Map.Name != game.BenchMapName || info.TickRate != 60 || info.SnapshotRate != 30 {
		t.Errorf("Welcome: mode %q map %v tick rate %d snapshot rate %d, want bench, bench, 60, 30", info.Mode, info.Map, info.TickRate, info.SnapshotRate)
	}
	resp, err := http.Get(url + "rooms")
	if err != nil {
		t.Fatal(err)
	}
	var rooms []struct {
		Mode, Map string
		Capacity  int
		TickRate  int `json:"tick_rate"`
	}
	err = json.NewDecoder(resp.Body).Decode(&rooms)
	resp.Body.Close()
	if err != nil || len(rooms) != 1 || rooms[0].Mode != "bench" || rooms[0].Map != "bench" || rooms[0].Capacity != 16 || rooms[0].TickRate != 60 {
		t.Errorf("/rooms = %+v, %v; want one bench room of 16 at 60 Hz", rooms, err)
	}
	sess.Close()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// serverConfigOf is the part of serve's Config the mode may change.
func serverConfigOf(o options) server.Config {
	return server.Config{TickRate: o.tickRate, SnapshotRate: o.snapshotRate, RoomCapacity: o.roomCapacity, MapName: o.mapName, LagCompMax: o.lagCompMax}
}
