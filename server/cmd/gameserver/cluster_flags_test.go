package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// TestClusterFlags: -redis and its companions, from flags and environment,
// and what they refuse.
func TestClusterFlags(t *testing.T) {
	t.Parallel()
	o, err := parseOptions(nil, env("ARENA_REDIS", "redis://r:6379/0", "ARENA_PUBLIC_URL", "wss://a.example", "ARENA_REDIS_TTL", "3s",
		"ARENA_REDIS_HOLD", "2s", "ARENA_PROCESS_ID", "a1"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := clusterOptions{redis: "redis://r:6379/0", publicURL: "wss://a.example", ttl: 3 * time.Second, holdTTL: 2 * time.Second, processID: "a1"}
	if o.cluster != want {
		t.Errorf("from the environment: %+v, want %+v", o.cluster, want)
	}
	o, err = parseOptions([]string{"-redis", "127.0.0.1:6379", "-redis-ttl", "1s"}, env("ARENA_REDIS", "elsewhere:1"), io.Discard)
	if err != nil || o.cluster.redis != "127.0.0.1:6379" || o.cluster.ttl != time.Second || o.cluster.holdTTL != 10*time.Second {
		t.Errorf("flags over environment: %+v, %v", o.cluster, err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-redis", "r:1", "-redis-ttl", "100ms"}, "redis-ttl 100ms out of range 300ms..5m0s"},
		{[]string{"-redis", "r:1", "-redis-hold", "10m"}, "redis-hold 10m0s out of range"},
		{[]string{"-redis", "r:1", "-process-id", "Has-Dash"}, `process id "Has-Dash"`},
		{[]string{"-redis", "r:1", "-public-url", "ftp://a"}, `public url "ftp://a": want ws://host:port`},
		{[]string{"-public-url", "ws://a:1"}, "-public-url and -process-id need -redis"},
		{[]string{"-redis-ttl", "soon"}, `invalid value "soon" for flag -redis-ttl`},
	} {
		if _, err := parseOptions(tc.args, env(), io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseOptions(%q) = %v, want %q", tc.args, err, tc.want)
		}
	}
	if _, err := parseOptions(nil, env("ARENA_REDIS_TTL", "x"), io.Discard); err == nil || !strings.Contains(err.Error(), `ARENA_REDIS_TTL="x": not a duration`) {
		t.Errorf("bad ARENA_REDIS_TTL: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := serve(ctx, []string{"-port", "0", "-redis", "127.0.0.1:1"}, env(), io.Discard); err == nil || !strings.Contains(err.Error(), "redis 127.0.0.1:1: not reachable") {
		t.Errorf("serve with an unreachable redis = %v", err)
	}
}
