package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
	"arena/server"
)

// TestFlooderCostsOthersNothing: one client floods valid Inputs as fast as
// it can while an honest client in the same room sends two inputs per
// snapshot it receives. No honest input is lost to the flood: the flooder
// fills only its own buffer, and the honest player ends exactly where its
// inputs, every one simulated in order, take it.
func TestFlooderCostsOthersNothing(t *testing.T) {
	// Not parallel: the flood takes the machine for 3 s, which would starve
	// the parallel tests' real-time waits. The message limits are off: the
	// test is of the input buffer's isolation under a sustained flood, which
	// the rate limit would otherwise cut after a second (ratelimit_test.go).
	srv, _, url := startServer(t, func(c *server.Config) { c.Limits.MessagesPerSec, c.Limits.BytesPerSec = -1, -1 })
	honest := join(t, url, "honest")
	flooder := join(t, url, "flooder")
	if honest.welcome.RoomID != flooder.welcome.RoomID {
		t.Fatal("not in the same room")
	}
	gm, err := game.ParseMap("maps/test.json", gametest.DuelJSON())
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 2*time.Second, "a snapshot", func() bool { return honest.snapshotCount() > 0 })
	start := honest.own() // no input of its own yet: where it spawned

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	flooded := make(chan int)
	go func() {
		enc := netcode.NewEncoder()
		var m netcode.Inputs
		seq, sent := uint32(0), 0
		for ctx.Err() == nil {
			m.N = netcode.MaxInputWindow
			for i := range m.N {
				seq++
				// Running and firing upwards, away from the honest player.
				m.Frames[i] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: 127, Aim: 49152, Buttons: game.ButtonFire}}
			}
			if err := flooder.ws.Write(ctx, websocket.MessageBinary, enc.Inputs(&m)); err != nil {
				break
			}
			sent++
		}
		flooded <- sent
	}()

	// The honest client: two inputs for every snapshot, the rate the
	// server consumes them at, walking down and left.
	var made []game.Input
	seen := honest.snapshotCount()
	for ctx.Err() == nil {
		if n := honest.snapshotCount(); n > seen {
			seen = n
			for _, in := range []game.Input{{MoveX: -127}, {MoveY: 127}} {
				honest.sendInput(in)
				made = append(made, in)
			}
			continue
		}
		time.Sleep(time.Millisecond)
	}
	sent := <-flooded
	last := honest.seq
	waitFor(t, 5*time.Second, "every honest input consumed", func() bool {
		honest.mu.Lock()
		defer honest.mu.Unlock()
		return honest.view.AckSeq == last
	})
	var p game.Player
	start.ApplyTo(&p)
	for _, in := range made {
		game.SimulateCommand(gm, &p, in, 1.0/game.DefaultTickRate, 15)
	}
	want, got := netcode.PlayerStateOf(&p), honest.own()
	if got.X != want.X || got.Y != want.Y || got.VX != want.VX || got.VY != want.VY {
		t.Fatalf("the honest player is at (%d,%d) v(%d,%d); its %d inputs, all simulated, take it to (%d,%d) v(%d,%d): the flood cost it inputs",
			got.X, got.Y, got.VX, got.VY, len(made), want.X, want.Y, want.VX, want.VY)
	}
	if overflow := srv.Metrics().InputsOverflow.Load(); overflow == 0 || sent < 100 {
		t.Fatalf("the flood (%d messages) overflowed nothing (%d): the test did not flood", sent, overflow)
	}
	honest.mu.Lock()
	held := 0
	for _, st := range honest.steps {
		if st == 0 {
			held++
		}
	}
	honest.mu.Unlock()
	t.Logf("flooder sent %d messages (%d inputs), %d dropped from its own buffer; honest: %d inputs, all simulated (%d held ticks)",
		sent, sent*netcode.MaxInputWindow, srv.Metrics().InputsOverflow.Load(), last, held)
}

// TestAcksDoNotChooseBaselines: a delta's baseline is the last snapshot the
// server wrote, whatever the client acknowledges, so a client acking a
// tick long gone, or one it never received, still gets deltas that apply.
func TestAcksDoNotChooseBaselines(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	c := join(t, url, "liar")
	waitFor(t, 2*time.Second, "a few snapshots", func() bool { return c.snapshotCount() >= 3 })
	enc := netcode.NewEncoder()
	for i, ack := range []uint32{1, c.ackTick() - 1, 0, c.ackTick()} {
		var m netcode.Inputs
		m.AckTick, m.N = ack, 1
		m.Frames[0] = netcode.InputFrame{Seq: uint32(i + 1), RenderTick: ack}
		write(t, c.ws, enc.Inputs(&m))
	}
	n := c.snapshotCount()
	waitFor(t, 10*time.Second, "more snapshots", func() bool { return c.snapshotCount() >= n+10 })
	if err := c.closed(); err != nil {
		t.Fatalf("closed: %v", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.full != 1 {
		t.Errorf("%d full snapshots, want only the first", c.full)
	}
}
