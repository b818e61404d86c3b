package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
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
// request reached and the room a join would get now, seating nobody; its
// errors are JSON.
func TestMatchAlone(t *testing.T) {
	t.Parallel()
	srv, hs, wsURL := startServer(t, func(cfg *server.Config) { cfg.RoomCapacity = 2 })
	var p server.Placement
	if code := getJSON(t, hs.URL+"/match", &p); code != http.StatusOK || p != (server.Placement{URL: wsURL}) {
		t.Fatalf("/match on an empty server = %d %+v, want 200 {%s, \"\"}", code, p, wsURL)
	}
	join(t, wsURL, "a")
	getJSON(t, hs.URL+"/match?room=nowhere", &p)
	if p != (server.Placement{URL: wsURL, Room: "r1"}) {
		t.Fatalf("/match with one player in r1 = %+v, want r1 at %s", p, wsURL)
	}
	if n := srv.Rooms()[0].Players; n != 1 {
		t.Fatalf("/match seated someone: r1 has %d players", n)
	}
	join(t, wsURL, "b") // r1 is full
	getJSON(t, hs.URL+"/match?room=r1", &p)
	if p.Room != "" {
		t.Fatalf("/match for a full r1 = %+v, want a new room", p)
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

	var e struct{ Error string }
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
