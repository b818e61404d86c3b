package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"arena/server"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestServeRejectsBadOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		env  func(string) (string, bool)
		want string
	}{
		{"unknown flag", []string{"-nope"}, env(), "flag provided but not defined: -nope"},
		{"bad port flag", []string{"-port", "x"}, env(), `invalid value "x" for flag -port`},
		{"port out of range", []string{"-port", "70000"}, env(), "port 70000 out of range"},
		{"bad env port", nil, env("ARENA_PORT", "eighty"), `ARENA_PORT="eighty": not an integer`},
		{"bad env tick rate", nil, env("ARENA_TICK_RATE", "1.5"), "ARENA_TICK_RATE"},
		{"tick rate", []string{"-tick-rate", "0", "-port", "0"}, env(), "tick rate 0: must be at least 1"},
		{"tick rate too high", []string{"-tick-rate", "1000", "-port", "0"}, env(), "tick rate 1000 out of range 1..240"},
		{"snapshot rate", []string{"-snapshot-rate", "90", "-port", "0"}, env(), "snapshot rate 90 out of range"},
		{"capacity from env", []string{"-port", "0"}, env("ARENA_ROOM_CAPACITY", "100"), "room capacity 100 out of range"},
		{"unknown map", []string{"-map", "nowhere", "-port", "0"}, env(), `map "nowhere"`},
		{"log format", []string{"-log-format", "xml"}, env(), `log format "xml"`},
		{"extra args", []string{"serve"}, env(), "unexpected arguments"},
		{"impair key", []string{"-impair", "latency=75ms,lag=1s"}, env(), `impair: unknown key "lag" (want latency, jitter`},
		{"impair duration", []string{"-impair", "latency=75"}, env(), `impair: latency "75": want a duration such as 75ms`},
		{"impair from env", nil, env("ARENA_IMPAIR", "loss=2"), "impair: loss 2 outside [0,1]"},
		{"lag comp too long", []string{"-lag-comp-max", "2s", "-port", "0"}, env(), "lag-comp-max 2s out of range 0..1s (0 turns lag compensation off)"},
		{"lag comp negative", []string{"-lag-comp-max", "-1s", "-port", "0"}, env(), "lag-comp-max -1s out of range 0..1s"},
		{"bad lag comp flag", []string{"-lag-comp-max", "250"}, env(), `invalid value "250" for flag -lag-comp-max`},
		{"bad env lag comp", nil, env("ARENA_LAG_COMP_MAX", "soon"), `ARENA_LAG_COMP_MAX="soon": not a duration`},
		{"env lag comp out of range", []string{"-port", "0"}, env("ARENA_LAG_COMP_MAX", "5s"), "lag-comp-max 5s out of range 0..1s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Already cancelled: a case that wrongly passes stops at once.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := serve(ctx, tc.args, tc.env, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("serve(%q) = %v, want an error containing %q", tc.args, err, tc.want)
			}
		})
	}
}

func TestFlagsWinOverEnv(t *testing.T) {
	t.Parallel()
	o, err := parseOptions([]string{"-tick-rate", "30"}, env("ARENA_TICK_RATE", "20", "ARENA_MAP", "other", "ARENA_ADDR", "127.0.0.1:9000"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.tickRate != 30 || o.mapName != "other" || o.listenAddr() != "127.0.0.1:9000" {
		t.Errorf("options = %+v, listen %s", o, o.listenAddr())
	}
	o, _ = parseOptions([]string{"-addr", "localhost", "-port", "1234"}, env(), io.Discard)
	if o.listenAddr() != "localhost:1234" {
		t.Errorf("listen %s, want localhost:1234", o.listenAddr())
	}
}

// TestLagCompMaxOption: -lag-comp-max defaults to the server's cap, takes
// ARENA_LAG_COMP_MAX, and the flag wins over it, 0 (off) included.
func TestLagCompMaxOption(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  func(string) (string, bool)
		want time.Duration
	}{
		{nil, env(), server.DefaultLagCompMax},
		{nil, env("ARENA_LAG_COMP_MAX", "100ms"), 100 * time.Millisecond},
		{[]string{"-lag-comp-max", "0"}, env("ARENA_LAG_COMP_MAX", "100ms"), 0},
		{[]string{"-lag-comp-max", "1s"}, env(), time.Second},
	} {
		o, err := parseOptions(tc.args, tc.env, io.Discard)
		if err != nil || o.lagCompMax != tc.want {
			t.Errorf("parseOptions(%q) lag-comp-max = %v, %v; want %v", tc.args, o.lagCompMax, err, tc.want)
		}
	}
}

// startServe runs serve with args (plus a free port on 127.0.0.1 and JSON
// logs) until the "listening" line, and returns the server's URL, the log
// records before it, and a stop function that returns serve's result.
func startServe(t *testing.T, args ...string) (url string, logs []map[string]any, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	args = append([]string{"-port", "0", "-addr", "127.0.0.1", "-log-format", "json"}, args...)
	go func() {
		done <- serve(ctx, args, env(), pw)
		pw.Close()
	}()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not return after stop")
			return nil
		}
	}
	t.Cleanup(func() { cancel() })

	lines := bufio.NewScanner(pr)
	for url == "" && lines.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(lines.Bytes(), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", lines.Text(), err)
		}
		logs = append(logs, rec)
		if rec["msg"] == "listening" {
			url, _ = rec["url"].(string)
		}
	}
	go io.Copy(io.Discard, pr) // keep the logger unblocked

	// https:// with -tls-cert.
	hostPort := strings.TrimPrefix(strings.TrimPrefix(url, "http://"), "https://")
	if !strings.HasPrefix(hostPort, "127.0.0.1:") || strings.HasSuffix(url, ":0/") {
		t.Fatalf("listening url = %q", url)
	}
	return url, logs, stop
}

// TestServeStartsAndStops starts the server on a free port, checks it
// answers, and stops it as a signal would (by cancelling its context).
func TestServeStartsAndStops(t *testing.T) {
	t.Parallel()
	url, logs, stop := startServe(t)
	for _, rec := range logs {
		if rec["level"] == "WARN" {
			t.Errorf("warning at start without -impair: %v", rec)
		}
	}
	resp, err := http.Get(url + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz = %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve after stop = %v, want nil", err)
	}
}

// TestServeLagCompOff: -lag-comp-max 0 is not out of range but lag
// compensation off, which the server accepts: it starts, answers and stops.
func TestServeLagCompOff(t *testing.T) {
	t.Parallel()
	url, _, stop := startServe(t, "-lag-comp-max", "0")
	resp, err := http.Get(url + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz = %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve after stop = %v, want nil", err)
	}
}

// TestServeImpaired: -impair warns at start, saying how, and every
// connection then crosses the impaired link: a request and its answer
// take at least the round trip it adds.
func TestServeImpaired(t *testing.T) {
	t.Parallel()
	const oneWay = 100 * time.Millisecond
	url, logs, stop := startServe(t, "-impair", "latency=100ms")
	warned := false
	for _, rec := range logs {
		if rec["level"] == "WARN" && strings.Contains(rec["msg"].(string), "every connection") {
			warned = rec["impair"] == "latency=100ms"
		}
	}
	if !warned {
		t.Errorf("no warning naming the impairment at start; logs: %v", logs)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for range 2 {
		start := time.Now()
		resp, err := client.Get(url + "healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if took := time.Since(start); took < 2*oneWay || took > 2*oneWay+time.Second {
			t.Errorf("/healthz answered in %v through -impair latency=%v, want a round trip of %v", took, oneWay, 2*oneWay)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("serve after stop = %v, want nil", err)
	}
}
