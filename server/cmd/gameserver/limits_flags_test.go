package main

import (
	"io"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"arena/server"
)

// TestLimitFlags: the connection limit flags, their environment variables
// and defaults, 0 as no limit, and bad values refused with a message.
func TestLimitFlags(t *testing.T) {
	t.Parallel()
	o, err := parseOptions(nil, env(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if l := o.limits(); l.MaxConns != server.DefaultMaxConns || l.MaxConnsPerAddr != server.DefaultMaxConnsPerAddr ||
		l.JoinsPerAddr != server.DefaultJoinsPerAddr || l.LimitLoopback || l.TrustedProxies != nil {
		t.Errorf("defaults: %+v", l)
	}
	o, err = parseOptions([]string{"-max-conns-per-addr", "0", "-limit-loopback", "-trusted-proxies", "10.0.0.0/8"},
		env("ARENA_MAX_CONNS", "500", "ARENA_JOINS_PER_ADDR", "3"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	l := o.limits()
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	if l.MaxConns != 500 || l.MaxConnsPerAddr != -1 || l.JoinsPerAddr != 3 || !l.LimitLoopback || !slices.Equal(l.TrustedProxies, want) {
		t.Errorf("flags and env: %+v", l)
	}
	for _, tc := range []struct {
		args []string
		env  []string
		want string
	}{
		{[]string{"-max-conns", "-1"}, nil, "max-conns -1: must be 0 (no limit) or more"},
		{[]string{"-joins-per-addr", "-5"}, nil, "joins-per-addr -5"},
		{[]string{"-trusted-proxies", "10.0.0.0/8,nope"}, nil, `trusted-proxies: trusted proxy "nope"`},
		{nil, []string{"ARENA_MAX_CONNS_PER_ADDR", "many"}, `ARENA_MAX_CONNS_PER_ADDR="many": not an integer`},
	} {
		if _, err := parseOptions(tc.args, env(tc.env...), io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseOptions(%q, %q) = %v, want %q", tc.args, tc.env, err, tc.want)
		}
	}
}

func TestAllowedOriginsFlag(t *testing.T) {
	t.Parallel()
	o, err := parseOptions([]string{"-allowed-origins", " game.example.com, *.example.org ,"}, env(), io.Discard)
	if err != nil || !slices.Equal(o.originPatterns(), []string{"game.example.com", "*.example.org"}) {
		t.Fatalf("patterns %q, %v", o.originPatterns(), err)
	}
	o, err = parseOptions(nil, env("ARENA_ALLOWED_ORIGINS", "a.test"), io.Discard)
	if err != nil || !slices.Equal(o.originPatterns(), []string{"a.test"}) {
		t.Fatalf("env: %q, %v", o.originPatterns(), err)
	}
	if _, err := parseOptions([]string{"-allowed-origins", "[bad"}, env(), io.Discard); err == nil || !strings.Contains(err.Error(), `bad pattern "[bad"`) {
		t.Fatalf("bad pattern: %v", err)
	}
}
