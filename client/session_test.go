package client_test

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/coder/websocket"

	"arena/assets"
	"arena/client"
	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
)

func dial(t testing.TB, url, name string) *client.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, url, &client.Options{Name: name, Maps: testMaps})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testMaps has the built-in arena map (the fake server's) and the open
// duel map the real server tests play.
var testMaps = client.NewMaps(testMapFS())

func testMapFS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range map[string][]byte{"open": gametest.DuelJSON()} {
		fsys["maps/"+name+".json"] = &fstest.MapFile{Data: data}
	}
	arena, err := fs.ReadFile(assets.FS, "maps/arena.json")
	if err != nil {
		panic(err)
	}
	fsys["maps/arena.json"] = &fstest.MapFile{Data: arena}
	return fsys
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
		f.welcome(7, netcode.RosterEntry{ID: 3, Name: "zed"}, netcode.RosterEntry{ID: 7, Name: "alice"})
		untilClosed(f)
	})
	s := dial(t, url, "alice")
	if got := <-helloName; got != "alice" {
		t.Errorf("Hello.Name = %q, want alice", got)
	}
	w := s.Welcome()
	if s.LocalID() != 7 || w.RoomID != "r1" || w.Map != "arena" || w.Mode != "arena" || w.TickRate != 60 || w.SnapshotRate != 30 {
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

// TestDialRefusesOtherRules: a server whose mode or constants differ from
// this client's game package would make its prediction wrong; Dial says so.
func TestDialRefusesOtherRules(t *testing.T) {
	t.Parallel()
	for name, w := range map[string]netcode.Welcome{
		"mode":  {Mode: "racing", Rules: arenaRules()},
		"speed": {Mode: "arena", Rules: append(arenaRules(), netcode.Rule{Name: "max_speed", Value: 300})},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url := newFakeServer(t, func(f *fakeConn) {
				w.PlayerID, w.TickRate, w.SnapshotRate = 1, 60, 30
				f.send(f.enc.Welcome(&w))
				untilClosed(f)
			})
			_, err := client.Dial(context.Background(), url, &client.Options{Name: "x"})
			if err == nil || !strings.Contains(err.Error(), map[string]string{"mode": `mode "racing"`, "speed": "max_speed is 300"}[name]) {
				t.Fatalf("Dial error = %v", err)
			}
		})
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

// TestInputsTravelInBatches: inputs go two per message at 60 Hz ticks and
// 30 Hz snapshots, with consecutive seqs, the newest snapshot acknowledged
// and the render tick of each; every input is sent exactly once.
func TestInputsTravelInBatches(t *testing.T) {
	t.Parallel()
	got := make(chan netcode.Inputs, 16)
	left := make(chan bool, 1)
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(3)
		f.frame(&netcode.Frame{Tick: 120, Players: []netcode.PlayerState{{ID: 3, Flags: netcode.FlagAlive}}}, 0, nil, nil)
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
	s.Players(time.Now(), nil) // sets the render tick
	for i := range 8 {
		if err := s.SendInput(game.Input{MoveX: int8(i + 1)}); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			select {
			case m := <-got:
				t.Fatalf("a message after one input: %+v", m.Window())
			case <-time.After(20 * time.Millisecond):
			}
			continue
		}
		m := <-got
		w := m.Window()
		if len(w) != 2 {
			t.Fatalf("message %d: %d inputs, want 2", i/2+1, len(w))
		}
		for j, fr := range w {
			wantSeq := uint32(i + j)
			// Others are drawn a few ticks behind the newest snapshot.
			if fr.Seq != wantSeq || fr.Input.MoveX != int8(wantSeq) || fr.RenderTick > 120 || fr.RenderTick < 120-15 {
				t.Errorf("message %d input %d: %+v, want seq %d render tick 105..120", i/2+1, j, fr, wantSeq)
			}
		}
		if m.AckTick != 120 {
			t.Errorf("AckTick = %d, want 120", m.AckTick)
		}
	}
	waitFor(t, "the writer to count its messages", func() bool { return s.Stats().InputMessages == 4 })
	if st := s.Stats(); st.InputsSent != 8 || st.InputMessages != 4 {
		t.Errorf("InputsSent = %d, InputMessages = %d, want 8 and 4", st.InputsSent, st.InputMessages)
	}
	s.Close()
	select {
	case <-left:
	case <-time.After(5 * time.Second):
		t.Error("server got no Leave")
	}
}

// TestInputBurstLosesNothing sends inputs far faster than they can be
// written: whatever the writer is doing, the messages that arrive carry
// every input once, in order, each as many as fit.
func TestInputBurstLosesNothing(t *testing.T) {
	t.Parallel()
	got := make(chan netcode.Inputs, 256)
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(3)
		var m netcode.ClientMessage
		for f.recv(&m) == nil {
			if m.Type == netcode.MsgInput {
				got <- m.Input
			}
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, url, &client.Options{Name: "dave", InputBatch: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 200
	for i := range n {
		if err := s.SendInput(game.Input{MoveX: int8(i%127 + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	var next uint32 = 1
	timeout := time.After(5 * time.Second)
	for next <= n {
		select {
		case m := <-got:
			for _, fr := range m.Window() {
				if fr.Seq != next || fr.Input.MoveX != int8((fr.Seq-1)%127+1) {
					t.Fatalf("got seq %d (input %d), want seq %d next: an input lost or repeated", fr.Seq, fr.Input.MoveX, next)
				}
				next++
			}
		case <-timeout:
			t.Fatalf("only inputs up to seq %d arrived", next-1)
		}
	}
	if st := s.Stats(); st.InputsSent != n || st.InputMessages >= n {
		t.Errorf("InputsSent = %d, InputMessages = %d: want %d inputs in fewer messages", st.InputsSent, st.InputMessages, n)
	}
}

func TestEventsAndNames(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1, netcode.RosterEntry{ID: 1, Name: "me"})
		me := netcode.PlayerState{ID: 1, Flags: netcode.FlagAlive}
		f.frame(&netcode.Frame{Tick: 8, Players: []netcode.PlayerState{me}}, 0, nil, nil)
		f.frame(&netcode.Frame{Tick: 10, Players: []netcode.PlayerState{me, {ID: 2}}}, 0, []netcode.Event{
			{Kind: netcode.EventJoin, Tick: 9, Player: 2, Text: "zed"},
			{Kind: netcode.EventShot, Tick: 10, Player: 2, Other: 1, FromX: 10, FromY: 20, ToX: 320, ToY: 21},
			{Kind: 99, Tick: 10, Player: 2}, // a kind of a later version: skipped
		}, nil)
		f.frame(&netcode.Frame{Tick: 12, Players: []netcode.PlayerState{me}}, 0, []netcode.Event{
			{Kind: netcode.EventKill, Tick: 11, Player: 2, Other: 1},
			{Kind: netcode.EventChat, Tick: 11, Player: 2, Text: "gg"},
			{Kind: netcode.EventLeave, Tick: 12, Player: 2},
		}, nil)
		untilClosed(f)
	})
	s := dial(t, url, "me")
	var evs []client.Event
	waitFor(t, "5 events", func() bool {
		evs = s.DrainEvents(evs)
		return len(evs) >= 5
	})
	want := []client.Event{
		{Kind: client.EventJoin, Tick: 9, Player: 2, Name: "zed"},
		{Kind: client.EventShot, Tick: 10, Player: 2, Other: 1, Name: "zed", From: game.Vec2{X: 5, Y: 10}, To: game.Vec2{X: 160, Y: 10.5}},
		{Kind: client.EventKill, Tick: 11, Player: 2, Other: 1, Name: "zed", OtherName: "me"},
		{Kind: client.EventChat, Tick: 11, Player: 2, Name: "zed", Text: "gg"},
		{Kind: client.EventLeave, Tick: 12, Player: 2, Name: "zed"},
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

// TestPingMeasuresRTT: the Pong rides a snapshot with the time the server
// held the Ping, which the RTT does not count.
func TestPingMeasuresRTT(t *testing.T) {
	t.Parallel()
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1)
		var m netcode.ClientMessage
		tick := uint32(10)
		for f.recv(&m) == nil {
			if m.Type == netcode.MsgPing {
				time.Sleep(30 * time.Millisecond) // held by the server, not on the wire
				tick += 2
				f.frame(&netcode.Frame{Tick: tick, Players: []netcode.PlayerState{{ID: 1}}}, 0, nil,
					&netcode.Pong{ClientTime: m.Ping.ClientTime, HoldMicros: 30_000})
			}
		}
	})
	s := dial(t, url, "pinger")
	waitFor(t, "a pong", func() bool { return s.Stats().PongsReceived > 0 })
	st := s.Stats()
	if st.LastRTT <= 0 || st.LastRTT > 25*time.Millisecond || st.RTT != st.LastRTT {
		t.Errorf("RTT %v, LastRTT %v, want the wire time only (well under the 30 ms hold) and equal after one sample", st.RTT, st.LastRTT)
	}
}

func TestPlayersFromSnapshots(t *testing.T) {
	t.Parallel()
	alive := netcode.FlagAlive
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1, netcode.RosterEntry{ID: 1, Name: "me"}, netcode.RosterEntry{ID: 2, Name: "other"})
		for i := range 3 {
			f.frame(&netcode.Frame{Tick: uint32(10 + 2*i), Players: []netcode.PlayerState{
				{ID: 1, X: netcode.ToFixed(100 + float64(i)), Y: netcode.ToFixed(50), Health: 100, Flags: alive, RespawnTicks: 0},
				{ID: 2, X: netcode.ToFixed(200), Y: netcode.ToFixed(300), Health: 75, Flags: 0, RespawnTicks: 90, Kills: 3},
			}}, 0, nil, nil)
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
	if other.Local || other.Name != "other" || other.Alive || other.Pos != (game.Vec2{X: 200, Y: 300}) || other.Kills != 3 {
		t.Errorf("other = %+v", other)
	}
	if st := s.Stats(); st.FullSnapshots != 1 || st.SnapshotBytes.Own == 0 || st.SnapshotBytes.Header == 0 {
		t.Errorf("Stats = %+v, want 1 full snapshot and the bytes split", st)
	}
}

// TestBadDeltaEndsSession: a delta that does not apply to what the client
// holds (here: against a baseline it never received) ends the session with
// an error, and the client tells the server why.
func TestBadDeltaEndsSession(t *testing.T) {
	t.Parallel()
	closed := make(chan string, 1)
	url := newFakeServer(t, func(f *fakeConn) {
		f.welcome(1)
		me := netcode.PlayerState{ID: 1, Flags: netcode.FlagAlive}
		f.frame(&netcode.Frame{Tick: 10, Players: []netcode.PlayerState{me}}, 0, nil, nil)
		f.base = &netcode.Frame{Tick: 11, Players: []netcode.PlayerState{me}} // never sent
		f.frame(&netcode.Frame{Tick: 12, Players: []netcode.PlayerState{me}}, 0, nil, nil)
		for {
			if _, _, err := f.c.Read(f.ctx); err != nil {
				closed <- err.Error()
				return
			}
		}
	})
	s := dial(t, url, "x")
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("session did not end")
	}
	var ae *netcode.ApplyError
	if err := s.Err(); !errors.As(err, &ae) || !strings.Contains(ae.Reason, "baseline tick 11") {
		t.Fatalf("Err = %v, want an ApplyError about the baseline", err)
	}
	if got := <-closed; !strings.Contains(got, "4000") || !strings.Contains(got, "baseline tick 11") {
		t.Errorf("the server saw %q, want close 4000 with the reason", got)
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
