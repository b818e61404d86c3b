package server_test

import (
	"testing"
	"time"

	"arena/netcode"
	"arena/server"
)

// TestChatAndPing: chat is cleaned and relayed to the room, a flood gets an
// Error, and Ping is answered with the client's time and the server tick.
func TestChatAndPing(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	a := join(t, url, "a")
	b := join(t, url, "b")
	enc := netcode.NewEncoder()

	write(t, a.ws, enc.Chat(&netcode.Chat{Text: "  hi\x07 there\n "}))
	for range 6 {
		write(t, a.ws, enc.Chat(&netcode.Chat{Text: "spam"}))
	}
	write(t, a.ws, enc.Ping(&netcode.Ping{ClientTime: 12345}))

	waitFor(t, 2*time.Second, "chat relayed, rate limit error and Pong", func() bool {
		b.mu.Lock()
		chats := len(b.chats)
		b.mu.Unlock()
		a.mu.Lock()
		defer a.mu.Unlock()
		return chats >= 5 && len(a.errs) >= 1 && len(a.pongs) == 1
	})
	time.Sleep(100 * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	if first := b.chats[0]; first.From != a.welcome.PlayerID || first.Text != "hi there" {
		t.Errorf("first chat = %+v, want from %d \"hi there\"", first, a.welcome.PlayerID)
	}
	if len(b.chats) != 5 {
		t.Errorf("%d chat lines relayed, want 5 (rate limit)", len(b.chats))
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.errs[0].Code != server.ErrorChatRateLimited {
		t.Errorf("Error = %+v", a.errs[0])
	}
	if p := a.pongs[0]; p.ClientTime != 12345 || p.ServerTick == 0 {
		t.Errorf("Pong = %+v", p)
	}
}

// TestJoinEvents: a newcomer hears of everyone present, itself included,
// and the others hear of it.
func TestJoinEvents(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	a := join(t, url, "a")
	b := join(t, url, "b")
	waitFor(t, 2*time.Second, "join events", func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		b.mu.Lock()
		defer b.mu.Unlock()
		return len(a.events) >= 2 && len(b.events) >= 2
	})
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	// a: itself, then b. b: a and itself.
	if e := a.events; e[0].Kind != netcode.EventJoin || e[0].Player != a.welcome.PlayerID || e[0].Name != "a" ||
		e[1].Kind != netcode.EventJoin || e[1].Player != b.welcome.PlayerID || e[1].Name != "b" {
		t.Errorf("a's events = %+v", e)
	}
	if e := b.events; len(e) != 2 || e[0].Player != a.welcome.PlayerID || e[1].Player != b.welcome.PlayerID {
		t.Errorf("b's events = %+v", e)
	}
}
