package server_test

import (
	"math"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
)

// TestTwoClientsMoveAndShoot: two clients share a room, one's inputs move
// it, both receive snapshots at about the snapshot rate, and one shoots the
// other.
func TestTwoClientsMoveAndShoot(t *testing.T) {
	// Not parallel: it measures a real-time rate, so it runs before the
	// parallel tests instead of competing with them for the CPU.
	srv, _, url := startServer(t, nil)
	a := join(t, url, "alice")
	b := join(t, url, "bob")
	if a.welcome.RoomID != b.welcome.RoomID {
		t.Fatalf("rooms differ: %q and %q", a.welcome.RoomID, b.welcome.RoomID)
	}
	if a.welcome.TickRate != 60 || a.welcome.SnapshotRate != 30 || a.welcome.Map != "test" || a.welcome.Mode != "arena" {
		t.Fatalf("Welcome = %+v", a.welcome)
	}
	aID, bID := a.welcome.PlayerID, b.welcome.PlayerID
	waitFor(t, 2*time.Second, "both players in a snapshot", func() bool {
		_, okA := a.other(bID)
		_, okB := b.other(aID)
		return okA && okB
	})
	start := a.own()

	// Move alice down for a while, counting snapshots over one second.
	tick := time.NewTicker(time.Second / 60)
	defer tick.Stop()
	a0, b0 := a.snapshotCount(), b.snapshotCount()
	t0 := time.Now()
	for time.Since(t0) < time.Second {
		<-tick.C
		a.sendInput(game.MakeInput(0, 1, 0, false))
	}
	elapsed := time.Since(t0)
	checkSnapshotRate(t, "alice", a, a0, a.snapshotCount(), elapsed, 60, 30)
	checkSnapshotRate(t, "bob", b, b0, b.snapshotCount(), elapsed, 60, 30)
	// Stop and let the last inputs land.
	for range 10 {
		<-tick.C
		a.sendInput(game.MakeInput(0, 0, 0, false))
	}
	waitFor(t, 2*time.Second, "alice's movement in bob's snapshots", func() bool {
		p, _ := b.other(aID)
		return netcode.FromRemote(p.Y) > netcode.FromFixed(start.Y)+16
	})
	moved := a.own()
	if dx := math.Abs(float64(moved.X - start.X)); dx > 2*netcode.PositionScale {
		t.Errorf("alice moved %v units sideways, want straight down", dx/netcode.PositionScale)
	}
	if ack := a.lastAck(); ack == 0 {
		t.Errorf("AckSeq still 0 after inputs")
	}

	// Aim at bob from the positions in the snapshot and hold fire.
	deadline := time.Now().Add(5 * time.Second)
	hit := false
	for !hit && time.Now().Before(deadline) {
		<-tick.C
		pa := a.own()
		pb, _ := a.other(bID)
		aim := math.Atan2(netcode.FromRemote(pb.Y)-netcode.FromFixed(pa.Y), netcode.FromRemote(pb.X)-netcode.FromFixed(pa.X))
		a.sendInput(game.MakeInput(0, 0, aim, true))
		hit = b.own().Health < game.MaxHealth && b.sawShot(aID, bID)
	}
	if !hit {
		t.Fatalf("bob not hit: health %d, shots %v", b.own().Health, b.eventsOf(netcode.EventShot))
	}
	if n := srv.Metrics().Joins.Load(); n != 2 {
		t.Errorf("Joins = %d, want 2", n)
	}
}

func (c *client) lastAck() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.view.AckSeq
}

func (c *client) sawShot(shooter, target game.PlayerID) bool {
	for _, s := range c.eventsOf(netcode.EventShot) {
		if s.Player == shooter && s.Other == target {
			return true
		}
	}
	return false
}
