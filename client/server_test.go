//go:build !js

package client_test

// Tests against the real game server on 127.0.0.1.

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
	"arena/server"
)

// startServer runs the real server on the open test map and returns it with
// its ws:// URL; both stop at the end of the test.
func startServer(t *testing.T) (*server.Server, string) {
	t.Helper()
	srv, err := server.New(server.Config{
		Maps:    gametest.MapFS("open", gametest.DuelJSON()),
		MapName: "open",
	})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	return srv, "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
}

func find(ps []client.PlayerView, id game.PlayerID) (client.PlayerView, bool) {
	for _, p := range ps {
		if p.ID == id {
			return p, true
		}
	}
	return client.PlayerView{}, false
}

func TestRealServerInputsMoveLocalPlayer(t *testing.T) {
	t.Parallel()
	_, url := startServer(t)
	s := dial(t, url, "mover")
	w := s.Welcome()
	if w.Map != "open" || w.TickRate == 0 || w.SnapshotRate == 0 || s.LocalID() == 0 {
		t.Fatalf("Welcome = %+v", w)
	}
	lagComp := int64(-1)
	for _, r := range w.Rules {
		if r.Name == game.ParamLagCompTicks {
			lagComp = r.Value
		}
	}
	if lagComp != 15 {
		t.Errorf("Welcome's rule %s = %d, want 15 (250 ms at 60 Hz)", game.ParamLagCompTicks, lagComp)
	}
	var start client.PlayerView
	waitFor(t, "the local player in a snapshot", func() bool {
		p, ok := find(s.Players(time.Now(), nil), s.LocalID())
		start = p
		return ok && p.Alive
	})
	if !start.Local || start.Name != "mover" {
		t.Errorf("local view = %+v", start)
	}
	// Run right (or left when spawned on the right half) for half a second.
	dir := 1.0
	if start.Pos.X > 320 {
		dir = -1
	}
	tick := time.NewTicker(time.Second / time.Duration(w.TickRate))
	defer tick.Stop()
	for range int(w.TickRate) / 2 {
		<-tick.C
		if err := s.SendInput(game.MakeInput(dir, 0, 0, false)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the local player to move", func() bool {
		p, _ := find(s.Players(time.Now(), nil), s.LocalID())
		return (p.Pos.X-start.Pos.X)*dir > 50
	})
	waitFor(t, "an RTT sample", func() bool { return s.Stats().PongsReceived > 0 })
	st := s.Stats()
	if st.RTT <= 0 || st.SnapshotsReceived == 0 || st.BytesDown == 0 || st.BytesUp == 0 || st.ServerTick == 0 {
		t.Errorf("Stats = %+v", st)
	}
	if err := s.Close(); err != nil || s.Err() != nil {
		t.Errorf("Close = %v, Err = %v", err, s.Err())
	}
}

func TestRealServerTwoSessionsSeeEachOther(t *testing.T) {
	t.Parallel()
	_, url := startServer(t)
	a := dial(t, url, "alice")
	b := dial(t, url, "bob")
	sees := func(s *client.Session, id game.PlayerID, name string) func() bool {
		return func() bool {
			p, ok := find(s.Players(time.Now(), nil), id)
			return ok && p.Name == name && !p.Local
		}
	}
	waitFor(t, "alice to see bob", sees(a, b.LocalID(), "bob"))
	waitFor(t, "bob to see alice", sees(b, a.LocalID(), "alice"))

	var joined bool
	waitFor(t, "alice's join event for bob", func() bool {
		for _, e := range a.DrainEvents(nil) {
			joined = joined || (e.Kind == client.EventJoin && e.Player == b.LocalID() && e.Name == "bob")
		}
		return joined
	})
	if err := b.SendChat("hi"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the chat line", func() bool {
		for _, e := range a.DrainEvents(nil) {
			if e.Kind == client.EventChat && e.Text == "hi" && e.Name == "bob" {
				return true
			}
		}
		return false
	})
	b.Close()
	waitFor(t, "bob's leave", func() bool {
		for _, e := range a.DrainEvents(nil) {
			if e.Kind == client.EventLeave && e.Player == b.LocalID() && e.Name == "bob" {
				return true
			}
		}
		return false
	})
}

func TestRealServerShutdownIsCloseError(t *testing.T) {
	t.Parallel()
	srv, url := startServer(t)
	s := dial(t, url, "stayer")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go srv.Shutdown(ctx)
	select {
	case <-s.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("session did not end on server shutdown")
	}
	var ce *client.CloseError
	if err := s.Err(); !errors.As(err, &ce) || ce.Code != netcode.CloseGoingAway {
		t.Fatalf("Err = %v, want *CloseError 1001", err)
	}
}
