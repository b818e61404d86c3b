package client_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/client"
	"arena/game"
	"arena/netcode"
)

func dial(t *testing.T, url, name string) *client.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, url, &client.Options{Name: name})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// waitFor polls cond until it holds or 5 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// untilClosed reads and drops client messages until the connection ends.
func untilClosed(f *fakeConn) {
	var m netcode.ClientMessage
	for f.recv(&m) == nil {
	}
}

func TestDialWelcome(t *testing.T) {
	t.Parallel()
	helloName := make(chan string, 1)
	url := newFakeServer(t, func(f *fakeConn) {
		helloName <- f.hello.Name
		f.welcome(7)
		untilClosed(f)
	})
	s := dial(t, url, "alice")
	if got := <-helloName; got != "alice" {
		t.Errorf("Hello.Name = %q, want alice", got)
	}
	w := s.Welcome()
	if s.LocalID() != 7 || w.RoomID != "r1" || w.Map != "arena" || w.TickRate != 60 || w.SnapshotRate != 30 {
		t.Errorf("Welcome = %+v, LocalID %d", w, s.LocalID())
	}
	if st := s.Stats(); st.Connected.IsZero() || st.BytesUp == 0 || st.BytesDown == 0 {
		t.Errorf("Stats = %+v, want Connected and bytes counted", st)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case <-s.Done():
	default:
		t.Error("Done not closed after Close")
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err after clean Close = %v, want nil", err)
	}
	if err := s.SendInput(game.Input{}); !errors.Is(err, client.ErrClosed) {
		t.Errorf("SendInput after Close = %v, want ErrClosed", err)
	}
}

func TestDialRefusedIsCloseError(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, func(f *fakeConn) {
		f.c.Close(websocket.StatusCode(netcode.CloseBadMessage), "hello: name too long")
	})
	_, err := client.Dial(context.Background(), url, &client.Options{Name: "x"})
	var ce *client.CloseError
	if !errors.As(err, &ce) {
		t.Fatalf("Dial error = %v (%T), want *CloseError", err, err)
	}
	if ce.Code != netcode.CloseBadMessage || ce.Reason != "hello: name too long" {
		t.Errorf("CloseError = %+v", ce)
	}
	if want := "server closed the connection: 4000 bad message: hello: name too long"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

func TestDialClosedPort(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	url := "ws://" + addr + "/ws"
	_, err = client.Dial(context.Background(), url, nil)
	if err == nil {
		t.Fatal("Dial to a closed port succeeded")
	}
	if !strings.HasPrefix(err.Error(), "connect "+url+": ") {
		t.Errorf("error = %q, want it to start with %q", err, "connect "+url+": ")
	}
}

func TestDialTimesOutWithoutWelcome(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, untilClosed)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := client.Dial(ctx, url, nil)
	if err == nil || !strings.Contains(err.Error(), "connect "+url) {
		t.Fatalf("Dial error = %v, want a connect error", err)
	}
}

func TestServerCloseEndsSession(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1)
		time.Sleep(20 * time.Millisecond)
		f.c.Close(websocket.StatusCode(netcode.CloseSlowConsumer), "too slow")
	})
	s := dial(t, url, "bob")
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("Done not closed after the server closed")
	}
	var ce *client.CloseError
	if err := s.Err(); !errors.As(err, &ce) || ce.Code != netcode.CloseSlowConsumer || ce.Reason != "too slow" {
		t.Fatalf("Err = %v, want *CloseError 4003 too slow", err)
	}
	if err := s.SendInput(game.Input{}); !errors.Is(err, client.ErrClosed) {
		t.Errorf("SendInput after the end = %v, want ErrClosed", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close after the end = %v", err)
	}
}

func TestInputWindow(t *testing.T) {
	t.Parallel()
	got := make(chan netcode.Inputs, 16)
	left := make(chan bool, 1)
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(3)
		f.send(f.enc.Snapshot(&netcode.Snapshot{Tick: 120}))
		var m netcode.ClientMessage
		for {
			if err := f.recv(&m); err != nil {
				t.Logf("fake server: %v", err)
				return
			}
			switch m.Type {
			case netcode.MsgInput:
				got <- m.Input
			case netcode.MsgLeave:
				left <- true
			}
		}
	})
	s := dial(t, url, "carol")
	waitFor(t, "a snapshot", func() bool { return s.Stats().SnapshotsReceived == 1 })
	for i := range 8 {
		// One at a time: a burst would be coalesced (TestInputBurstLosesNothing).
		if err := s.SendInput(game.Input{MoveX: int8(i + 1)}); err != nil {
			t.Fatal(err)
		}
		m := <-got
		w := m.Window()
		wantN := min(i+1, 6)
		if len(w) != wantN {
			t.Fatalf("message %d: %d frames, want %d", i+1, len(w), wantN)
		}
		for j, fr := range w {
			wantSeq := uint32(i + 1 - wantN + j + 1)
			if fr.Seq != wantSeq || fr.Input.MoveX != int8(wantSeq) {
				t.Errorf("message %d frame %d: seq %d movex %d, want seq %d", i+1, j, fr.Seq, fr.Input.MoveX, wantSeq)
			}
			if fr.ClientTick < 100 {
				t.Errorf("ClientTick %d, want >= Welcome's 100", fr.ClientTick)
			}
		}
		if m.AckTick != 120 {
			t.Errorf("AckTick = %d, want 120", m.AckTick)
		}
	}
	if st := s.Stats(); st.InputsSent != 8 {
		t.Errorf("InputsSent = %d, want 8", st.InputsSent)
	}
	s.Close()
	select {
	case <-left:
	case <-time.After(5 * time.Second):
		t.Error("server got no Leave")
	}
}

// TestInputBurstLosesNothing sends inputs faster than they can be written:
// the writer may replace unsent Inputs messages by newer ones, and the
// windows that arrive must still cover every input, in order.
func TestInputBurstLosesNothing(t *testing.T) {
	t.Parallel()
	got := make(chan netcode.Inputs, 64)
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(3)
		var m netcode.ClientMessage
		for f.recv(&m) == nil {
			if m.Type == netcode.MsgInput {
				got <- m.Input
			}
		}
	})
	s := dial(t, url, "dave")
	defer s.Close()
	const n = 5 // fewer than the window repeats, so nothing may be lost
	for i := range n {
		if err := s.SendInput(game.Input{MoveX: int8(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[uint32]bool{}
	var newest uint32
	timeout := time.After(5 * time.Second)
	for newest < n {
		select {
		case m := <-got:
			for _, fr := range m.Window() {
				if fr.Input.MoveX != int8(fr.Seq) {
					t.Fatalf("seq %d carries input %d", fr.Seq, fr.Input.MoveX)
				}
				seen[fr.Seq] = true
				newest = max(newest, fr.Seq)
			}
		case <-timeout:
			t.Fatalf("only inputs up to seq %d arrived", newest)
		}
	}
	for seq := uint32(1); seq <= n; seq++ {
		if !seen[seq] {
			t.Errorf("input %d never reached the server", seq)
		}
	}
	if st := s.Stats(); st.InputsSent != n {
		t.Errorf("InputsSent = %d, want %d", st.InputsSent, n)
	}
}

func TestEventsAndNames(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1)
		f.send(f.enc.Events(&netcode.Events{Events: []netcode.Event{
			{Kind: netcode.EventJoin, Player: 1, Name: "me"},
			{Kind: netcode.EventJoin, Player: 2, Name: "zed"},
		}}))
		f.send(f.enc.Snapshot(&netcode.Snapshot{Tick: 10, Shots: []netcode.Shot{{Tick: 9, Shooter: 2, Target: 1, ToX: 160}}}))
		f.send(f.enc.Events(&netcode.Events{Events: []netcode.Event{{Kind: netcode.EventKill, Player: 2, Other: 1}}}))
		f.send(f.enc.ChatFrom(&netcode.ChatFrom{From: 2, Text: "gg"}))
		f.send(f.enc.Events(&netcode.Events{Events: []netcode.Event{{Kind: netcode.EventLeave, Player: 2}}}))
		untilClosed(f)
	})
	s := dial(t, url, "me")
	var evs []client.Event
	waitFor(t, "6 events", func() bool {
		evs = s.DrainEvents(evs)
		return len(evs) >= 6
	})
	want := []client.Event{
		{Kind: client.EventJoin, Player: 1, Name: "me"},
		{Kind: client.EventJoin, Player: 2, Name: "zed"},
		{Kind: client.EventShot, Player: 2, Other: 1, Name: "zed", Shot: netcode.Shot{Tick: 9, Shooter: 2, Target: 1, ToX: 160}},
		{Kind: client.EventKill, Player: 2, Other: 1, Name: "zed"},
		{Kind: client.EventChat, Player: 2, Name: "zed", Text: "gg"},
		{Kind: client.EventLeave, Player: 2, Name: "zed"},
	}
	if len(evs) != len(want) {
		t.Fatalf("got %d events %+v, want %d", len(evs), evs, len(want))
	}
	for i := range want {
		if evs[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, evs[i], want[i])
		}
	}
	if more := s.DrainEvents(nil); len(more) != 0 {
		t.Errorf("second drain returned %d events", len(more))
	}
}

func TestPingMeasuresRTT(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1)
		var m netcode.ClientMessage
		for f.recv(&m) == nil {
			if m.Type == netcode.MsgPing {
				time.Sleep(2 * time.Millisecond)
				f.send(f.enc.Pong(&netcode.Pong{ClientTime: m.Ping.ClientTime, ServerTick: 500}))
			}
		}
	})
	s := dial(t, url, "pinger")
	waitFor(t, "a pong", func() bool { return s.Stats().PongsReceived > 0 })
	st := s.Stats()
	if st.LastRTT < 2*time.Millisecond || st.RTT != st.LastRTT || st.RTT > time.Second {
		t.Errorf("RTT %v, LastRTT %v, want >= 2ms and equal after one sample", st.RTT, st.LastRTT)
	}
}

func TestPlayersFromSnapshots(t *testing.T) {
	t.Parallel()
	alive := netcode.FlagAlive
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1)
		f.send(f.enc.Events(&netcode.Events{Events: []netcode.Event{
			{Kind: netcode.EventJoin, Player: 1, Name: "me"},
			{Kind: netcode.EventJoin, Player: 2, Name: "other"},
		}}))
		for i := range 3 {
			f.send(f.enc.Snapshot(&netcode.Snapshot{Tick: uint32(10 + 2*i), Players: []netcode.PlayerState{
				{ID: 1, X: netcode.ToFixed(100 + float64(i)), Y: netcode.ToFixed(50), Health: 100, Flags: alive},
				{ID: 2, X: netcode.ToFixed(200), Y: netcode.ToFixed(300), Health: 75, Flags: 0, RespawnTicks: 90, Kills: 3},
			}}))
		}
		untilClosed(f)
	})
	s := dial(t, url, "me")
	waitFor(t, "3 snapshots", func() bool { return s.Stats().SnapshotsReceived == 3 })
	ps := s.Players(time.Now().Add(time.Second), nil)
	if len(ps) != 2 || ps[0].ID != 1 || ps[1].ID != 2 {
		t.Fatalf("Players = %+v, want ids 1, 2", ps)
	}
	me, other := ps[0], ps[1]
	if !me.Local || me.Name != "me" || me.Pos != (game.Vec2{X: 102, Y: 50}) || !me.Alive || me.Health != 100 {
		t.Errorf("local = %+v", me)
	}
	if other.Local || other.Name != "other" || other.Alive || other.RespawnIn != 1500*time.Millisecond || other.Kills != 3 {
		t.Errorf("other = %+v", other)
	}
}

func TestCloseErrorMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  client.CloseError
		want string
	}{
		{client.CloseError{Code: 4000, Reason: "hello: name too long"}, "server closed the connection: 4000 bad message: hello: name too long"},
		{client.CloseError{Code: 1001}, "server closed the connection: 1001 going away"},
		{client.CloseError{Code: 4002, Reason: "version mismatch: want 1"}, "server closed the connection: 4002 version mismatch: want 1"},
		{client.CloseError{Code: 4999, Reason: "custom"}, "server closed the connection: 4999: custom"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.err, got, tt.want)
		}
	}
}
