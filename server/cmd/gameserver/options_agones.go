package main

import (
	"flag"
	"fmt"
	"time"

	"arena/server/agones"
)

// The range of -agones-health-interval: Agones marks a game server
// Unhealthy when no Health ping came for the Fleet's health.periodSeconds
// (5 s by default) failureThreshold times, so the interval must stay well
// under the period.
const (
	minAgonesHealthInterval = 100 * time.Millisecond
	maxAgonesHealthInterval = 30 * time.Second
)

// agonesOptions are the flags of agones.go.
type agonesOptions struct {
	enabled        bool              // -agones: report to the SDK sidecar
	healthInterval time.Duration     // between Health pings
	players        string            // how the player count is published: auto, counter, tracking, off
	playerMode     agones.PlayerMode // players, parsed
	exitWhenEmpty  bool              // drain and exit once every room played has ended
	sdkURL         string            // the sidecar's REST API, from AGONES_SDK_HTTP_PORT
	sdkErr         error             // AGONES_SDK_HTTP_PORT is not a port
}

func (g *agonesOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	g.healthInterval = agones.DefaultHealthInterval
	g.players = string(agones.PlayersAuto)
	// Agones sets AGONES_SDK_HTTP_PORT in every game server's container:
	// there -agones is on unless ARENA_AGONES or the flag says otherwise.
	_, g.enabled = lookupEnv("AGONES_SDK_HTTP_PORT")
	g.sdkURL, g.sdkErr = agones.SidecarURL(lookupEnv)
	if err := envBool(lookupEnv, "ARENA_AGONES", &g.enabled); err != nil {
		return err
	}
	if err := envDuration(lookupEnv, "ARENA_AGONES_HEALTH_INTERVAL", &g.healthInterval); err != nil {
		return err
	}
	envString(lookupEnv, "ARENA_AGONES_PLAYERS", &g.players)
	if err := envBool(lookupEnv, "ARENA_EXIT_WHEN_EMPTY", &g.exitWhenEmpty); err != nil {
		return err
	}
	fs.BoolVar(&g.enabled, "agones", g.enabled, "report to the Agones SDK sidecar on localhost:$AGONES_SDK_HTTP_PORT (default 9358): Ready, Health, the player count, Shutdown; on by default when AGONES_SDK_HTTP_PORT is set [ARENA_AGONES]")
	fs.DurationVar(&g.healthInterval, "agones-health-interval", g.healthInterval, "with -agones: time between Health pings, 100ms..30s; keep it well under the Fleet's health.periodSeconds (5 s by default) [ARENA_AGONES_HEALTH_INTERVAL]")
	fs.StringVar(&g.players, "agones-players", g.players, `with -agones: how the player count is published: "counter" (Counters API, counter "players"), "tracking" (alpha player tracking), "off", or "auto" (whichever the sidecar offers) [ARENA_AGONES_PLAYERS]`)
	fs.BoolVar(&g.exitWhenEmpty, "exit-when-empty", g.exitWhenEmpty, "once a room has been played and every room has ended, drain and exit 0 (with -agones after telling Agones Shutdown): one match per process [ARENA_EXIT_WHEN_EMPTY]")
	return nil
}

func (g *agonesOptions) check() error {
	mode, err := agones.ParsePlayerMode(g.players)
	if err != nil {
		return fmt.Errorf("agones-players %q: want auto, counter, tracking or off", g.players)
	}
	g.playerMode = mode
	if g.healthInterval < minAgonesHealthInterval || g.healthInterval > maxAgonesHealthInterval {
		return fmt.Errorf("agones-health-interval %v out of range %v..%v", g.healthInterval, minAgonesHealthInterval, maxAgonesHealthInterval)
	}
	if g.enabled && g.sdkErr != nil {
		return fmt.Errorf("-agones: %w", g.sdkErr)
	}
	return nil
}
