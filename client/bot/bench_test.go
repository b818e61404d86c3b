//go:build !js

package bot_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"arena/client/bot"
	"arena/game"
	"arena/server"
)

// TestBenchBotSchedule checks the bench bot's inputs over 60 s at 60 Hz:
// a new input every 2 ticks (30 a second), a full-length stick, a new
// direction every 0.8-1.2 s, fire in about half the decisions, aims all
// over the circle, and the same inputs from the same seed.
func TestBenchBotSchedule(t *testing.T) {
	const ticks = 60 * 60
	b, again := bot.NewBench(9, 60), bot.NewBench(9, 60)
	var prev game.Input
	decisions, fires, changes := 0, 0, 0
	lastTurn, minWalk, maxWalk := 0, ticks, 0
	var aimOctants [8]int
	for i := range ticks {
		in := b.Decide(nil)
		if in != again.Decide(nil) {
			t.Fatal("two bench bots with the same seed decided differently")
		}
		if l := math.Hypot(float64(in.MoveX), float64(in.MoveY)); math.Abs(l-127) > 1.5 {
			t.Fatalf("tick %d: stick length %v, want a full push (127)", i, l)
		}
		if i%2 == 1 {
			if in != prev {
				t.Fatalf("tick %d: the input changed between the two ticks of a decision", i)
			}
			continue
		}
		decisions++
		if in.Fire() {
			fires++
		}
		aimOctants[in.Aim/8192]++
		if i > 0 && (in.MoveX != prev.MoveX || in.MoveY != prev.MoveY) {
			if changes > 0 {
				minWalk, maxWalk = min(minWalk, i-lastTurn), max(maxWalk, i-lastTurn)
			}
			changes++
			lastTurn = i
		}
		prev = in
	}
	if decisions != 30*60 {
		t.Errorf("%d decisions in 60 s, want 1800", decisions)
	}
	if frac := float64(fires) / float64(decisions); math.Abs(frac-0.5) > 0.05 {
		t.Errorf("fire in %.2f of decisions, want 0.5", frac)
	}
	// Directions last 48..72 ticks, seen at decision boundaries (2 ticks).
	if changes < 45 || changes > 80 || minWalk < 48 || maxWalk > 74 {
		t.Errorf("%d direction changes, each %d..%d ticks apart; want about 60, 48..72", changes, minWalk, maxWalk)
	}
	for o, n := range aimOctants {
		if n < decisions/16 {
			t.Errorf("aim octant %d got %d of %d decisions: not uniform", o, n, decisions)
		}
	}
}

// startBench runs the real server playing the bench rule, as gameserver
// -mode bench configures it, and returns its ws:// URL.
func startBench(t *testing.T) string {
	t.Helper()
	_, url := startBenchServer(t)
	return url
}

// startBenchServer is startBench that also returns the server.
func startBenchServer(t *testing.T) (*server.Server, string) {
	t.Helper()
	return startServerWith(t, server.Config{Rules: game.NewBench, MapName: game.BenchMapName,
		RoomCapacity: game.BenchRoomSize, TickRate: game.BenchTickRate, SnapshotRate: 30})
}

// TestBenchSwarmPlaysTheRule: a full room of bench bots over real
// WebSockets plays the rule: they shoot and hit, and send 60 inputs a
// second in 30 messages.
func TestBenchSwarmPlaysTheRule(t *testing.T) {
	url := startBench(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := bot.Swarm(ctx, bot.SwarmConfig{URL: url, Bots: 16, Duration: 5 * time.Second, Seed: 2, Mode: game.ModeBench})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report: %+v", r)
	if r.Connected != 16 || r.Failed() != nil {
		t.Fatalf("connected %d: %v", r.Connected, r.Failed())
	}
	if r.Shots == 0 || r.Hits == 0 || r.Hits == r.Shots {
		t.Errorf("%d shots, %d hits: want some shots to hit and some to find no one within 300", r.Shots, r.Hits)
	}
	// A shot every 30 commands at most, fire half the time: under 2 a second.
	if perBot := float64(r.Shots) / 16 / r.DurationS; perBot > 2.05 || perBot < 1 {
		t.Errorf("%.2f shots a second per bot, want about 1.9", perBot)
	}
	if r.InputsPerSPerBot < 50 || r.InputMessagesPerSPerBot < 25 || r.InputMessagesPerSPerBot > 35 {
		t.Errorf("%.1f inputs/s in %.1f messages/s per bot, want 60 in 30", r.InputsPerSPerBot, r.InputMessagesPerSPerBot)
	}
}

// TestBenchBotsPredictExactly: bench bots predict their own players with
// the rule (game.PredictMode) and are never corrected, since nothing but
// a player's own inputs moves it. A few bots, so the machine keeps up:
// a client starved of CPU falls behind and the server's jitter buffer
// then drops an input of its standing queue, which is a misprediction
// whatever the rule. Such drops are counted by the server: a misprediction
// beyond them is the rule's (seen in make test, where the package's other
// tests share the CPU: one trim and one misprediction per bot).
func TestBenchBotsPredictExactly(t *testing.T) {
	srv, url := startBenchServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := bot.Swarm(ctx, bot.SwarmConfig{URL: url, Bots: 4, Duration: 6 * time.Second, Seed: 3, Mode: game.ModeBench})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report: %+v", r)
	if r.Connected != 4 || r.Failed() != nil {
		t.Fatalf("connected %d: %v", r.Connected, r.Failed())
	}
	if r.PredictionsChecked < 4*150 {
		t.Errorf("%d predictions checked, want over 600", r.PredictionsChecked)
	}
	// At most one misprediction in the 0.4 bot-minutes of the run beyond
	// the inputs the server dropped unsimulated.
	m := srv.Metrics()
	dropped := float64(m.InputsTrimmed.Load() + m.InputsOverflow.Load())
	if mispredicted := r.MispredictionsPerMin * 4 * r.DurationS / 60; mispredicted > dropped+1.01 {
		t.Errorf("%.1f mispredictions (%.2f a minute per bot) with %.0f inputs dropped by the server, want none beyond those",
			mispredicted, r.MispredictionsPerMin, dropped)
	} else if mispredicted > 0.5 {
		t.Logf("%.1f mispredictions, %.0f inputs dropped by the server's jitter buffer", mispredicted, dropped)
	}
}

// TestBenchBotsNeedABenchServer: bench bots against the arena say why.
func TestBenchBotsNeedABenchServer(t *testing.T) {
	t.Parallel()
	url := startArena(t)
	r, err := bot.Swarm(context.Background(), bot.SwarmConfig{URL: url, Bots: 2, Duration: time.Second, Mode: game.ModeBench})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors != 2 || len(r.FirstErrors) == 0 || !strings.Contains(r.FirstErrors[0], "gameserver -mode bench") {
		t.Errorf("errors %d %v, want 2 naming gameserver -mode bench", r.Errors, r.FirstErrors)
	}
	if _, err := bot.Swarm(context.Background(), bot.SwarmConfig{URL: url, Mode: "tag"}); err == nil {
		t.Error("mode tag: no error")
	}
}
