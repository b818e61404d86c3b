package server_test

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"arena/server"
	"arena/server/web"
)

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, string(b)
}

func TestHTTPEndpoints(t *testing.T) {
	t.Parallel()
	_, hs, url := startServer(t, nil)

	if resp, body := get(t, hs.URL+"/healthz"); resp.StatusCode != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz = %d %q", resp.StatusCode, body)
	}
	if resp, body := get(t, hs.URL+"/readyz"); resp.StatusCode != 200 {
		t.Errorf("/readyz = %d %q", resp.StatusCode, body)
	}

	resp, body := get(t, hs.URL+"/rooms")
	if resp.StatusCode != 200 || strings.TrimSpace(body) != "[]" {
		t.Errorf("/rooms with no players = %d %q, want []", resp.StatusCode, body)
	}
	c := join(t, url, "alice")
	resp, body = get(t, hs.URL+"/rooms")
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("/rooms Content-Type %q", ct)
	}
	var rooms []server.PublicRoom
	if err := json.Unmarshal([]byte(body), &rooms); err != nil {
		t.Fatalf("/rooms: %v in %q", err, body)
	}
	want := server.PublicRoom{ID: c.welcome.RoomID, Map: "test", Mode: "arena", Players: 1, Capacity: 16, TickRate: 60}
	if len(rooms) != 1 || rooms[0].ID != want.ID || rooms[0].Map != want.Map || rooms[0].Players != 1 ||
		rooms[0].Capacity != 16 || rooms[0].TickRate != 60 {
		t.Errorf("/rooms = %s, want [%+v]", body, want)
	}
	for _, key := range []string{`"id"`, `"map"`, `"mode"`, `"players"`, `"capacity"`, `"tick_rate"`} {
		if !strings.Contains(body, key) {
			t.Errorf("/rooms lacks %s: %s", key, body)
		}
	}
	// Counts, never who plays: a stranger must not learn names from it.
	if strings.Contains(body, "alice") || strings.Contains(body, `"names"`) {
		t.Errorf("/rooms shows player names: %s", body)
	}

	resp, body = get(t, hs.URL+"/")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("/ = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-cache") {
		t.Errorf("/ Cache-Control %q, want no-cache", cc)
	}
	index, _ := fs.ReadFile(web.FS, "static/index.html")
	if body != string(index) {
		t.Errorf("/ does not serve static/index.html")
	}

	resp, body = get(t, hs.URL+"/game.wasm")
	if _, err := fs.Stat(web.FS, "static/game.wasm"); errors.Is(err, fs.ErrNotExist) {
		if resp.StatusCode != 404 || !strings.Contains(body, "game.wasm is not built: run `make wasm`") {
			t.Errorf("/game.wasm without a build = %d %q", resp.StatusCode, body)
		}
	} else if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("/game.wasm = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	if resp, _ := get(t, hs.URL+"/nope"); resp.StatusCode != 404 {
		t.Errorf("/nope = %d, want 404", resp.StatusCode)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cfg  server.Config
		want string
	}{
		{"tick rate", server.Config{TickRate: 1000}, "tick rate 1000 out of range"},
		{"snapshot rate", server.Config{TickRate: 20, SnapshotRate: 30}, "snapshot rate 30 out of range"},
		{"capacity", server.Config{RoomCapacity: 65}, "room capacity 65 out of range"},
		{"negative capacity", server.Config{RoomCapacity: -1}, "room capacity -1 out of range"},
		{"missing map", server.Config{Maps: testMaps(), MapName: "nowhere"}, `map "nowhere"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := server.New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New(%+v) = %v, want an error containing %q", tc.cfg, err, tc.want)
			}
		})
	}
}
