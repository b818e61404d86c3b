package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// TestConcurrentJoinsRespectCapacity: 200 clients joining at once all get
// Welcome, and no room ever holds more than its capacity.
func TestConcurrentJoinsRespectCapacity(t *testing.T) {
	t.Parallel()
	const joins, capacity = 200, 16
	srv, _, url := startServer(t, func(c *server.Config) {
		c.TickRate, c.SnapshotRate = 20, 5 // 200 sockets on a shared machine: keep the load light
	})

	welcomes := make([]netcode.Welcome, joins)
	errs := make([]error, joins)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range joins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			ws, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}})
			if err != nil {
				errs[i] = err
				return
			}
			t.Cleanup(func() { _ = ws.CloseNow() })
			if err := ws.Write(ctx, websocket.MessageBinary, hello("p")); err != nil {
				errs[i] = err
				return
			}
			welcomes[i], errs[i] = readWelcome(ctx, ws)
			// Keep reading so the server never sees a slow consumer.
			go func() {
				for {
					if _, _, err := ws.Read(context.Background()); err != nil {
						return
					}
				}
			}()
		}()
	}
	close(start)
	wg.Wait()

	perRoom := map[string]map[uint16]bool{}
	for i, w := range welcomes {
		if errs[i] != nil {
			t.Fatalf("join %d: %v", i, errs[i])
		}
		ids := perRoom[w.RoomID]
		if ids == nil {
			ids = map[uint16]bool{}
			perRoom[w.RoomID] = ids
		}
		if ids[uint16(w.PlayerID)] {
			t.Errorf("player id %d given twice in room %s", w.PlayerID, w.RoomID)
		}
		ids[uint16(w.PlayerID)] = true
	}
	for id, ids := range perRoom {
		if len(ids) > capacity {
			t.Errorf("room %s got %d players, capacity %d", id, len(ids), capacity)
		}
	}
	if want := (joins + capacity - 1) / capacity; len(perRoom) != want {
		t.Errorf("%d rooms, want %d (fullest room first)", len(perRoom), want)
	}

	total := 0
	for _, r := range srv.Rooms() {
		if r.Players > r.Capacity || r.Capacity != capacity {
			t.Errorf("room %+v over capacity", r)
		}
		total += r.Players
	}
	if total != joins {
		t.Errorf("Rooms() counts %d players, want %d", total, joins)
	}
}
