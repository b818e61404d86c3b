package bot

// The bench rule's bot (game.ModeBench, gameserver -mode bench): a random
// walk with random aim and random fire, as the rule prescribes, decided 30
// times a second and blind to the other players, so a swarm of thousands
// costs the machine little beside the server it measures.

import (
	"math"
	"math/rand/v2"

	"arena/client"
	"arena/game"
)

// The bench bot's schedule.
const (
	// BenchDecisionsPerSecond is how often a bench bot makes a new input:
	// aim, fire, and possibly a new direction.
	BenchDecisionsPerSecond = 30
	benchWalkMin            = 0.8 // seconds a direction is kept, at least
	benchWalkMax            = 1.2 // and at most (uniform in between)
	benchFireChance         = 0.5 // per decision
)

// BenchBot plays the bench rule: it walks in a uniformly random direction,
// a new one every 0.8-1.2 s (uniform), and makes 30 decisions a second,
// each with a uniformly random aim and fire with probability 1/2. The
// session makes one input per server tick (60 a second at the rule's 60
// Hz, sent two per Inputs message, 30 messages a second), so each decision
// is the input of two ticks: the player moves on every tick at the rule's
// speed. It is deterministic given its seed. Not safe for concurrent use.
type BenchBot struct {
	rng          *rand.Rand
	rate         float64 // Decide calls per second: the tick rate
	perDecision  int     // Decide calls per decision
	calls        int     // until the next decision
	walkTicks    int     // until the next direction
	moveX, moveY float64
	input        game.Input
}

// NewBench returns a bench bot deciding with seed, called tickRate times a
// second (0: game.BenchTickRate).
func NewBench(seed uint64, tickRate int) *BenchBot {
	if tickRate <= 0 {
		tickRate = game.BenchTickRate
	}
	return &BenchBot{
		rng:         rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		rate:        float64(tickRate),
		perDecision: max(1, int(math.Round(float64(tickRate)/BenchDecisionsPerSecond))),
	}
}

// Decide returns the input for this tick; the players are not looked at.
func (b *BenchBot) Decide([]client.PlayerView) game.Input {
	if b.walkTicks <= 0 {
		dir := b.rng.Float64() * 2 * math.Pi
		b.moveX, b.moveY = math.Cos(dir), math.Sin(dir)
		b.walkTicks = int(math.Round((benchWalkMin + b.rng.Float64()*(benchWalkMax-benchWalkMin)) * b.rate))
	}
	if b.calls <= 0 {
		b.input = game.MakeInput(b.moveX, b.moveY, b.rng.Float64()*2*math.Pi, b.rng.Float64() < benchFireChance)
		b.calls = b.perDecision
	}
	b.calls--
	b.walkTicks--
	return b.input
}

// Target returns 0: a bench bot aims at no one.
func (b *BenchBot) Target() game.PlayerID { return 0 }
