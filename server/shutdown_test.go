package server_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
)

// TestShutdownClosesClients: Shutdown closes every client with 1001, turns
// /readyz to 503, refuses new WebSockets and stops the rooms.
func TestShutdownClosesClients(t *testing.T) {
	t.Parallel()
	srv, hs, url := startServer(t, nil)
	a := join(t, url, "a")
	b := join(t, url, "b")
	pending := dialWS(t, url, nil) // connected, no Hello yet
	// The handshake returns before the server has taken the connection in.
	waitFor(t, 2*time.Second, "the server to take the third connection", func() bool {
		return srv.Metrics().Connections.Load() == 3
	})
	type closed struct {
		code   websocket.StatusCode
		reason string
	}
	pendingClosed := make(chan closed, 1)
	go func() {
		code, reason := expectClose(t, pending, 10*time.Second)
		pendingClosed <- closed{code, reason}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for _, c := range []*client{a, b} {
		<-c.done
		var ce websocket.CloseError
		if err := c.closed(); !errors.As(err, &ce) || ce.Code != websocket.StatusGoingAway || ce.Reason != "server shutting down" {
			t.Errorf("client closed with %v, want 1001 \"server shutting down\"", err)
		}
	}
	if c := <-pendingClosed; c.code != websocket.StatusGoingAway {
		t.Errorf("connection without Hello closed with %d %q, want 1001", c.code, c.reason)
	}

	resp, err := http.Get(hs.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d after Shutdown, want 503", resp.StatusCode)
	}
	_, resp, err = websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("dial after Shutdown: %v, %v; want HTTP 503", err, resp)
	}
	m := srv.Metrics()
	if started, ended := m.RoomsStarted.Load(), m.RoomsEnded.Load(); started != 1 || ended != 1 {
		t.Errorf("rooms started %d, ended %d; want 1, 1", started, ended)
	}
	if got := m.Disconnects.Get("1001"); got != 3 {
		t.Errorf("Disconnects[1001] = %d, want 3", got)
	}
}

// TestRoomEndsWhenLastPlayerLeaves: Leave closes with 1000, and the empty
// room disappears from the list.
func TestRoomEndsWhenLastPlayerLeaves(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, nil)
	a := join(t, url, "a")
	b := join(t, url, "b")
	if n := len(srv.Rooms()); n != 1 {
		t.Fatalf("%d rooms, want 1", n)
	}
	for _, c := range []*client{a, b} {
		write(t, c.ws, netcode.NewEncoder().Leave())
		<-c.done
		if code := websocket.CloseStatus(c.closed()); code != websocket.StatusNormalClosure {
			t.Errorf("Leave answered with %v, want 1000", c.closed())
		}
	}
	waitFor(t, 2*time.Second, "the room to end", func() bool {
		return len(srv.Rooms()) == 0 && srv.Metrics().RoomsEnded.Load() == 1
	})
	// The next join opens a new room.
	c := join(t, url, "c")
	if c.welcome.RoomID == a.welcome.RoomID {
		t.Errorf("joined ended room %s", c.welcome.RoomID)
	}
}
