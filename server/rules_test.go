package server_test

import (
	"sync/atomic"
	"testing"
	"time"

	"arena/game"
	"arena/server"
)

// countingRules is the arena shooter with a count of Steps, standing for
// another game mode plugged in through Config.Rules.
type countingRules struct {
	*game.World
	steps *atomic.Int64
}

func (r countingRules) Step() {
	r.steps.Add(1)
	r.World.Step()
}

// TestConfigRulesDrivesRooms checks that rooms play the Rules the Config
// names, not a hard-wired World.
func TestConfigRulesDrivesRooms(t *testing.T) {
	t.Parallel()
	var steps atomic.Int64
	var made atomic.Int64
	_, _, url := startServer(t, func(cfg *server.Config) {
		cfg.Rules = func(gc game.Config) (game.Rules, error) {
			made.Add(1)
			w, err := game.NewWorld(gc)
			return countingRules{World: w, steps: &steps}, err
		}
	})
	c := join(t, url, "mode")
	defer c.ws.CloseNow()
	deadline := time.Now().Add(5 * time.Second)
	for steps.Load() < 30 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if made.Load() != 1 {
		t.Errorf("Rules made %d matches, want 1 (one room)", made.Load())
	}
	if steps.Load() < 30 {
		t.Fatalf("the room stepped the configured Rules %d times in 5 s, want >= 30", steps.Load())
	}
}
