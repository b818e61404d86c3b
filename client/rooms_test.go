//go:build !js

package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game/gametest"
	"arena/server"
)

func TestListRoomsRealServer(t *testing.T) {
	t.Parallel()
	_, url := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rooms, err := client.ListRooms(ctx, url, nil)
	if err != nil || len(rooms) != 0 {
		t.Fatalf("empty server: %+v, %v", rooms, err)
	}
	s := dial(t, url, "lister")
	rooms, err = client.ListRooms(ctx, url, nil)
	if err != nil || len(rooms) != 1 {
		t.Fatalf("one player: %+v, %v", rooms, err)
	}
	r := rooms[0]
	if r.ID != s.Info().Room || r.Players != 1 || r.Capacity < 2 || r.Map != "open" {
		t.Fatalf("listing %+v, welcome room %q", r, s.Info().Room)
	}
}

func TestListRoomsErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, err := client.ListRooms(ctx, "ftp://x/ws", nil); err == nil || !strings.Contains(err.Error(), "rooms:") {
		t.Errorf("bad scheme: %v", err)
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rooms":
			http.Error(w, `{"error":"rooms: redis down"}`, http.StatusServiceUnavailable)
		case "/base/rooms":
			w.Write([]byte("<html>not json"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer hs.Close()
	ws := "ws" + strings.TrimPrefix(hs.URL, "http")
	if _, err := client.ListRooms(ctx, ws+"/ws", nil); err == nil || !strings.Contains(err.Error(), "redis down") {
		t.Errorf("503: %v", err)
	}
	if _, err := client.ListRooms(ctx, ws+"/base/ws", nil); err == nil || !strings.Contains(err.Error(), "bad answer") {
		t.Errorf("not JSON: %v", err)
	}
	if _, err := client.ListRooms(ctx, ws+"/nothing/ws", nil); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404: %v", err)
	}
}

// TestListRoomsCountsBots: a room the server fills with bots lists its
// people as players and the bots apart.
func TestListRoomsCountsBots(t *testing.T) {
	t.Parallel()
	srv, err := server.New(server.Config{Maps: gametest.MapFS("open", gametest.DuelJSON()), MapName: "open", MinPlayers: 3})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	url := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	dial(t, url, "person")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var rooms []client.RoomListing
	for ctx.Err() == nil {
		if rooms, err = client.ListRooms(ctx, url, nil); err == nil && len(rooms) == 1 && rooms[0].Bots == 2 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(rooms) != 1 || rooms[0].Players != 1 || rooms[0].Bots != 2 {
		t.Fatalf("rooms %+v, %v: want one room of 1 person and 2 bots", rooms, err)
	}
}
