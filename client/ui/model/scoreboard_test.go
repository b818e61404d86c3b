package model_test

import (
	"testing"

	"arena/client"
	"arena/client/ui/model"
)

func TestScoreRowsOrder(t *testing.T) {
	t.Parallel()
	players := []client.PlayerView{
		{ID: 1, Name: "carol", Kills: 2, Deaths: 1, Score: 2},
		{ID: 2, Name: "alice", Kills: 5, Deaths: 3, Score: 5, Local: true},
		{ID: 3, Name: "bob", Kills: 2, Deaths: 0, Score: 2},
		{ID: 4, Name: "Dave", Kills: 3, Deaths: 0, Score: 2},
		{ID: 5, Name: "erin", Kills: 2, Deaths: 1, Score: 2},
		{ID: 6, Name: "erin", Kills: 2, Deaths: 1, Score: 2},
	}
	rows := model.ScoreRows(nil, players)
	var got []uint16
	for _, r := range rows {
		got = append(got, uint16(r.ID))
	}
	// score desc; then kills desc (Dave); then deaths asc (bob); then name, then id.
	want := []uint16{2, 4, 3, 1, 5, 6}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
	if !rows[0].Local || rows[1].Local {
		t.Error("local flag not carried")
	}
}
