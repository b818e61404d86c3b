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
	if a.welcome.TickRate != 60 || a.welcome.SnapshotRate != 30 || a.welcome.Map != "test" {
		t.Fatalf("Welcome = %+v", a.welcome)
	}
	aID, bID := a.welcome.PlayerID, b.welcome.PlayerID
	waitFor(t, 2*time.Second, "both players in a snapshot", func() bool {
		_, okA := a.player(bID)
		_, okB := b.player(aID)
		return okA && okB
	})
	start, _ := a.player(aID)

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
		p, _ := b.player(aID)
		return p.Y > start.Y+16*netcode.PositionScale
	})
	moved, _ := a.player(aID)
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
		pa, _ := a.player(aID)
		pb, _ := a.player(bID)
		aim := math.Atan2(float64(pb.Y-pa.Y), float64(pb.X-pa.X))
		a.sendInput(game.MakeInput(0, 0, aim, true))
		p, _ := b.player(bID)
		hit = p.Health < game.MaxHealth && b.sawShot(aID, bID)
	}
	if !hit {
		p, _ := b.player(bID)
		t.Fatalf("bob not hit: health %d, shots %v", p.Health, b.shotList())
	}
	if n := srv.Metrics().Joins.Load(); n != 2 {
		t.Errorf("Joins = %d, want 2", n)
	}
}

func (c *client) lastAck() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last.AckSeq
}

func (c *client) sawShot(shooter, target game.PlayerID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.shots {
		if s.Shooter == shooter && s.Target == target {
			return true
		}
	}
	return false
}

func (c *client) shotList() []netcode.Shot {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]netcode.Shot(nil), c.shots...)
}
