package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"arena/server"
)

// TestHTTPLimitFlags: -header-timeout, -max-header-bytes and
// -http-idle-timeout, their environment variables and defaults (the
// server package's, which its tests run with), the flag over the
// environment, and values out of range refused with a message.
func TestHTTPLimitFlags(t *testing.T) {
	t.Parallel()
	o, err := parseOptions(nil, env(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := server.HTTPLimits{HeaderTimeout: server.DefaultHeaderTimeout, MaxHeaderBytes: server.DefaultMaxHeaderBytes,
		IdleTimeout: server.DefaultHTTPIdleTimeout}
	if got := o.httpLimits(); got != want {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
	o, err = parseOptions([]string{"-header-timeout", "3s", "-max-header-bytes", "8192"},
		env("ARENA_HEADER_TIMEOUT", "7s", "ARENA_HTTP_IDLE_TIMEOUT", "2m", "ARENA_MAX_HEADER_BYTES", "4096"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want = server.HTTPLimits{HeaderTimeout: 3 * time.Second, MaxHeaderBytes: 8192, IdleTimeout: 2 * time.Minute}
	if got := o.httpLimits(); got != want {
		t.Errorf("flags over env: %+v, want %+v", got, want)
	}
	for _, tc := range []struct {
		args []string
		env  []string
		want string
	}{
		{[]string{"-header-timeout", "0s"}, nil, "header-timeout 0s out of range 100ms..5m"},
		{[]string{"-max-header-bytes", "100"}, nil, "max-header-bytes 100 out of range 1024..1048576"},
		{[]string{"-http-idle-timeout", "2h"}, nil, "http-idle-timeout 2h0m0s out of range 1s..1h"},
		{nil, []string{"ARENA_HEADER_TIMEOUT", "soon"}, `ARENA_HEADER_TIMEOUT="soon": not a duration`},
	} {
		if _, err := parseOptions(tc.args, env(tc.env...), io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseOptions(%q, %q) = %v, want %q", tc.args, tc.env, err, tc.want)
		}
	}
}
