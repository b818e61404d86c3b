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
}

// ScoreRows appends the players' rows to dst in scoreboard order.
func ScoreRows(dst []ScoreRow, players []client.PlayerView) []ScoreRow {
	for _, p := range players {
		dst = append(dst, ScoreRow{ID: p.ID, Name: p.Name, Kills: p.Kills, Deaths: p.Deaths, Score: p.Score, Local: p.Local})
	}
	SortScores(dst)
	return dst
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
