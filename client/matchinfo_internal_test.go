package client

import (
	"testing"

	"arena/game"
)

func TestMatchInfoOf(t *testing.T) {
	t.Parallel()
	names := map[game.PlayerID]string{4: "ada", 5: "bob"}
	st := game.MatchState{Phase: game.PhaseEnded, Number: 2, Map: &game.Map{Name: "expanse"}, Start: 100, End: 700, Winner: 4,
		Scores: []game.Score{{ID: 4, Kills: 3, Score: 3}, {ID: 5, Deaths: 3}}}
	mi := MatchInfoOf(st, 400, 60, func(id game.PlayerID) string { return names[id] })
	if mi.Phase != game.PhaseEnded || mi.Map != "expanse" || mi.TicksLeft != 300 || mi.Remaining().Seconds() != 5 || mi.Length().Seconds() != 10 ||
		mi.WinnerName != "ada" || len(mi.Scores) != 2 || mi.Scores[1].Name != "bob" || mi.Scores[1].Deaths != 3 {
		t.Errorf("MatchInfoOf = %+v", mi)
	}
	if mi := MatchInfoOf(game.MatchState{}, 5, 60, nil); mi.Phase != game.PhaseNone || mi.TicksLeft != 0 || mi.Remaining() != 0 {
		t.Errorf("no match cycle: %+v", mi)
	}
}
