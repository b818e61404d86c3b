package ui

// The scoreboard (Tab held) and the board drawn on the winner screen:
// rank, name (bots marked), kills, deaths, score, and ping where known
// (the session measures only its own).

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

const scoreRowH = 30.0

func (s *playScene) drawScoreboard(v *view, sw, sh float64) {
	const w = 640.0
	h := 70 + scoreRowH*float64(len(s.rows))
	x, y := (sw-w)/2, math.Max(40, (sh-h)/2)
	v.rect(x, y, w, h, withAlpha(rgb(0x05070a), 0.88))
	v.rect(x, y, w, 3, rgb(colorAccent))
	s.drawBoard(v, s.rows, x, y+14, w, s.stats.RTT.Milliseconds())
}

// drawBoard draws rows (already ranked) under a header from (x, y), w
// wide; localPing is the ping shown on the local player's row.
func (s *playScene) drawBoard(v *view, rows []model.ScoreRow, x, y, w float64, localPing int64) {
	f := v.f.normal
	cols := [...]float64{x + 40, x + 70, x + w - 280, x + w - 200, x + w - 120, x + w - 24} // rank (right), name, kills, deaths, score, ping (right edges for numbers)
	head := rgb(colorDim)
	v.text("#", f, cols[0], y, text.AlignEnd, head)
	v.text("Player", f, cols[1], y, text.AlignStart, head)
	v.text("Kills", f, cols[2], y, text.AlignEnd, head)
	v.text("Deaths", f, cols[3], y, text.AlignEnd, head)
	v.text("Score", f, cols[4], y, text.AlignEnd, head)
	v.text("Ping", f, cols[5], y, text.AlignEnd, head)
	ry := y + 36
	for _, r := range rows {
		if r.Local {
			v.rect(x+8, ry-3, w-16, scoreRowH-2, withAlpha(rgb(0xffffff), 0.09))
		}
		rankC := rgb(colorText)
		if r.Rank == 1 {
			rankC = rgb(colorAccent)
		}
		v.text(fmt.Sprint(r.Rank), f, cols[0], ry, text.AlignEnd, rankC)
		v.circlef(float32(cols[1]+6), float32(ry+11), 6, playerColor(r.ID), true)
		v.text(r.Name, f, cols[1]+20, ry, text.AlignStart, rgb(colorText))
		if r.Bot {
			tx := cols[1] + 28 + v.advance(r.Name, f)
			v.rect(tx, ry+3, 36, 18, withAlpha(rgb(colorDim), 0.3))
			v.text("BOT", v.f.small, tx+18, ry+4, text.AlignCenter, rgb(colorDim))
		}
		v.text(fmt.Sprint(r.Kills), f, cols[2], ry, text.AlignEnd, rgb(colorText))
		v.text(fmt.Sprint(r.Deaths), f, cols[3], ry, text.AlignEnd, rgb(colorText))
		v.text(fmt.Sprint(r.Score), f, cols[4], ry, text.AlignEnd, rgb(colorAccent))
		ping := "—"
		if r.Local && localPing > 0 {
			ping = fmt.Sprint(localPing)
		} else if r.Bot {
			ping = "bot"
		}
		v.text(ping, f, cols[5], ry, text.AlignEnd, rgb(colorDim))
		ry += scoreRowH
	}
}
