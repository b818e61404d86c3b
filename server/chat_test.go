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
		chats := len(b.eventsOf(netcode.EventChat))
		a.mu.Lock()
		defer a.mu.Unlock()
		return chats >= 5 && len(a.errs) >= 1 && len(a.pongs) == 1
	})
	time.Sleep(100 * time.Millisecond)
	chats := b.eventsOf(netcode.EventChat)
	if first := chats[0]; first.Player != a.welcome.PlayerID || first.Text != "hi there" {
		t.Errorf("first chat = %+v, want from %d \"hi there\"", first, a.welcome.PlayerID)
	}
	if len(chats) != 5 {
		t.Errorf("%d chat lines relayed, want 5 (rate limit)", len(chats))
	}
	if mine := a.eventsOf(netcode.EventChat); len(mine) != 5 {
		t.Errorf("the sender got %d of its chat lines back, want 5", len(mine))
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.errs[0].Code != server.ErrorChatRateLimited {
		t.Errorf("Error = %+v", a.errs[0])
	}
	if len(a.errs) != 1 { // two lines were dropped within a second: one Error
		t.Errorf("%d Errors for 2 dropped lines in a second, want 1: %+v", len(a.errs), a.errs)
	}
	// The Pong rides a snapshot; the hold is the time the server kept it.
	if p := a.pongs[0]; p.ClientTime != 12345 || p.HoldMicros > 1_000_000 {
		t.Errorf("Pong = %+v", p)
	}
}

// TestJoinAndLeave: a newcomer's Welcome names everyone present, itself
// included; the others hear of it in a join event, once; and of its
// leaving in a leave event, after which it is gone from their view.
func TestJoinAndLeave(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	a := join(t, url, "a")
	if r := a.welcome.Roster; len(r) != 1 || r[0].ID != a.welcome.PlayerID || r[0].Name != "a" {
		t.Errorf("a's roster = %+v", r)
	}
	b := join(t, url, "b")
	if r := b.welcome.Roster; len(r) != 2 || r[0].Name != "a" || r[1].ID != b.welcome.PlayerID || r[1].Name != "b" {
		t.Errorf("b's roster = %+v", r)
	}
	aID, bID := a.welcome.PlayerID, b.welcome.PlayerID
	waitFor(t, 2*time.Second, "a hears b join and sees it", func() bool {
		_, seen := a.other(bID)
		return len(a.eventsOf(netcode.EventJoin)) >= 1 && seen
	})
	if e := a.eventsOf(netcode.EventJoin); len(e) != 1 || e[0].Player != bID || e[0].Text != "b" {
		t.Errorf("a's join events = %+v, want only b's", e)
	}
	if e := b.eventsOf(netcode.EventJoin); len(e) != 0 {
		t.Errorf("b's join events = %+v, want none (its roster has everyone)", e)
	}
	write(t, b.ws, netcode.NewEncoder().Leave())
	waitFor(t, 2*time.Second, "a hears b leave and stops seeing it", func() bool {
		_, seen := a.other(bID)
		return len(a.eventsOf(netcode.EventLeave)) == 1 && !seen
	})
	if e := a.eventsOf(netcode.EventLeave)[0]; e.Player != bID {
		t.Errorf("leave event = %+v", e)
	}
	_ = aID
}
