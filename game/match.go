package game

// Timed matches: a World given a MatchConfig plays a cycle of matches, each
// a countdown, a timed playing phase and an intermission with the frozen
// scoreboard, then the next match on the next map of a rotation. Everything
// is counted in ticks of the World, so the cycle is as deterministic as the
// rest of the simulation.

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Phase is where a match is in its cycle.
type Phase uint8

// Phases of a match. PhaseNone is a World without a match cycle: one
// endless match on one map, as a World without Config.Match plays.
const (
	PhaseNone Phase = iota
	// PhaseCountdown: players are on the match's map and may move, aim
	// and fire, but nobody takes damage (everyone is spawn-protected until
	// the phase ends), so scores stay 0.
	PhaseCountdown
	// PhasePlaying: the match proper; kills count.
	PhasePlaying
	// PhaseEnded: the scoreboard is frozen (nobody takes damage) and
	// MatchState has the winner and the final scores.
	PhaseEnded
)

// String returns the phase's name as docs/protocol.md spells it.
func (p Phase) String() string {
	switch p {
	case PhaseNone:
		return "none"
	case PhaseCountdown:
		return "countdown"
	case PhasePlaying:
		return "playing"
	case PhaseEnded:
		return "ended"
	}
	return fmt.Sprintf("phase(%d)", uint8(p))
}

// Match cycle defaults and bounds.
const (
	DefaultCountdown    = 5 * time.Second
	DefaultMatchLength  = 5 * time.Minute
	DefaultIntermission = 10 * time.Second
	MaxCountdown        = time.Minute
	MaxMatchLength      = 2 * time.Hour
	MaxIntermission     = time.Minute
	MaxRotation         = 32 // maps in a rotation
)

// MatchConfig turns on timed matches (Config.Match). Zero durations take
// the defaults above.
type MatchConfig struct {
	// Maps is the rotation: match n plays Maps[(n-1) % len(Maps)]. At least
	// one, at most MaxRotation; a map may appear more than once.
	Maps []*Map
	// Countdown, Length and Intermission are how long the countdown,
	// playing and ended phases last, each rounded to whole ticks (at least
	// one).
	Countdown, Length, Intermission time.Duration
}

// Score is one line of a final scoreboard.
type Score struct {
	ID                   PlayerID
	Kills, Deaths, Score int
}

// MatchState is the state of a World's match cycle.
type MatchState struct {
	Phase Phase
	// Number counts the matches, 1 for the first.
	Number uint32
	// Map is the map this match plays (the World's Map).
	Map *Map
	// Start is the tick of the Step that entered the phase (0 for the
	// first countdown); End the tick of the Step that leaves it. The phase
	// has End − Tick() ticks to go.
	Start, End uint32
	// Winner is, once ended, the player with the highest score (fewest
	// deaths break a tie); 0 when the best two tie on both or nobody played.
	Winner PlayerID
	// Scores is, once ended, every player present at the end of the
	// playing phase, best first (score, then fewer deaths, then lower id).
	// Owned by the World; it does not change until the next match.
	Scores []Score
}

// MatchRules is the optional interface of Rules with a match cycle and
// maps that change: *World implements it. A Rules whose Match().Phase is
// PhaseNone plays one endless match on one map.
type MatchRules interface {
	Rules
	// Match returns the state of the match cycle; its Scores are owned by
	// the Rules.
	Match() MatchState
	// Map returns the map being played now.
	Map() *Map
}

var _ MatchRules = (*World)(nil)

// EventPhase (a game Event kind) says that the Step entered a new phase;
// Match() has the details. When the phase is a countdown after the first,
// the map, the scores and every player's position changed in that Step too
// (each respawned, with an EventSpawn).
const EventPhase EventKind = 16

// matchCycle is a World's match state. Owned by the World.
type matchCycle struct {
	rotation []*Map
	ticks    [4]uint32 // length of each phase, by Phase
	state    MatchState
}

// newMatchCycle checks cfg and returns the cycle at the first countdown.
func newMatchCycle(cfg *MatchConfig, tickRate int) (*matchCycle, error) {
	if len(cfg.Maps) == 0 {
		return nil, errors.New("game: MatchConfig.Maps is empty")
	}
	if len(cfg.Maps) > MaxRotation {
		return nil, fmt.Errorf("game: MatchConfig.Maps has %d maps, want at most %d", len(cfg.Maps), MaxRotation)
	}
	for i, m := range cfg.Maps {
		if m == nil || len(m.Spawns) == 0 {
			return nil, fmt.Errorf("game: MatchConfig.Maps[%d] is nil or has no spawn points", i)
		}
	}
	c := &matchCycle{rotation: cfg.Maps}
	for _, d := range []struct {
		phase    Phase
		name     string
		v, def   time.Duration
		maxValue time.Duration
	}{
		{PhaseCountdown, "Countdown", cfg.Countdown, DefaultCountdown, MaxCountdown},
		{PhasePlaying, "Length", cfg.Length, DefaultMatchLength, MaxMatchLength},
		{PhaseEnded, "Intermission", cfg.Intermission, DefaultIntermission, MaxIntermission},
	} {
		v := d.v
		if v == 0 {
			v = d.def
		}
		if v < 0 || v > d.maxValue {
			return nil, fmt.Errorf("game: MatchConfig.%s %v out of range 0..%v", d.name, d.v, d.maxValue)
		}
		c.ticks[d.phase] = uint32(max(1, int64(v.Seconds()*float64(tickRate)+0.5)))
	}
	c.state = MatchState{Phase: PhaseCountdown, Number: 1, Map: cfg.Maps[0], End: c.ticks[PhaseCountdown]}
	return c, nil
}

// Match returns the state of the World's match cycle: Phase is PhaseNone
// for a World without Config.Match. Scores are owned by the World.
func (w *World) Match() MatchState {
	if w.match == nil {
		return MatchState{Map: w.m}
	}
	return w.match.state
}

// advanceMatch moves the cycle to its next phase when this Step (w.tick)
// ends the current one, and reports whether the map changed: then every
// player has respawned on it and the Step simulates no commands.
func (w *World) advanceMatch() (newMap bool) {
	c := w.match
	st := &c.state
	if w.tick < st.End {
		return false
	}
	st.Start = w.tick
	switch st.Phase {
	case PhaseCountdown:
		st.Phase = PhasePlaying
		for _, p := range w.players {
			p.ProtectTicks = 0 // the countdown's protection ends with it
		}
	case PhasePlaying:
		st.Phase = PhaseEnded
		w.finalScores()
		w.protectAll()
	default: // PhaseEnded: the next match
		st.Phase = PhaseCountdown
		st.Number++
		st.Map = c.rotation[(st.Number-1)%uint32(len(c.rotation))]
		st.Winner, st.Scores = 0, st.Scores[:0]
		newMap = true
	}
	st.End = w.tick + c.ticks[st.Phase]
	w.events = append(w.events, Event{Kind: EventPhase})
	if newMap {
		w.m = st.Map
		w.resetEntities()
		w.respawnAll()
	}
	return newMap
}

// finalScores freezes the scoreboard and picks the winner.
func (w *World) finalScores() {
	st := &w.match.state
	st.Scores = st.Scores[:0]
	for _, p := range w.players {
		st.Scores = append(st.Scores, Score{ID: p.ID, Kills: p.Kills, Deaths: p.Deaths, Score: p.Score})
	}
	sort.SliceStable(st.Scores, func(i, j int) bool {
		a, b := st.Scores[i], st.Scores[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Deaths < b.Deaths // ids ascend already: the sort is stable
	})
	st.Winner = 0
	if s := st.Scores; len(s) == 1 || (len(s) > 1 && (s[0].Score != s[1].Score || s[0].Deaths != s[1].Deaths)) {
		st.Winner = s[0].ID
	}
}

// protectAll protects every living player until the phase ends.
func (w *World) protectAll() {
	for _, p := range w.players {
		if p.Alive {
			p.ProtectTicks = max(p.ProtectTicks, w.match.protectUntilEnd(w.tick))
		}
	}
}

// respawnAll starts a match: scores reset, and every player respawns on
// the new map, in ID order, each choosing its spawn among those already
// placed.
func (w *World) respawnAll() {
	for _, p := range w.players {
		p.Alive = false
		p.Kills, p.Deaths, p.Score = 0, 0, 0
	}
	for _, p := range w.players {
		w.spawn(p)
		w.events = append(w.events, Event{Kind: EventSpawn, Actor: p.ID, From: p.Pos, To: p.Pos})
	}
}

// protectUntilEnd is the ProtectTicks that covers every Step from fire
// (the first Step whose shots must miss the player) to the end of a
// countdown or ended phase: protection counts down once per Step, after
// its shots. 0 while playing.
func (c *matchCycle) protectUntilEnd(fire uint32) int {
	if c.state.Phase == PhasePlaying || c.state.End <= fire {
		return 0
	}
	return int(c.state.End - fire)
}

// spawnProtectTicks is the ProtectTicks of a player spawning now: the
// spawn protection, or the rest of a countdown or ended phase if longer.
func (w *World) spawnProtectTicks() int {
	t := w.ticks(SpawnProtection)
	if w.match == nil {
		return t
	}
	fire := w.tick + 1 // AddPlayer, between Steps: the next Step's shots
	if w.stepping {
		fire = w.tick // inside Step, before its shots
	}
	return max(t, w.match.protectUntilEnd(fire))
}

// maxSpawns returns the most spawn points of any map m plays.
func maxSpawns(first *Map, match *MatchConfig) int {
	n := len(first.Spawns)
	if match != nil {
		for _, m := range match.Maps {
			n = max(n, len(m.Spawns))
		}
	}
	return n
}
