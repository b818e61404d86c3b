package server_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
	"arena/netcode/impair"
	"arena/server"
)

// TestImpairedListener: a server on an impaired listener, as `gameserver
// -impair` runs. Its connections are not syscall.Conns, so the room
// cannot detach their sockets and every connection stays on the reader
// goroutine path: the Welcome, inputs that move the player, snapshots at
// the snapshot rate, a Ping answered a round trip of the impaired link
// later, and a clean close handshake all work through it.
func TestImpairedListener(t *testing.T) {
	t.Parallel()
	const lat, jit = 30 * time.Millisecond, 5 * time.Millisecond
	link := impair.Link{Latency: lat, Jitter: jit, Loss: 0.02, Stall: 100 * time.Millisecond}
	srv, err := server.New(server.Config{Maps: testMaps(), MapName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Listener = impair.Listen(hs.Listener, impair.Config{Up: link, Down: link, Seed: 1})
	hs.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		hs.Close()
	})
	url := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"

	a := join(t, url, "alice")
	b := join(t, url, "bob")
	if a.welcome.RoomID != b.welcome.RoomID || a.welcome.Map != "test" {
		t.Fatalf("Welcomes = %+v and %+v", a.welcome, b.welcome)
	}
	waitFor(t, 5*time.Second, "both players in a snapshot", func() bool {
		_, ok := b.other(a.welcome.PlayerID)
		return ok && a.snapshotCount() > 0
	})

	// A Ping's answer rides a snapshot: at least a round trip of the link.
	sent := time.Now()
	write(t, a.ws, a.enc.Ping(&netcode.Ping{ClientTime: 777}))
	waitFor(t, 5*time.Second, "the Pong", func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		return len(a.pongs) == 1
	})
	if rtt := time.Since(sent); rtt < 2*(lat-jit) {
		t.Errorf("Ping answered after %v, want at least the impaired round trip %v", rtt, 2*(lat-jit))
	}

	// Alice walks down; bob sees her move.
	start := a.own()
	tick := time.NewTicker(time.Second / 60)
	defer tick.Stop()
	s0, t0 := a.snapshotCount(), time.Now()
	for time.Since(t0) < time.Second {
		<-tick.C
		a.sendInput(game.MakeInput(0, 1, 0, false))
	}
	// The link's stalls hold snapshots back but lose none (TCP): after a
	// moment for the held ones to arrive, a second of server ticks holds
	// about its 30 snapshots, however they were spread over the wall clock
	// (a few fewer when a busy writer had one replaced unsent).
	time.Sleep(500 * time.Millisecond)
	if ticks := a.snapshotTicks(s0, a.snapshotCount()); len(ticks) < 2 {
		t.Errorf("alice received %d snapshots while walking", len(ticks))
	} else if last := ticks[len(ticks)-1]; last < ticks[0]+60 {
		t.Logf("the overloaded machine let the server run only %d ticks: rate not checked", last-ticks[0])
	} else if n := countWithin(ticks, ticks[0], ticks[0]+60); n < 21 || n > 31 {
		t.Errorf("alice received %d snapshots of the 60 ticks after tick %d, want about 30", n, ticks[0])
	}
	waitFor(t, 5*time.Second, "alice's movement in bob's snapshots", func() bool {
		p, _ := b.other(a.welcome.PlayerID)
		return netcode.FromRemote(p.Y) > netcode.FromFixed(start.Y)+16
	})

	m := srv.Metrics()
	if n := m.BytesPolled.Load(); n != 0 {
		t.Errorf("the room read %d bytes from polled sockets; an impaired connection cannot be polled", n)
	}
	if n := m.SnapshotsDirect.Load(); n != 0 {
		t.Errorf("%d snapshots written directly to a socket the server does not have", n)
	}

	// A clean close: the handshake completes across the link both ways.
	if err := a.ws.Close(websocket.StatusNormalClosure, "bye"); err != nil {
		t.Errorf("close handshake: %v", err)
	}
	waitFor(t, 5*time.Second, "alice's leave in bob's snapshots", func() bool {
		return len(b.eventsOf(netcode.EventLeave)) == 1
	})
	waitFor(t, 5*time.Second, "the disconnect counted as 1000", func() bool {
		return m.Disconnects.Get("1000") == 1
	})

	// The server's own close handshake crosses it too.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	<-b.done
	var ce websocket.CloseError
	if err := b.closed(); !errors.As(err, &ce) || ce.Code != websocket.StatusGoingAway {
		t.Errorf("bob closed with %v, want 1001", err)
	}
}

// countWithin counts the ticks in [from, to).
func countWithin(ticks []uint32, from, to uint32) int {
	n := 0
	for _, tk := range ticks {
		if tk >= from && tk < to {
			n++
		}
	}
	return n
}
