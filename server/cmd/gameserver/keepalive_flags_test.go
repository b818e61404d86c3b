package main

import (
	"io"
	"testing"
	"time"

	"arena/server"
)

// TestKeepaliveFlags: -ping-interval and -idle-timeout, their environment
// variables and defaults, and the rule that the timeout exceeds the interval.
func TestKeepaliveFlags(t *testing.T) {
	t.Parallel()
	o, err := parseOptions(nil, env(), io.Discard)
	if err != nil || o.pingInterval != server.DefaultPingInterval || o.idleTimeout != server.DefaultIdleTimeout {
		t.Errorf("defaults: ping %v, idle %v, %v", o.pingInterval, o.idleTimeout, err)
	}
	o, err = parseOptions([]string{"-idle-timeout", "30s"}, env("ARENA_PING_INTERVAL", "2s", "ARENA_IDLE_TIMEOUT", "9s"), io.Discard)
	if err != nil || o.pingInterval != 2*time.Second || o.idleTimeout != 30*time.Second {
		t.Errorf("env and flag: ping %v, idle %v, %v", o.pingInterval, o.idleTimeout, err)
	}
	for _, args := range [][]string{
		{"-ping-interval", "5s", "-idle-timeout", "5s"},
		{"-ping-interval", "0s"},
		{"-idle-timeout", "1s"},
	} {
		if _, err := parseOptions(args, env(), io.Discard); err == nil {
			t.Errorf("parseOptions(%q) accepted", args)
		}
	}
}
