package server_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// syncBuffer is a bytes.Buffer that several goroutines may write.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records parses the JSON lines written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, rec)
	}
	return out
}

// TestLogLinesNameConnRoomAndPlayer captures the JSON log of two players:
// one joins and leaves, the other joins and sends a bad message. Every line
// that concerns a player says its conn, room and player, consistently, and
// every line of a joined connection says its room and player.
func TestLogLinesNameConnRoomAndPlayer(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	_, _, url := startServer(t, func(c *server.Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	alice := join(t, url, "alice")
	write(t, alice.ws, netcode.NewEncoder().Leave())
	bob := join(t, url, "bob")
	write(t, bob.ws, []byte{0xc1}) // not msgpack: 4000
	waitFor(t, 5*time.Second, "bob closed", func() bool { return bob.closed() != nil })
	if code := websocket.CloseStatus(bob.closed()); netcode.CloseCode(code) != netcode.CloseBadMessage {
		t.Fatalf("bob closed with %v, want %d", bob.closed(), netcode.CloseBadMessage)
	}
	count := func(msg string) int {
		n := 0
		for _, r := range logs.records(t) {
			if r["msg"] == msg {
				n++
			}
		}
		return n
	}
	waitFor(t, 5*time.Second, "both disconnects and both leaves logged", func() bool {
		return count("disconnected") == 2 && count("player left") == 2
	})

	type seat struct{ room, player any }
	seats := map[float64]seat{} // conn id -> its seat, from the first line naming it
	concerns := map[string]int{"joined": 0, "player joined": 0, "bad input: closing connection": 0,
		"disconnected": 0, "player left": 0}
	for _, r := range logs.records(t) {
		msg, _ := r["msg"].(string)
		conn, hasConn := r["conn"].(float64)
		if _, ok := concerns[msg]; ok {
			concerns[msg]++
			if !hasConn || r["room"] == nil || r["player"] == nil {
				t.Errorf("%q line lacks conn, room or player: %v", msg, r)
				continue
			}
		}
		if !hasConn {
			continue
		}
		s, joined := seats[conn]
		if !joined {
			// The first line naming the seat (the room's "player joined").
			if r["player"] != nil {
				seats[conn] = seat{r["room"], r["player"]}
			}
			continue
		}
		if r["room"] != s.room || r["player"] != s.player {
			t.Errorf("line of conn %v says room %v player %v, its join said %v %v: %v",
				conn, r["room"], r["player"], s.room, s.player, r)
		}
	}
	for msg, n := range concerns {
		if n == 0 {
			t.Errorf("no %q line logged", msg)
		}
	}
	if len(seats) != 2 {
		t.Errorf("%d connections logged a join, want 2", len(seats))
	}
}
