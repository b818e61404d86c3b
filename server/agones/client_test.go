package agones

import (
	"context"
	"encoding/json"
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	"arena/server/agones/agonestest"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestSidecarURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env       func(string) (string, bool)
		want, err string
	}{
		{env(), "http://localhost:9358", ""},
		{env("AGONES_SDK_HTTP_PORT", "59358"), "http://localhost:59358", ""},
		{env("AGONES_SDK_HTTP_PORT", "http"), "", `AGONES_SDK_HTTP_PORT="http": not a port 1..65535`},
		{env("AGONES_SDK_HTTP_PORT", "0"), "", `AGONES_SDK_HTTP_PORT="0": not a port`},
	} {
		got, err := SidecarURL(tc.env)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("SidecarURL = %q, %v; want an error containing %q", got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("SidecarURL = %q, %v; want %q", got, err, tc.want)
		}
	}
	if _, err := NewClient("localhost:9358"); err == nil {
		t.Error("NewClient without a scheme: no error")
	}
}

// startFake serves a fake sidecar on 127.0.0.1 and returns it with a
// Client of it.
func startFake(t *testing.T, opts agonestest.Options) (*agonestest.Sidecar, *Client) {
	t.Helper()
	fake := agonestest.New(opts)
	hs := httptest.NewServer(fake.Handler())
	t.Cleanup(hs.Close)
	c, err := NewClient(hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	return fake, c
}

// TestClientEndpoints: each call hits the documented method and path with
// a JSON body the sidecar takes, and answers decode (int64 as strings).
func TestClientEndpoints(t *testing.T) {
	t.Parallel()
	fake, c := startFake(t, agonestest.Options{Counters: map[string]int64{"players": 8}, PlayerTracking: true})
	ctx := context.Background()
	steps := []struct {
		name string
		call func() error
		want string // METHOD /path body
	}{
		{"ready", func() error { return c.Ready(ctx) }, `POST /ready {}`},
		{"health", func() error { return c.Health(ctx) }, `POST /health {}`},
		{"capacity", func() error { return c.SetCounterCapacity(ctx, "players", 16) }, `PATCH /v1beta1/counters/players {"capacity":"16"}`},
		{"count", func() error { return c.SetCounterCount(ctx, "players", 3) }, `PATCH /v1beta1/counters/players {"count":"3"}`},
		{"player capacity", func() error { return c.SetPlayerCapacity(ctx, 4) }, `PUT /alpha/player/capacity {"count":"4"}`},
		{"connect", func() error { return c.PlayerConnect(ctx, "r1/ann") }, `POST /alpha/player/connect {"playerID":"r1/ann"}`},
		{"disconnect", func() error { return c.PlayerDisconnect(ctx, "r1/ann") }, `POST /alpha/player/disconnect {"playerID":"r1/ann"}`},
		{"shutdown", func() error { return c.Shutdown(ctx) }, `POST /shutdown {}`},
	}
	for i, s := range steps {
		if err := s.call(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		calls := fake.Calls()
		if len(calls) != i+1 {
			t.Fatalf("%s: %d calls recorded, want %d", s.name, len(calls), i+1)
		}
		if got := calls[i].String() + " " + calls[i].Body; got != s.want {
			t.Errorf("%s sent %s, want %s", s.name, got, s.want)
		}
	}
	cnt, err := c.Counter(ctx, "players")
	if err != nil || cnt != (Counter{Name: "players", Count: 3, Capacity: 16}) {
		t.Errorf("Counter = %+v, %v; want players 3/16", cnt, err)
	}
	if n, err := c.PlayerCapacity(ctx); err != nil || n != 4 {
		t.Errorf("PlayerCapacity = %d, %v; want 4", n, err)
	}
}

// TestClientErrors: an answer other than 200 is a *StatusError that says
// the call and the status; no answer at all is not IsAnswer.
func TestClientErrors(t *testing.T) {
	t.Parallel()
	_, c := startFake(t, agonestest.Options{Counters: map[string]int64{"players": 2}})
	ctx := context.Background()
	_, err := c.Counter(ctx, "rooms")
	if !IsAnswer(err) || !strings.Contains(err.Error(), "GET /v1beta1/counters/rooms: HTTP 404") {
		t.Errorf("undeclared counter: %v, want an HTTP 404 answer", err)
	}
	if err := c.SetCounterCount(ctx, "players", 3); !IsAnswer(err) || !strings.Contains(err.Error(), "HTTP 400") {
		t.Errorf("count above capacity: %v, want an HTTP 400 answer", err)
	}
	if _, err := c.PlayerCapacity(ctx); !IsAnswer(err) || !strings.Contains(err.Error(), "HTTP 500") {
		t.Errorf("player tracking off: %v, want an HTTP 500 answer", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	down, _ := NewClient("http://" + addr)
	err = down.Ready(ctx)
	if err == nil || IsAnswer(err) || !strings.Contains(err.Error(), "agones: POST /ready") {
		t.Errorf("Ready to a closed port = %v, want a connection error naming the call", err)
	}
}

// TestInt64JSON: the sidecar writes int64 as strings; numbers are taken too.
func TestInt64JSON(t *testing.T) {
	t.Parallel()
	var v struct{ A, B, C int64JSON }
	if err := json.Unmarshal([]byte(`{"A":"12","B":7}`), &v); err != nil || v.A != 12 || v.B != 7 || v.C != 0 {
		t.Errorf("decoded %+v, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"A":"x"}`), &v); err == nil {
		t.Error(`"x" decoded without an error`)
	}
}
