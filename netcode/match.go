package netcode

import (
	"math"

	"arena/game"
)

// The match cycle on the wire: Welcome's match element and the match event
// carry one record, [phase, number, start_tick, end_tick, map, winner,
// scores], scores as [id, kills, deaths, score] lines (docs/protocol.md,
// "Matches").

// Phases of Match.Phase: the values of game.Phase.
const (
	PhaseCountdown = uint8(game.PhaseCountdown)
	PhasePlaying   = uint8(game.PhasePlaying)
	PhaseEnded     = uint8(game.PhaseEnded)
)

// matchFields is the element count of a match record.
const matchFields = 7

// minScoreBytes is the smallest encoding of a score line: a fixarray
// header and four one-byte integers.
const minScoreBytes = 1 + 4

// Match is a room's match cycle: the phase it is in and, once ended, the
// winner and the final scoreboard.
type Match struct {
	Phase  uint8  // PhaseCountdown, PhasePlaying or PhaseEnded
	Number uint32 // 1 for the room's first match
	// Start is the tick the phase began at, End the tick the next one
	// begins at: the phase has End − tick ticks left at a tick.
	Start, End uint32
	Map        string        // the map the match plays (<= MaxMapBytes)
	Winner     game.PlayerID // ended: the winner, 0 = a draw or nobody
	Scores     []Score       // ended: the final scoreboard, best first (<= MaxPlayers)
}

// Score is one line of a final scoreboard.
type Score struct {
	ID            game.PlayerID
	Kills, Deaths uint16
	Score         int16
}

// MatchOf returns the wire form of a game's match state, or nil for
// game.PhaseNone (no match cycle). Integers are clamped to their wire types.
func MatchOf(st game.MatchState) *Match {
	if st.Phase == game.PhaseNone {
		return nil
	}
	m := &Match{Phase: uint8(st.Phase), Number: st.Number, Start: st.Start, End: st.End, Winner: st.Winner}
	if st.Map != nil {
		m.Map = st.Map.Name
	}
	if len(st.Scores) > 0 {
		m.Scores = make([]Score, 0, min(len(st.Scores), MaxPlayers))
		for _, s := range st.Scores[:min(len(st.Scores), MaxPlayers)] {
			m.Scores = append(m.Scores, Score{
				ID:     s.ID,
				Kills:  uint16(clamp(s.Kills, 0, math.MaxUint16)),
				Deaths: uint16(clamp(s.Deaths, 0, math.MaxUint16)),
				Score:  int16(clamp(s.Score, math.MinInt16, math.MaxInt16)),
			})
		}
	}
	return m
}

// match writes m's record, or [] for nil (no match cycle).
func (e *Encoder) match(m *Match) {
	if m == nil {
		e.array(0)
		return
	}
	scores := m.Scores[:min(len(m.Scores), MaxPlayers)]
	e.array(matchFields)
	e.uint(uint64(m.Phase))
	e.uint(uint64(m.Number))
	e.uint(uint64(m.Start))
	e.uint(uint64(m.End))
	e.str(m.Map, MaxMapBytes)
	e.uint(uint64(m.Winner))
	e.array(len(scores))
	for _, s := range scores {
		e.array(4)
		e.uint(uint64(s.ID))
		e.uint(uint64(s.Kills))
		e.uint(uint64(s.Deaths))
		e.int(int64(s.Score))
	}
}

// match reads a record written by Encoder.match: nil for [].
func (d *Decoder) match(field string) (*Match, error) {
	n, err := d.arrayLen(field, 0, matchFields, 1)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	if n != matchFields {
		return nil, d.fail(field, "length %d, want 0 or %d", n, matchFields)
	}
	m := &Match{}
	if m.Phase, err = d.u8("phase"); err != nil {
		return nil, err
	}
	if m.Phase < PhaseCountdown || m.Phase > PhaseEnded {
		return nil, d.fail("phase", "is %d, want 1..3", m.Phase)
	}
	if m.Number, err = d.u32("number"); err != nil {
		return nil, err
	}
	if m.Number == 0 {
		return nil, d.fail("number", "is 0")
	}
	if m.Start, err = d.u32("start_tick"); err != nil {
		return nil, err
	}
	if m.End, err = d.u32("end_tick"); err != nil {
		return nil, err
	}
	if m.End < m.Start {
		return nil, d.fail("end_tick", "%d < start_tick %d", m.End, m.Start)
	}
	if m.Map, err = d.str("map", MaxMapBytes); err != nil {
		return nil, err
	}
	if m.Winner, err = d.playerID("winner"); err != nil {
		return nil, err
	}
	ns, err := d.arrayLen("scores", 0, MaxPlayers, minScoreBytes)
	if err != nil {
		return nil, err
	}
	if ns > 0 {
		m.Scores = make([]Score, 0, ns)
	}
	for i := range ns {
		d.enter("scores", i)
		if err = d.record(4); err != nil {
			return nil, err
		}
		var s Score
		if s.ID, err = d.nonZeroPlayerID("id"); err != nil {
			return nil, err
		}
		if s.Kills, err = d.u16("kills"); err != nil {
			return nil, err
		}
		if s.Deaths, err = d.u16("deaths"); err != nil {
			return nil, err
		}
		if s.Score, err = d.i16("score"); err != nil {
			return nil, err
		}
		m.Scores = append(m.Scores, s)
	}
	d.leaveList()
	return m, nil
}
