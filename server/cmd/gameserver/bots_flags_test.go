package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game"
)

// TestBotFlags: -min-players and -bot-difficulty, their environment
// variables, defaults and errors, and how they meet -room-capacity and
// -mode bench.
func TestBotFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args   []string
		env    func(string) (string, bool)
		min    int
		levels []game.BotLevel
		want   string // an error containing this; "" = none
	}{
		{nil, env(), 4, []game.BotLevel{game.BotNormal}, ""},
		{[]string{"-min-players", "0"}, env(), 0, []game.BotLevel{game.BotNormal}, ""},
		{nil, env("ARENA_MIN_PLAYERS", "6", "ARENA_BOT_DIFFICULTY", "hard"), 6, []game.BotLevel{game.BotHard}, ""},
		{[]string{"-min-players", "2", "-bot-difficulty", "Easy"}, env("ARENA_MIN_PLAYERS", "6"), 2, []game.BotLevel{game.BotEasy}, ""},
		{[]string{"-bot-difficulty", "mix"}, env(), 4, game.BotLevels[:], ""},
		{[]string{"-bot-difficulty", "easy,hard"}, env(), 4, []game.BotLevel{game.BotEasy, game.BotHard}, ""},
		{[]string{"-min-players", "16"}, env(), 16, []game.BotLevel{game.BotNormal}, ""},
		{[]string{"-mode", "bench"}, env(), 0, nil, ""},
		{[]string{"-mode", "bench", "-min-players", "0"}, env(), 0, nil, ""},
		{[]string{"-min-players", "-1"}, env(), 0, nil, "min-players -1: must be 0 (no bots) or more"},
		{nil, env("ARENA_MIN_PLAYERS", "four"), 0, nil, `ARENA_MIN_PLAYERS="four": not an integer`},
		{[]string{"-bot-difficulty", "godlike"}, env(), 0, nil, `bot-difficulty: bot level "godlike": want easy, normal or hard`},
		{[]string{"-bot-difficulty", "easy,"}, env(), 0, nil, `bot-difficulty: bot level ""`},
		{[]string{"-min-players", "17"}, env(), 0, nil, "min-players 17 is over the room capacity 16"},
		{[]string{"-min-players", "9", "-room-capacity", "8"}, env(), 0, nil, "min-players 9 is over the room capacity 8"},
		{[]string{"-mode", "bench", "-min-players", "4"}, env(), 0, nil, "-mode bench has no bots; -min-players 4 (or ARENA_MIN_PLAYERS) conflicts"},
		{nil, env("ARENA_MODE", "bench", "ARENA_MIN_PLAYERS", "2"), 0, nil, "-mode bench has no bots"},
	} {
		o, err := parseOptions(tc.args, tc.env, io.Discard)
		cfg := serverConfigOf(o)
		if err == nil {
			err = o.mode.apply(&cfg)
		}
		if err == nil {
			err = o.bots.apply(&cfg, o.mode.mode)
		}
		switch {
		case tc.want != "":
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q: %v, want an error containing %q", tc.args, err, tc.want)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.args, err)
		case cfg.MinPlayers != tc.min || !slices.Equal(cfg.BotLevels, tc.levels):
			t.Errorf("%q: min players %d, levels %v; want %d, %v", tc.args, cfg.MinPlayers, cfg.BotLevels, tc.min, tc.levels)
		}
	}
}

// TestServeFillsWithBots: by default a lone person's room gets three bots,
// which /rooms counts apart from the people.
func TestServeFillsWithBots(t *testing.T) {
	t.Parallel()
	url, _, stop := startServe(t, "-bot-difficulty", "easy")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+"ws", &client.Options{Name: "solo"})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var rooms []struct{ Players, Bots int }
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(url + "rooms")
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&rooms)
		resp.Body.Close()
		if err == nil && len(rooms) == 1 && rooms[0].Players == 1 && rooms[0].Bots == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/rooms = %+v, %v; want one room of 1 person and 3 bots", rooms, err)
		}
	}
	sess.Close()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
