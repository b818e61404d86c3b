package ui

// The winner screen, over the match once it has ended: who won, where you
// placed, the final board, and the next map with its countdown.

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
	"arena/game"
)

func (s *playScene) drawWinner(v *view, sw, sh float64) {
	if s.match.phase != game.PhaseEnded {
		return
	}
	w := &s.winner
	v.rect(0, 0, sw, sh, withAlpha(rgb(0x000000), 0.6))
	const pw = 680.0
	ph := 190 + scoreRowH*float64(len(w.Rows)) + 50
	x, y := (sw-pw)/2, math.Max(20, (sh-ph)/2)
	v.rect(x, y, pw, ph, withAlpha(rgb(0x0a0d13), 0.94))
	v.rect(x, y, pw, 4, rgb(colorAccent))

	c := rgb(colorAccent)
	if len(w.Rows) > 0 && w.Rows[0].Rank == 1 && !w.Rows[0].Local {
		c = lighten(playerColor(w.Rows[0].ID), 0.3)
	}
	v.text("MATCH OVER", v.f.small, sw/2, y+18, text.AlignCenter, rgb(colorDim))
	v.text(w.Title, v.f.huge, sw/2, y+34, text.AlignCenter, c)
	if p := w.Placing(); p != "" {
		v.text(p, v.f.normal, sw/2, y+122, text.AlignCenter, rgb(colorText))
	}
	s.drawBoard(v, w.Rows, x, y+160, pw, s.stats.RTT.Milliseconds())
	line := model.NextLine(s.match.nextMap, s.match.left)
	v.text(line, v.f.large, sw/2, y+ph-46, text.AlignCenter, rgb(colorAccent))
}
