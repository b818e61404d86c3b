//go:build !js

package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"arena/client"
)

// TestMatchRealServer: DialMatched asks the real server's /match, then
// joins the room it named; Match given the http base answers the same:
// no room for quick play (the Hello finds the fullest), the room for a wish
// that names it, and a wish for no room is the CloseError a Hello would get.
func TestMatchRealServer(t *testing.T) {
	t.Parallel()
	_, url := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, err := client.DialMatched(ctx, url, &client.Options{Name: "a", Maps: testMaps})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	room := a.Info().Room
	for _, server := range []string{url, "http" + strings.TrimPrefix(strings.TrimSuffix(url, "/ws"), "ws"), strings.TrimSuffix(url, "/ws") + "/"} {
		if ws, got, err := client.Match(ctx, server, "", nil); err != nil || ws != url || got != "" {
			t.Errorf("Match(%s, quick play) = %q, %q, %v; want %q, \"\"", server, ws, got, err, url)
		}
		if ws, got, err := client.Match(ctx, server, room, nil); err != nil || ws != url || got != room {
			t.Errorf("Match(%s, %s) = %q, %q, %v; want %q, %q", server, room, ws, got, err, url, room)
		}
	}
	b, err := client.DialMatched(ctx, url, &client.Options{Name: "b", Maps: testMaps})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Info().Room != room {
		t.Errorf("b joined %q by quick play, want a's room %q", b.Info().Room, room)
	}
	_, err = client.DialMatched(ctx, url, &client.Options{Name: "c", Room: "nowhere", Maps: testMaps})
	if code, reason, ok := client.RoomRefused(err); !ok || code != client.CloseNoSuchRoom || reason != "no such room: nowhere" {
		t.Errorf("DialMatched to room nowhere = %v, want CloseNoSuchRoom \"no such room: nowhere\"", err)
	}
}

// TestMatchAnswers: what Match makes of each kind of answer.
func TestMatchAnswers(t *testing.T) {
	t.Parallel()
	var status int
	var body, gotPath string
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.RequestURI()
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	defer hs.Close()
	server := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		wantURL  string
		wantRoom string
		wantErr  string
	}{
		{name: "placement", status: 200, body: `{"url":"wss://b.example:9000/ws","room":"p1-3"}`, wantURL: "wss://b.example:9000/ws", wantRoom: "p1-3"},
		{name: "older server", status: 404, body: "404 page not found\n", wantURL: server, wantRoom: "wish"},
		{name: "no /match, upgrade required", status: 426, body: "Upgrade Required", wantURL: server, wantRoom: "wish"},
		{name: "no such room", status: 404, body: `{"error":"no such room: wish"}`, wantErr: "4008 no such room: wish"},
		{name: "room full", status: 409, body: `{"error":"room full: wish"}`, wantErr: "4009 room full: wish"},
		{name: "match error", status: 503, body: `{"error":"match: redis down"}`, wantErr: "503 Service Unavailable: match: redis down"},
		{name: "not a ws url", status: 200, body: `{"url":"http://b/ws","room":""}`, wantErr: `url "http://b/ws" is not a ws:// or wss:// URL`},
		{name: "not json", status: 200, body: `<html>`, wantErr: "bad answer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body = tc.status, tc.body
			ws, room, err := client.Match(context.Background(), server, "wish", nil)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Match = %q, %q, %v; want an error containing %q", ws, room, err, tc.wantErr)
				}
				return
			}
			if err != nil || ws != tc.wantURL || room != tc.wantRoom {
				t.Fatalf("Match = %q, %q, %v; want %q, %q", ws, room, err, tc.wantURL, tc.wantRoom)
			}
			if gotPath != "/match?room=wish" {
				t.Errorf("asked %s, want /match?room=wish", gotPath)
			}
		})
	}
	// An answer naming the server asked is dialed as it was reached: the
	// scheme and path prefix of a proxy in front are kept.
	status = 200
	host := strings.TrimPrefix(hs.URL, "http://")
	body = `{"url":"ws://` + host + `/ws","room":"r2"}`
	if ws, room, err := client.Match(context.Background(), "ws://"+host+"/game/ws", "", nil); err != nil || ws != "ws://"+host+"/game/ws" || room != "r2" || gotPath != "/game/match?room=" {
		t.Errorf("Match behind a path prefix = %q, %q, %v (asked %s); want ws://%s/game/ws, r2", ws, room, err, gotPath, host)
	}
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"url":"ws://` + r.Host + `/ws","room":"r3"}`)) // as behind a TLS proxy
	}))
	defer tls.Close()
	wss := "wss" + strings.TrimPrefix(tls.URL, "https") + "/ws"
	if ws, room, err := client.Match(context.Background(), wss, "", &client.Options{TLSConfig: tls.Client().Transport.(*http.Transport).TLSClientConfig}); err != nil || ws != wss || room != "r3" {
		t.Errorf("Match over TLS answered ws:// = %q, %q, %v; want %s, r3", ws, room, err, wss)
	}
	if _, _, err := client.Match(context.Background(), "ftp://x/ws", "", nil); err == nil || !strings.Contains(err.Error(), "want a ws, wss, http or https URL") {
		t.Errorf("Match(ftp://x/ws) = %v", err)
	}
	if _, _, err := client.Match(context.Background(), "/ws", "", nil); err == nil || !strings.Contains(err.Error(), "want ws://host:port/ws") {
		t.Errorf("Match(/ws) = %v", err)
	}
}

// TestDialMatchedQuickPlayRematches: quick play whose /match answer went
// stale (the room ended before the Hello: 4008) asks /match again instead
// of failing; a wish the player named is not retried.
func TestDialMatchedQuickPlayRematches(t *testing.T) {
	t.Parallel()
	_, realWS := startServer(t)
	var mu sync.Mutex
	matches := 0
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		matches++
		n := matches
		mu.Unlock()
		room := "" // the second answer: a new room
		if n == 1 || r.URL.Query().Get("room") != "" {
			room = "gone" // a room that ended meanwhile
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"url": realWS, "room": room})
	}))
	defer hs.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := client.DialMatched(ctx, hs.URL, &client.Options{Name: "quick", Maps: testMaps})
	if err != nil {
		t.Fatalf("quick play after a stale answer: %v", err)
	}
	defer s.Close()
	if matches != 2 {
		t.Errorf("quick play asked /match %d times, want 2", matches)
	}
	_, err = client.DialMatched(ctx, hs.URL, &client.Options{Name: "wish", Room: "gone", Maps: testMaps})
	if code, _, ok := client.RoomRefused(err); !ok || code != client.CloseNoSuchRoom || matches != 3 {
		t.Errorf("a named wish for an ended room = %v after %d matches, want CloseNoSuchRoom after 3", err, matches)
	}
}
