package model

// The winner screen's words and order: who won, the final board, and what
// comes next.

import (
	"fmt"
	"time"

	"arena/client"
	"arena/game"
)

// Winner is what the winner screen shows, made by NewWinner once the
// match has ended.
type Winner struct {
	Title string     // "Ada wins", "You win!", "Draw: Ada and Bob", "Match over"
	Rows  []ScoreRow // the final board, best first, ranked
	Local *ScoreRow  // the local player's row in Rows, nil when not on the board
}

// FinalRows appends to dst the rows of a final scoreboard, lines in the
// server's order (best first); local is the local player, bot says who
// is a bot (nil: nobody).
func FinalRows(dst []ScoreRow, lines []client.ScoreLine, local game.PlayerID, bot func(game.PlayerID) bool) []ScoreRow {
	for _, l := range lines {
		name := l.Name
		if name == "" {
			name = fmt.Sprintf("player %d", l.ID)
		}
		dst = append(dst, ScoreRow{ID: l.ID, Name: name, Kills: l.Kills, Deaths: l.Deaths, Score: l.Score,
			Local: l.ID == local, Bot: bot != nil && bot(l.ID)})
	}
	return dst
}

// NewWinner makes the winner screen from the final board (rows best
// first, as the server ordered them: score, then fewer deaths) and the
// server's winner (0: the best two tie, or nobody played). Rows that tie
// on score and deaths share a rank.
func NewWinner(rows []ScoreRow, winner game.PlayerID) Winner {
	for i := range rows {
		r := &rows[i]
		r.Rank = i + 1
		if i > 0 && rows[i-1].Score == r.Score && rows[i-1].Deaths == r.Deaths {
			r.Rank = rows[i-1].Rank
		}
	}
	w := Winner{Rows: rows, Title: "Match over"}
	firsts := 0
	for i := range rows {
		if rows[i].Local {
			w.Local = &rows[i]
		}
		if rows[i].Rank == 1 {
			firsts++
		}
	}
	for i := range rows {
		if winner != 0 && rows[i].ID == winner {
			if rows[i].Local {
				w.Title = "You win!"
			} else {
				w.Title = rows[i].Name + " wins"
			}
			return w
		}
	}
	switch {
	case winner != 0 || len(rows) < 2:
	case firsts == 2:
		w.Title = "Draw: " + rows[0].Name + " and " + rows[1].Name
	case firsts > 2:
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
