package client

// The match cycle as a session sees it: Welcome's match and the match
// events, and the map change they bring (docs/protocol.md, "Matches").

import (
	"fmt"
	"time"

	"arena/game"
	"arena/netcode"
)

// EventMatch is the Event of a new match phase (DrainEvents): Text is the
// phase's name ("countdown", "playing", "ended"), Player the winner when
// ended; Session.Match has the rest.
const EventMatch EventKind = 16

// MatchInfo is the room's match cycle as the session knows it: a plain
// value. Phase is game.PhaseNone when the room plays one endless match.
type MatchInfo struct {
	Phase  game.Phase
	Number uint32 // 1 for the room's first match
	Map    string // the map the match plays (Session.Map has it loaded)
	// StartTick and EndTick are the server ticks the phase began and ends
	// at; TicksLeft is EndTick minus the newest snapshot's tick (0 once
	// past it), TickRate the server's ticks per second.
	StartTick, EndTick uint32
	TicksLeft          int
	TickRate           int
	// Winner (0: a draw, or nobody played) and Scores, best first, are set
	// once the match has ended; they stay until the next countdown.
	Winner     game.PlayerID
	WinnerName string
	Scores     []ScoreLine
}

// ScoreLine is one player's line of a final scoreboard. Name is as the
// session knew it when the match ended.
type ScoreLine struct {
	ID                   game.PlayerID
	Name                 string
	Kills, Deaths, Score int
}

// Remaining returns the time left in the phase at the newest snapshot.
func (m MatchInfo) Remaining() time.Duration {
	if m.TickRate <= 0 {
		return 0
	}
	return time.Duration(m.TicksLeft) * time.Second / time.Duration(m.TickRate)
}

// Length returns how long the phase lasts in all.
func (m MatchInfo) Length() time.Duration {
	if m.TickRate <= 0 || m.EndTick < m.StartTick {
		return 0
	}
	return time.Duration(m.EndTick-m.StartTick) * time.Second / time.Duration(m.TickRate)
}

// Match returns the room's match cycle now. It may be called concurrently;
// the Scores slice is the caller's.
func (s *Session) Match() MatchInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	mi := s.match
	mi.Map = s.welcome.Map
	mi.TickRate = s.tickRate()
	if mi.Phase != game.PhaseNone && mi.EndTick > s.stats.ServerTick {
		mi.TicksLeft = int(mi.EndTick - s.stats.ServerTick)
	}
	if s.stats.ServerTick == 0 && mi.EndTick > s.welcome.ServerTick {
		mi.TicksLeft = int(mi.EndTick - s.welcome.ServerTick)
	}
	mi.Scores = append([]ScoreLine(nil), mi.Scores...)
	return mi
}

// Map returns the map being played now: Welcome's, then the one each new
// match moves to. It may be called concurrently; the map is shared.
func (s *Session) Map() *game.Map {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m
}

// matchLocked takes a match record (Welcome's or a match event's) and, when
// it names another map, loads it and moves the prediction onto it. The
// caller holds mu.
func (s *Session) matchLocked(m *netcode.Match) error {
	if m == nil {
		s.match = MatchInfo{}
		return nil
	}
	mi := MatchInfo{
		Phase: game.Phase(m.Phase), Number: m.Number, StartTick: m.Start, EndTick: m.End,
		Winner: m.Winner, WinnerName: s.names[m.Winner],
	}
	for _, l := range m.Scores {
		mi.Scores = append(mi.Scores, ScoreLine{ID: l.ID, Name: s.names[l.ID], Kills: int(l.Kills), Deaths: int(l.Deaths), Score: int(l.Score)})
	}
	s.match = mi
	if m.Map == "" || m.Map == s.welcome.Map {
		return nil
	}
	gm, err := s.maps.Load(m.Map)
	if err != nil {
		return fmt.Errorf("new match: %w", err)
	}
	s.log.Debug("map changed", "from", s.welcome.Map, "to", m.Map, "match", m.Number)
	s.welcome.Map = m.Map
	s.m = gm
	s.pred.m = gm
	return nil
}

// matchEventsLocked applies the match events of snap before its own state
// is reconciled, so the prediction replays on the map the server simulated
// them on. The caller holds mu.
func (s *Session) matchEventsLocked(snap *netcode.Snapshot) error {
	for i := range snap.Events {
		if e := &snap.Events[i]; e.Kind == netcode.EventMatch {
			if err := s.matchLocked(e.Match); err != nil {
				return err
			}
		}
	}
	return nil
}

// matchEvent is the Event DrainEvents gives for a match event.
func matchEvent(e *netcode.Event) Event {
	return Event{Kind: EventMatch, Tick: e.Tick, Player: e.Match.Winner, Text: game.Phase(e.Match.Phase).String()}
}

// MatchInfoOf returns a game's match state as a MatchInfo, at tick of a
// World running at tickRate, with names from name (nil: none): what a Feed
// that steps a World itself (a replay) returns from Match.
func MatchInfoOf(st game.MatchState, tick uint32, tickRate int, name func(game.PlayerID) string) MatchInfo {
	if name == nil {
		name = func(game.PlayerID) string { return "" }
	}
	mi := MatchInfo{Phase: st.Phase, Number: st.Number, StartTick: st.Start, EndTick: st.End, TickRate: tickRate, Winner: st.Winner}
	if st.Phase == game.PhaseNone {
		mi.StartTick, mi.EndTick = 0, 0
	}
	if st.Map != nil {
		mi.Map = st.Map.Name
	}
	if mi.Phase != game.PhaseNone && mi.EndTick > tick {
		mi.TicksLeft = int(mi.EndTick - tick)
	}
	if st.Winner != 0 {
		mi.WinnerName = name(st.Winner)
	}
	for _, s := range st.Scores {
		mi.Scores = append(mi.Scores, ScoreLine{ID: s.ID, Name: name(s.ID), Kills: s.Kills, Deaths: s.Deaths, Score: s.Score})
	}
	return mi
}
