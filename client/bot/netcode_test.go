//go:build !js

package bot_test

// The netcode over a bad link: 150 ms round trip, 20 ms of jitter and 2%
// of writes stalled by a retransmission, each bot's own link impaired.

import (
	"context"
	"testing"
	"time"

	"arena/client/bot"
	"arena/netcode/impair"
)

// badLink is gamebot -latency 75ms -jitter 10ms -loss 0.02.
func badLink() impair.Config {
	l := impair.Link{Latency: 75 * time.Millisecond, Jitter: 10 * time.Millisecond, Loss: 0.02}
	return impair.Config{Up: l, Down: l, Seed: 7}
}

func swarm(t *testing.T, cfg bot.SwarmConfig) bot.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Duration+30*time.Second)
	defer cancel()
	r, err := bot.Swarm(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report: %s", r.Summary())
	if err := r.Failed(); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestLoneWalkerPredictsExactlyOverABadLink: a bot alone in the arena,
// walking about through stalls in both directions, never sees its
// prediction disagree with the server: the server simulates each of its
// inputs once, however late it arrives.
func TestLoneWalkerPredictsExactlyOverABadLink(t *testing.T) {
	t.Parallel()
	url := startArena(t)
	r := swarm(t, bot.SwarmConfig{URL: url, Bots: 1, Duration: 12 * time.Second, Seed: 3, Impair: badLink()})
	if r.PredictionsChecked < 250 {
		t.Fatalf("only %d predictions checked in 12 s", r.PredictionsChecked)
	}
	if r.MispredictionsPerMin != 0 || r.CorrectionUnitsP99 >= 1 {
		t.Errorf("mispredictions %.2f/min, corrections p99 %.3f units: want 0 and under 1", r.MispredictionsPerMin, r.CorrectionUnitsP99)
	}
	if r.SnapshotGapP99Ms < 150 {
		t.Errorf("snapshot gap p99 %.0f ms: the link did not stall", r.SnapshotGapP99Ms)
	}
}
