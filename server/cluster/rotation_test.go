package cluster_test

import (
	"context"
	"testing"
	"time"

	"arena/client"
)

// TestQuickPlayAcrossRotation: with timed matches on a rotation, quick play
// through another process finds a room after its map changed (the
// processes are not told apart by map, which every room changes).
func TestQuickPlayAcrossRotation(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	args := []string{"-redis", rs.addr, "-min-players", "0", "-match-length", "1s", "-countdown", "100ms",
		"-intermission", "100ms", "-maps", "arena,warrens,warrens,warrens"}
	a := startGameserver(t, "a", append(args, "-process-id", "a")...)
	b := startGameserver(t, "b", append(args, "-process-id", "b")...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, a.ws, &client.Options{Name: "first"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Matches of 1.2 s: warrens from 1.2 s to 4.8 s after the room opened.
	waitFor(t, 10*time.Second, "a's room listed on warrens", func() bool {
		for _, r := range b.rooms("") {
			if r.Process == "a" && r.Map == "warrens" {
				return true
			}
		}
		return false
	})
	if p := b.match(""); p.URL != a.ws || p.Room != s.Info().Room {
		t.Errorf("b's /match = %+v, want a's room %s on warrens at %s", p, s.Info().Room, a.ws)
	}
}
