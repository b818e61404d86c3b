package model

import (
	"cmp"
	"slices"
	"strings"

	"arena/client"
	"arena/game"
)

// ScoreRow is one line of the scoreboard.
type ScoreRow struct {
	ID                   game.PlayerID
	Name                 string
	Kills, Deaths, Score int
	Local                bool // the local player
	Bot                  bool // a server-side bot (marked on the board)
	Rank                 int  // 1 for the best; equal scores share a rank (set by RankRows)
}

// ScoreRows appends the players' rows to dst in scoreboard order.
func ScoreRows(dst []ScoreRow, players []client.PlayerView) []ScoreRow {
	for _, p := range players {
		dst = append(dst, ScoreRow{ID: p.ID, Name: p.Name, Kills: p.Kills, Deaths: p.Deaths, Score: p.Score, Local: p.Local, Bot: p.Bot})
	}
	SortScores(dst)
	RankRows(dst)
	return dst
}

// RankRows sets the Rank of rows already in scoreboard order: rows with
// the same score, kills and deaths share a rank, and the next rank skips
// as many ("1, 1, 3").
func RankRows(rows []ScoreRow) {
	for i := range rows {
		r := &rows[i]
		if i > 0 {
			p := &rows[i-1]
			if p.Score == r.Score && p.Kills == r.Kills && p.Deaths == r.Deaths {
				r.Rank = p.Rank
				continue
			}
		}
		r.Rank = i + 1
	}
}

// SortScores orders rows by score, then kills (both descending), then deaths
// (ascending), then name and id, so the order is stable between frames.
func SortScores(rows []ScoreRow) {
	slices.SortFunc(rows, func(a, b ScoreRow) int {
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(b.Kills, a.Kills),
			cmp.Compare(a.Deaths, b.Deaths),
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			cmp.Compare(a.ID, b.ID),
		)
	})
}
