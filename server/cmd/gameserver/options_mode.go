package main

import (
	"flag"
	"fmt"
	"strconv"

	"arena/game"
	"arena/server"
)

// Game modes of -mode.
const (
	modeArena = game.ModeArena // the arena shooter, the default
	modeBench = game.ModeBench // the bench rule (game/bench.go)
)

// benchSnapshotRate is the bench rule's snapshots per second per client.
const benchSnapshotRate = 30

// modeOptions are the flags of the game mode every room plays.
type modeOptions struct {
	mode string
	// fs and lookupEnv tell apply which of the flags the mode fixes were
	// given explicitly (on the command line or in the environment).
	fs        *flag.FlagSet
	lookupEnv func(string) (string, bool)
}

func (g *modeOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	g.mode = modeArena
	envString(lookupEnv, "ARENA_MODE", &g.mode)
	g.fs, g.lookupEnv = fs, lookupEnv
	fs.StringVar(&g.mode, "mode", g.mode, `the game every room plays: "arena" (the shooter) or "bench" (the bench rule: rooms of 16, a 2000 x 2000 map without walls, 60 ticks and 30 snapshots a second; see docs/protocol.md) [ARENA_MODE]`)
	return nil
}

func (g *modeOptions) check() error {
	switch g.mode {
	case modeArena, modeBench:
		return nil
	}
	return fmt.Errorf("mode %q: want arena or bench", g.mode)
}

// fixedSetting is one server setting the bench rule fixes, and the flag
// and environment variable that set it otherwise.
type fixedSetting struct {
	flag, env string
	dst       *int
	want      int
}

// apply sets the rule (and whatever else the mode needs) in cfg. The bench
// rule fixes the map, the room capacity, the tick rate and the snapshot
// rate, and has no lag compensation (-lag-comp-max, when given, must be 0): a flag or environment variable that sets one of them to another
// value is an error (the rule wins only where nobody asked otherwise, so a
// run that says -tick-rate 30 never measures 60 by surprise); the same
// value is accepted.
func (g *modeOptions) apply(cfg *server.Config) error {
	if g.mode != modeBench {
		return nil
	}
	for _, s := range []fixedSetting{
		{"tick-rate", "ARENA_TICK_RATE", &cfg.TickRate, game.BenchTickRate},
		{"snapshot-rate", "ARENA_SNAPSHOT_RATE", &cfg.SnapshotRate, benchSnapshotRate},
		{"room-capacity", "ARENA_ROOM_CAPACITY", &cfg.RoomCapacity, game.BenchRoomSize},
	} {
		if g.given(s.flag, s.env) && *s.dst != s.want {
			return fmt.Errorf("-mode bench plays -%s %d; -%s %d (or %s) conflicts with it: drop it, or play -mode arena",
				s.flag, s.want, s.flag, *s.dst, s.env)
		}
		*s.dst = s.want
	}
	if g.given("map", "ARENA_MAP") && cfg.MapName != game.BenchMapName {
		return fmt.Errorf("-mode bench plays -map %s; -map %s (or ARENA_MAP) conflicts with it: drop it, or play -mode arena",
			game.BenchMapName, strconv.Quote(cfg.MapName))
	}
	if g.given("lag-comp-max", "ARENA_LAG_COMP_MAX") && cfg.LagCompMax > 0 {
		return fmt.Errorf("-mode bench has no lag compensation (a shot aims at no one); -lag-comp-max %v (or ARENA_LAG_COMP_MAX) conflicts with it: drop it, or give 0",
			cfg.LagCompMax)
	}
	if g.given("match-length", "ARENA_MATCH_LENGTH") && cfg.Match.Enabled() {
		return fmt.Errorf("-mode bench plays one endless match; -match-length %v (or ARENA_MATCH_LENGTH) conflicts with it: drop it, or give 0",
			cfg.Match.Length)
	}
	cfg.Match = server.MatchConfig{} // the bench rule has no match cycle
	cfg.MapName = game.BenchMapName
	cfg.Rules = game.NewBench
	return nil
}

// given reports whether the flag name was set on the command line or its
// environment variable env is set.
func (g *modeOptions) given(name, env string) bool {
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
