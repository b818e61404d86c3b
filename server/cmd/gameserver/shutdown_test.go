package main

import (
	"crypto/tls"
	"errors"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"arena/client"
)

// TestShutdownTimeoutOption: -shutdown-timeout defaults to 10s, takes
// ARENA_SHUTDOWN_TIMEOUT, the flag wins, and it must lie in 1s..5m.
func TestShutdownTimeoutOption(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  func(string) (string, bool)
		want time.Duration
		err  string
	}{
		{nil, env(), 10 * time.Second, ""},
		{nil, env("ARENA_SHUTDOWN_TIMEOUT", "30s"), 30 * time.Second, ""},
		{[]string{"-shutdown-timeout", "2s"}, env("ARENA_SHUTDOWN_TIMEOUT", "30s"), 2 * time.Second, ""},
		{[]string{"-shutdown-timeout", "5m"}, env(), 5 * time.Minute, ""},
		{[]string{"-shutdown-timeout", "500ms"}, env(), 0, "shutdown-timeout 500ms out of range 1s..5m0s"},
		{nil, env("ARENA_SHUTDOWN_TIMEOUT", "6m"), 0, "shutdown-timeout 6m0s out of range 1s..5m0s"},
		{nil, env("ARENA_SHUTDOWN_TIMEOUT", "later"), 0, `ARENA_SHUTDOWN_TIMEOUT="later": not a duration`},
		{[]string{"-shutdown-timeout", "10"}, env(), 0, `invalid value "10" for flag -shutdown-timeout`},
	} {
		o, err := parseOptions(tc.args, tc.env, io.Discard)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("parseOptions(%q) = %v, want an error containing %q", tc.args, err, tc.err)
		case tc.err == "" && (err != nil || o.shutdownTimeout != tc.want):
			t.Errorf("parseOptions(%q) shutdown-timeout = %v, %v; want %v", tc.args, o.shutdownTimeout, err, tc.want)
		}
	}
}

// TestShutdownLeavesNoGoroutine stops a server with a player connected,
// as SIGTERM would: serve returns within -shutdown-timeout, the player is
// closed with 1001, and no goroutine of the server (rooms, readers,
// writers, listeners) or of the client is left. It counts every goroutine
// of the test binary, so it does not run in parallel: the parallel tests
// wait, parked, until it is done.
func TestShutdownLeavesNoGoroutine(t *testing.T) {
	certFile, keyFile, roots := writeTestCert(t)
	for _, tc := range []struct {
		name string
		args []string
		tls  *tls.Config
	}{
		{"ws", nil, nil},
		{"wss", []string{"-tls-cert", certFile, "-tls-key", keyFile}, &tls.Config{RootCAs: roots}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const timeout = 2 * time.Second
			before := runtime.NumGoroutine()
			url, _, stop := startServe(t, append([]string{"-shutdown-timeout", timeout.String()}, tc.args...)...)
			s := playBriefly(t, wsURL(url), &client.Options{Name: "stays", TLSConfig: tc.tls})

			start := time.Now()
			if err := stop(); err != nil {
				t.Fatalf("serve after stop = %v, want nil", err)
			}
			if took := time.Since(start); took > timeout {
				t.Errorf("serve returned %v after the stop, want within -shutdown-timeout %v", took, timeout)
			}
			select {
			case <-s.Done():
			case <-time.After(time.Second):
				t.Fatal("the client's session did not end after the server stopped")
			}
			var ce *client.CloseError
			if err := s.Err(); !errors.As(err, &ce) || ce.Code != client.CloseGoingAway {
				t.Errorf("client ended with %v, want close 1001", err)
			}
			s.Close()

			// Goroutines end a moment after what they closed: give them 2 s.
			deadline := time.Now().Add(2 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if after := runtime.NumGoroutine(); after > before {
				t.Errorf("%d goroutines after serve returned, %d before it started; stacks on stderr", after, before)
				_ = pprof.Lookup("goroutine").WriteTo(os.Stderr, 1)
			}
		})
	}
}
