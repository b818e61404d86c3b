package model

// The winner screen's words and order: who won, the final board, and what
// comes next.

import (
	"fmt"
	"time"
)

// Winner is what the winner screen shows, made by NewWinner once the
// match has ended.
type Winner struct {
	Title string     // "Ada wins", "You win", "Draw: Ada and Bob", "Match over"
	Rows  []ScoreRow // the final board in order, ranked
	Local *ScoreRow  // the local player's row in Rows, nil when not on the board
}

// NewWinner orders the final scores (rows in any order; it sorts and
// ranks them in place) and names the winner: the players ranked first.
// More than one first is a draw.
func NewWinner(rows []ScoreRow) Winner {
	SortScores(rows)
	RankRows(rows)
	w := Winner{Rows: rows, Title: "Match over"}
	for i := range rows {
		if rows[i].Local {
			w.Local = &rows[i]
		}
	}
	firsts := 0
	for _, r := range rows {
		if r.Rank == 1 {
			firsts++
		}
	}
	switch {
	case len(rows) == 0:
	case firsts == 1 && rows[0].Local:
		w.Title = "You win!"
	case firsts == 1:
		w.Title = rows[0].Name + " wins"
	case firsts == 2:
		w.Title = "Draw: " + rows[0].Name + " and " + rows[1].Name
	default:
		w.Title = fmt.Sprintf("Draw between %d players", firsts)
	}
	return w
}

// Placing is the local player's line under the title: "You placed 2nd of
// 6", or "" when not on the board.
func (w *Winner) Placing() string {
	if w.Local == nil {
		return ""
	}
	return fmt.Sprintf("You placed %s of %d", Ordinal(w.Local.Rank), len(w.Rows))
}

// NextLine is the line under the board: the next map and how soon it
// starts, counted down in whole seconds rounded up.
func NextLine(nextMap string, in time.Duration) string {
	secs := CountdownNumber(in)
	switch {
	case nextMap == "" && secs == 0:
		return "Next match starting…"
	case nextMap == "":
		return fmt.Sprintf("Next match in %d s", secs)
	case secs == 0:
		return "Next map: " + nextMap + ", starting…"
	}
	return fmt.Sprintf("Next map: %s in %d s", nextMap, secs)
}

// Ordinal is n as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
