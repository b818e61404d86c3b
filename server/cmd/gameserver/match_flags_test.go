package main

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game"
	"arena/server"
)

// TestMatchFlags: -match-length, -countdown, -intermission and -maps, their
// environment variables, defaults and errors, and how they meet -map and
// -mode bench.
func TestMatchFlags(t *testing.T) {
	t.Parallel()
	all := []string{"arena", "warrens", "expanse"}
	for _, tc := range []struct {
		args []string
		env  func(string) (string, bool)
		want server.MatchConfig
		err  string // an error containing this; "" = none
	}{
		{nil, env(), server.MatchConfig{Length: 5 * time.Minute, Countdown: 5 * time.Second, Intermission: 10 * time.Second, Maps: all}, ""},
		{[]string{"-match-length", "0"}, env(), server.MatchConfig{}, ""},
		{[]string{"-match-length", "90s", "-countdown", "3s", "-intermission", "1s", "-maps", "expanse, arena"}, env(),
			server.MatchConfig{Length: 90 * time.Second, Countdown: 3 * time.Second, Intermission: time.Second, Maps: []string{"expanse", "arena"}}, ""},
		{nil, env("ARENA_MATCH_LENGTH", "2m", "ARENA_MAPS", "warrens"),
			server.MatchConfig{Length: 2 * time.Minute, Countdown: 5 * time.Second, Intermission: 10 * time.Second, Maps: []string{"warrens"}}, ""},
		// An explicit -map alone is the whole rotation.
		{[]string{"-map", "warrens"}, env(), server.MatchConfig{Length: 5 * time.Minute, Countdown: 5 * time.Second, Intermission: 10 * time.Second}, ""},
		{[]string{"-map", "warrens", "-maps", "warrens,arena"}, env(),
			server.MatchConfig{Length: 5 * time.Minute, Countdown: 5 * time.Second, Intermission: 10 * time.Second, Maps: []string{"warrens", "arena"}}, ""},
		{[]string{"-mode", "bench"}, env(), server.MatchConfig{}, ""},
		{[]string{"-match-length", "-1s"}, env(), server.MatchConfig{}, "match-length -1s out of range 1s..2h0m0s (0: endless)"},
		{[]string{"-match-length", "500ms"}, env(), server.MatchConfig{}, "match-length 500ms out of range"},
		{[]string{"-match-length", "3h"}, env(), server.MatchConfig{}, "match-length 3h0m0s out of range"},
		{[]string{"-countdown", "0s"}, env(), server.MatchConfig{}, "countdown 0s out of range (0, 1m]"},
		{[]string{"-intermission", "2m"}, env(), server.MatchConfig{}, "intermission 2m0s out of range (0, 1m]"},
		{nil, env("ARENA_MATCH_LENGTH", "five"), server.MatchConfig{}, `ARENA_MATCH_LENGTH="five": not a duration`},
		{[]string{"-maps", "arena,nowhere"}, env(), server.MatchConfig{}, `maps: game: load map: open maps/nowhere.json`},
		{[]string{"-maps", "arena,,warrens"}, env(), server.MatchConfig{}, "an empty name"},
		{[]string{"-maps", ""}, env(), server.MatchConfig{}, "want at least one map name"},
		{[]string{"-maps", "../x"}, env(), server.MatchConfig{}, `invalid map name "../x"`},
		{[]string{"-mode", "bench", "-match-length", "1m"}, env(), server.MatchConfig{}, "-mode bench plays one endless match; -match-length 1m0s"},
	} {
		o, err := parseOptions(tc.args, tc.env, io.Discard)
		cfg := serverConfigOf(o)
		if err == nil {
			o.match.apply(&cfg)
			err = o.mode.apply(&cfg)
		}
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %v, want an error containing %q", tc.args, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.args, err)
		case cfg.Match.Length != tc.want.Length || cfg.Match.Countdown != tc.want.Countdown ||
			cfg.Match.Intermission != tc.want.Intermission || !slices.Equal(cfg.Match.Maps, tc.want.Maps):
			t.Errorf("%q: match config %+v, want %+v", tc.args, cfg.Match, tc.want)
		}
	}
}

// TestServeTimedMatches: the gameserver with its defaults plays timed
// matches on the three maps: a client's Welcome says match 1's countdown
// on arena with the default lengths.
func TestServeTimedMatches(t *testing.T) {
	t.Parallel()
	url, _, stop := startServe(t, "-min-players", "0", "-countdown", "2s")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+"ws", &client.Options{Name: "solo"})
	if err != nil {
		t.Fatal(err)
	}
	mi := sess.Match()
	if mi.Phase != game.PhaseCountdown || mi.Number != 1 || mi.Map != "arena" || mi.Length() != 2*time.Second {
		t.Errorf("Match() = %+v, want match 1's 2 s countdown on arena", mi)
	}
	sess.Close()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
