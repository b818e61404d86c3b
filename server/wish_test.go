package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// TestRoomWish checks Hello's room wish: a named room with a free seat is
// joined even when another room is fuller; a full or unknown one falls back
// to the fullest room with a free seat, or a new room when all are full.
func TestRoomWish(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, func(cfg *server.Config) { cfg.RoomCapacity = 3 })
	conns := map[string]*websocket.Conn{}
	join := func(name, wish, want string) {
		t.Helper()
		ws := dialWS(t, url, nil)
		conns[name] = ws
		write(t, ws, netcode.NewEncoder().Hello(&netcode.Hello{Version: netcode.Version, Name: name, Room: wish}))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		w, err := readWelcome(ctx, ws)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w.RoomID != want {
			t.Fatalf("%s wishing for %q joined %s, want %s", name, wish, w.RoomID, want)
		}
	}
	players := func(id string) int {
		for _, r := range srv.Rooms() {
			if r.ID == id {
				return r.Players
			}
		}
		return -1
	}

	join("a", "", "r1")
	join("b", "", "r1")
	join("c", "", "r1")   // r1 is full
	join("d", "r1", "r2") // a full wish falls back: here to a new room
	join("e", "nowhere", "r2")

	// a leaves: r1 has 2 players, r2 has 2; a wish for r2 is honored.
	conns["a"].Close(websocket.StatusNormalClosure, "")
	deadline := time.Now().Add(5 * time.Second)
	for players("r1") != 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := players("r1"); n != 2 {
		t.Fatalf("r1 has %d players after a left, want 2", n)
	}
	join("f", "r2", "r2") // r2 is now full
	join("g", "", "r1")   // the only room with a seat
	join("h", "r2", "r3") // everything is full
}
