package model_test

import (
	"slices"
	"testing"
	"time"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

func TestFinalRowsAndWinner(t *testing.T) {
	t.Parallel()
	lines := []client.ScoreLine{ // the server's order: score, then fewer deaths
		{ID: 2, Name: "Ada", Score: 7, Kills: 7, Deaths: 1},
		{ID: 3, Name: "Bot Kestrel", Score: 3, Kills: 3, Deaths: 2},
		{ID: 1, Name: "me", Score: 3, Kills: 3, Deaths: 2},
		{ID: 4, Name: "", Score: 1, Kills: 2, Deaths: 4},
	}
	rows := model.FinalRows(nil, lines, 1, func(id game.PlayerID) bool { return id == 3 })
	w := model.NewWinner(rows, 2)
	if w.Title != "Ada wins" {
		t.Errorf("title %q, want Ada wins", w.Title)
	}
	var order []string
	var ranks []int
	for _, r := range w.Rows {
		order = append(order, r.Name)
		ranks = append(ranks, r.Rank)
	}
	if got, want := order, []string{"Ada", "Bot Kestrel", "me", "player 4"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want the server's %v (a missing name named by id)", got, want)
	}
	if got, want := ranks, []int{1, 2, 2, 4}; !slices.Equal(got, want) {
		t.Errorf("ranks %v, want %v (ties on score and deaths share)", got, want)
	}
	if !w.Rows[1].Bot || w.Rows[0].Bot || !w.Rows[2].Local {
		t.Errorf("flags: %+v", w.Rows)
	}
	if w.Local == nil || w.Local.Name != "me" || w.Placing() != "You placed 2nd of 4" {
		t.Errorf("local row %+v placing %q", w.Local, w.Placing())
	}
}

func TestNewWinnerLocalAndDraws(t *testing.T) {
	t.Parallel()
	w := model.NewWinner([]model.ScoreRow{{ID: 1, Name: "me", Score: 2, Local: true}, {ID: 2, Name: "Ada", Score: 1}}, 1)
	if w.Title != "You win!" || w.Placing() != "You placed 1st of 2" {
		t.Errorf("a local win: %q, %q", w.Title, w.Placing())
	}
	w = model.NewWinner([]model.ScoreRow{{ID: 1, Name: "Ada", Score: 2}, {ID: 2, Name: "Bob", Score: 2}}, 0)
	if w.Title != "Draw: Ada and Bob" {
		t.Errorf("a draw: %q", w.Title)
	}
	w = model.NewWinner([]model.ScoreRow{{ID: 1, Name: "a"}, {ID: 2, Name: "b"}, {ID: 3, Name: "c"}}, 0)
	if w.Title != "Draw between 3 players" || w.Placing() != "" {
		t.Errorf("three-way draw: %q, placing %q", w.Title, w.Placing())
	}
	if w := model.NewWinner(nil, 0); w.Title != "Match over" {
		t.Errorf("no one: %q", w.Title)
	}
	// The winner left before the board was drawn: no name to give.
	if w := model.NewWinner([]model.ScoreRow{{ID: 2, Name: "Bob", Score: 1}}, 9); w.Title != "Match over" {
		t.Errorf("an absent winner: %q", w.Title)
	}
}

func TestNextLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m    string
		in   time.Duration
		want string
	}{
		{"dust", 7200 * time.Millisecond, "Next map: dust in 8 s"},
		{"dust", 0, "Next map: dust, starting…"},
		{"", 3 * time.Second, "Next match in 3 s"},
		{"", 0, "Next match starting…"},
	}
	for _, tt := range tests {
		if got := model.NextLine(tt.m, tt.in); got != tt.want {
			t.Errorf("NextLine(%q, %v) = %q, want %q", tt.m, tt.in, got, tt.want)
		}
	}
}

func TestOrdinal(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := model.Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
