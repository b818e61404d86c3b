package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"arena/assets"
	"arena/game"
	"arena/server"
)

// matchOptions are the flags of timed matches and the map rotation.
type matchOptions struct {
	length, countdown, intermission time.Duration
	maps                            string // comma-separated map names
	// fs and lookupEnv tell which flags were given explicitly: without
	// -maps, an explicit -map is the whole rotation.
	fs        *flag.FlagSet
	lookupEnv func(string) (string, bool)
}

func (g *matchOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	g.length, g.countdown, g.intermission = game.DefaultMatchLength, game.DefaultCountdown, game.DefaultIntermission
	g.maps = strings.Join(assets.DefaultRotation(), ",")
	g.fs, g.lookupEnv = fs, lookupEnv
	for _, d := range []struct {
		env string
		dst *time.Duration
	}{
		{"ARENA_MATCH_LENGTH", &g.length},
		{"ARENA_COUNTDOWN", &g.countdown},
		{"ARENA_INTERMISSION", &g.intermission},
	} {
		if err := envDuration(lookupEnv, d.env, d.dst); err != nil {
			return err
		}
	}
	envString(lookupEnv, "ARENA_MAPS", &g.maps)
	fs.DurationVar(&g.length, "match-length", g.length, "how long a timed match is played, 1s..2h; 0 = one endless match on -map, as before matches [ARENA_MATCH_LENGTH]")
	fs.DurationVar(&g.countdown, "countdown", g.countdown, "the countdown before each match (players move, nobody takes damage), 1 tick..1m [ARENA_COUNTDOWN]")
	fs.DurationVar(&g.intermission, "intermission", g.intermission, "how long the winner and the scoreboard are shown after a match, 1 tick..1m [ARENA_INTERMISSION]")
	fs.StringVar(&g.maps, "maps", g.maps, "the map rotation of timed matches, comma-separated names (assets/maps/<name>.json); without it an explicit -map is the whole rotation [ARENA_MAPS]")
	return nil
}

func (g *matchOptions) check() error {
	if g.length < 0 || g.length > game.MaxMatchLength || (g.length > 0 && g.length < time.Second) {
		return fmt.Errorf("match-length %v out of range 1s..%v (0: endless)", g.length, game.MaxMatchLength)
	}
	for _, d := range []struct {
		flag string
		v    time.Duration
	}{{"countdown", g.countdown}, {"intermission", g.intermission}} {
		if d.v <= 0 || d.v > time.Minute {
			return fmt.Errorf("%s %v out of range (0, 1m]", d.flag, d.v)
		}
	}
	if g.length == 0 {
		return nil
	}
	names := g.rotation(false)
	if len(names) == 0 {
		return fmt.Errorf("maps %q: want at least one map name", g.maps)
	}
	if len(names) > game.MaxRotation {
		return fmt.Errorf("maps: %d maps, want at most %d", len(names), game.MaxRotation)
	}
	for _, n := range names {
		if n == "" {
			return fmt.Errorf("maps %q: an empty name (two commas, or a trailing one?)", g.maps)
		}
		if _, err := game.LoadMap(assets.FS, n); err != nil {
			return fmt.Errorf("maps: %w", err)
		}
	}
	return nil
}

// rotation returns the names of the rotation: -maps, or an explicit -map
// alone when -maps was not given (mapGiven).
func (g *matchOptions) rotation(mapGiven bool) []string {
	if mapGiven && !g.given("maps", "ARENA_MAPS") {
		return nil // the server's MapName
	}
	var names []string
	for _, n := range strings.Split(g.maps, ",") {
		names = append(names, strings.TrimSpace(n))
	}
	if len(names) == 1 && names[0] == "" {
		return nil
	}
	return names
}

// apply sets cfg.Match (cfg.MapName already set).
func (g *matchOptions) apply(cfg *server.Config) {
	if g.length == 0 {
		return
	}
	cfg.Match = server.MatchConfig{
		Length: g.length, Countdown: g.countdown, Intermission: g.intermission,
		Maps: g.rotation(g.given("map", "ARENA_MAP")),
	}
}

// given reports whether the flag name was set on the command line or its
// environment variable env is set.
func (g *matchOptions) given(name, env string) bool {
	if _, ok := g.lookupEnv(env); ok {
		return true
	}
	set := false
	g.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
