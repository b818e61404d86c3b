package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"arena/server"
)

// getJSON GETs url and decodes its JSON body into v; it returns the status.
func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET %s: Content-Type %q, want application/json", url, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", url, err)
	}
	return resp.StatusCode
}

// TestMatchAlone: without a shared directory /match answers the URL the
// request reached; for quick play no room (the Hello finds the fullest when
// it comes), for a wish that room, or 404 / 409 JSON errors when it does not
// exist or is full; it seats nobody; its errors are JSON.
func TestMatchAlone(t *testing.T) {
	t.Parallel()
	srv, hs, wsURL := startServer(t, func(cfg *server.Config) { cfg.RoomCapacity = 2 })
	var p server.Placement
	if code := getJSON(t, hs.URL+"/match", &p); code != http.StatusOK || p != (server.Placement{URL: wsURL}) {
		t.Fatalf("/match on an empty server = %d %+v, want 200 {%s, \"\"}", code, p, wsURL)
	}
	join(t, wsURL, "a")
	if getJSON(t, hs.URL+"/match", &p); p != (server.Placement{URL: wsURL}) {
		t.Fatalf("/match (quick play) with one player in r1 = %+v, want {%s, \"\"}", p, wsURL)
	}
	if getJSON(t, hs.URL+"/match?room=r1", &p); p != (server.Placement{URL: wsURL, Room: "r1"}) {
		t.Fatalf("/match?room=r1 with one player in r1 = %+v, want r1 at %s", p, wsURL)
	}
	if n := srv.Rooms()[0].Players; n != 1 {
		t.Fatalf("/match seated someone: r1 has %d players", n)
	}
	var e struct{ Error string }
	if code := getJSON(t, hs.URL+"/match?room=nowhere", &e); code != http.StatusNotFound || e.Error != "no such room: nowhere" {
		t.Errorf("/match?room=nowhere = %d %q, want 404 no such room: nowhere", code, e.Error)
	}
	join(t, wsURL, "b") // r1 is full
	if code := getJSON(t, hs.URL+"/match?room=r1", &e); code != http.StatusConflict || e.Error != "room full: r1" {
		t.Errorf("/match?room=r1 for a full r1 = %d %q, want 409 room full: r1", code, e.Error)
	}

	req, _ := http.NewRequest(http.MethodGet, hs.URL+"/match", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if want := "wss" + strings.TrimPrefix(wsURL, "ws"); p.URL != want {
		t.Errorf("/match behind a TLS proxy answered %s, want %s", p.URL, want)
	}

	if code := getJSON(t, hs.URL+"/match?room="+strings.Repeat("x", 33), &e); code != http.StatusBadRequest || !strings.Contains(e.Error, "32 bytes") {
		t.Errorf("/match with a 33-byte wish = %d %q, want 400 naming the limit", code, e.Error)
	}
	if code := getJSON(t, hs.URL+"/rooms?scope=galaxy", &e); code != http.StatusBadRequest || !strings.Contains(e.Error, "local or cluster") {
		t.Errorf("/rooms?scope=galaxy = %d %q, want 400", code, e.Error)
	}
	var rooms []server.RoomListing
	for _, q := range []string{"", "?scope=local", "?scope=cluster"} {
		if getJSON(t, hs.URL+"/rooms"+q, &rooms); len(rooms) != 1 || rooms[0].ID != "r1" || rooms[0].Players != 2 || rooms[0].URL != "" {
			t.Errorf("/rooms%s = %+v, want r1 with 2 players and no url", q, rooms)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	if code := getJSON(t, hs.URL+"/match", &e); code != http.StatusServiceUnavailable || e.Error != "server shutting down" {
		t.Errorf("/match after Shutdown = %d %q, want 503 server shutting down", code, e.Error)
	}
}

// TestMatchRateLimit: /match from one address is limited like its joins
// (JoinsPerAddr a second, bursts of twice that): past it, 429 with a JSON
// reason. Loopback is exempt unless LimitLoopback.
func TestMatchRateLimit(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	_, hs, _ := startServer(t, func(cfg *server.Config) {
		cfg.Limits = server.Limits{JoinsPerAddr: 2, LimitLoopback: true}
		cfg.Clock = clock
	})
	_, open, _ := startServer(t, func(cfg *server.Config) { cfg.Limits = server.Limits{JoinsPerAddr: 2} })
	status := func(base string) (int, string) {
		var e struct{ Error string }
		code := getJSON(t, base+"/match", &e)
		return code, e.Error
	}
	for i := range 4 { // the burst
		if code, msg := status(hs.URL); code != http.StatusOK {
			t.Fatalf("match %d: %d %s, want 200", i+1, code, msg)
		}
	}
	if code, msg := status(hs.URL); code != http.StatusTooManyRequests || msg != "too many matches from your address: at most 2 a second" {
		t.Errorf("match 5 = %d %q, want 429 naming the limit", code, msg)
	}
	clock.Advance(time.Second) // 2 tokens back
	for i := range 2 {
		if code, msg := status(hs.URL); code != http.StatusOK {
			t.Errorf("a second later, match %d: %d %s, want 200", i+1, code, msg)
		}
	}
	for i := range 20 {
		if code, msg := status(open.URL); code != http.StatusOK {
			t.Fatalf("loopback exempt by default: match %d = %d %s", i+1, code, msg)
		}
	}
}

// manualClock stands still but for Advance: time moves for the rate limit
// only when the test says (no room runs in these tests).
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func newManualClock() *manualClock { return &manualClock{now: time.Unix(1_000_000, 0)} }

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) NewTimer() server.Timer { return server.RealClock().NewTimer() }

// Advance moves the clock forward by d.
func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
