package main

import (
	"flag"
	"fmt"
	"time"

	clusterpkg "arena/server/cluster"
)

// The range of -redis-ttl: long enough for a heartbeat (every TTL/3) to
// get through a slow moment, short enough that a dead process's rooms
// leave /match soon.
const (
	minRedisTTL = 300 * time.Millisecond
	maxRedisTTL = 5 * time.Minute
)

// clusterOptions are the flags of cluster.go.
type clusterOptions struct {
	redis     string        // host:port or redis:// URL; "" = one process alone
	publicURL string        // ws(s)://host:port clients reach this process at; "" = from the listener
	ttl       time.Duration // how long a room stays listed without a heartbeat
	holdTTL   time.Duration // how long /match holds a seat
	processID string        // "" = random
}

func (g *clusterOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	g.ttl, g.holdTTL = clusterpkg.DefaultTTL, clusterpkg.DefaultHoldTTL
	envString(lookupEnv, "ARENA_REDIS", &g.redis)
	envString(lookupEnv, "ARENA_PUBLIC_URL", &g.publicURL)
	envString(lookupEnv, "ARENA_PROCESS_ID", &g.processID)
	if err := envDuration(lookupEnv, "ARENA_REDIS_TTL", &g.ttl); err != nil {
		return err
	}
	if err := envDuration(lookupEnv, "ARENA_REDIS_HOLD", &g.holdTTL); err != nil {
		return err
	}
	fs.StringVar(&g.redis, "redis", g.redis, `share rooms with the other processes on this Redis (host:port or redis://[:password@]host:port/db); off by default: one process alone [ARENA_REDIS]`)
	fs.StringVar(&g.publicURL, "public-url", g.publicURL, `with -redis: the ws(s)://host:port clients reach this process at (what /match answers); default: the listening address [ARENA_PUBLIC_URL]`)
	fs.DurationVar(&g.ttl, "redis-ttl", g.ttl, "with -redis: how long this process's rooms stay listed without a heartbeat (sent every third of it), 300ms..5m [ARENA_REDIS_TTL]")
	fs.DurationVar(&g.holdTTL, "redis-hold", g.holdTTL, "with -redis: how long a seat /match promised waits for its player, 100ms..5m [ARENA_REDIS_HOLD]")
	fs.StringVar(&g.processID, "process-id", g.processID, "with -redis: this process's id in room ids (<id>-<n>), 1-16 of a-z, 0-9, _; default random [ARENA_PROCESS_ID]")
	return nil
}

func (g *clusterOptions) check() error {
	if g.ttl < minRedisTTL || g.ttl > maxRedisTTL {
		return fmt.Errorf("redis-ttl %v out of range %v..%v", g.ttl, minRedisTTL, maxRedisTTL)
	}
	if g.holdTTL < 100*time.Millisecond || g.holdTTL > maxRedisTTL {
		return fmt.Errorf("redis-hold %v out of range 100ms..%v", g.holdTTL, maxRedisTTL)
	}
	if g.processID != "" {
		if err := clusterpkg.CheckProcessID(g.processID); err != nil {
			return err
		}
	}
	if g.publicURL != "" {
		if _, err := clusterpkg.WebSocketURL(g.publicURL); err != nil {
			return err
		}
	}
	if g.redis == "" && (g.publicURL != "" || g.processID != "") {
		return fmt.Errorf("-public-url and -process-id need -redis (one process alone answers /match with the address it was reached at)")
	}
	return nil
}
