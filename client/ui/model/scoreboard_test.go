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

func TestScoreRowsMarkBotsAndRank(t *testing.T) {
	t.Parallel()
	rows := model.ScoreRows(nil, []client.PlayerView{
		{ID: 1, Name: "Bot Kestrel", Score: 4, Kills: 4, Bot: true},
		{ID: 2, Name: "ada", Score: 4, Kills: 4},
		{ID: 3, Name: "bob", Score: 1, Kills: 1},
	})
	for _, r := range rows {
		if r.Bot != (r.ID == 1) {
			t.Errorf("%s: bot %v, want only Bot Kestrel marked", r.Name, r.Bot)
		}
	}
	if rows[0].Rank != 1 || rows[1].Rank != 1 || rows[2].Rank != 3 {
		t.Errorf("ranks %d %d %d, want 1 1 3", rows[0].Rank, rows[1].Rank, rows[2].Rank)
	}
}
