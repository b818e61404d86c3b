package ui

// The match clock (top centre) and, before a match, the countdown big in
// the middle of the screen.

import (
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
	"arena/game"
)

// matchView is what the HUD shows of the match, taken from the feed
// each Update.
type matchView struct {
	phase   game.Phase    // game.PhaseNone: the room plays one endless match, no clock
	left    time.Duration // until the phase ends
	mapName string
	nextMap string // on ended: the map the next match is on, when known
}

func (s *playScene) drawTimer(screen *ebiten.Image, r model.Rect, sw, sh float64) {
	mv := &s.match
	if mv.phase == game.PhaseNone {
		return
	}
	panel(screen, r.X, r.Y, r.W, r.H)
	c := rgb(colorText)
	label := mv.mapName
	switch mv.phase {
	case game.PhaseCountdown:
		label = "starting · " + mv.mapName
		c = rgb(colorAccent)
	case game.PhaseEnded:
		label = "match over"
		c = rgb(colorDim)
	default:
		if model.ClockUrgent(mv.left) {
			c = rgb(colorBad)
		}
	}
	clock := model.MatchClock(mv.left)
	if mv.phase == game.PhaseEnded {
		clock = "0:00"
	}
	drawText(screen, clock, s.fonts.large, r.X+r.W/2, r.Y+2, text.AlignCenter, c)
	drawText(screen, label, s.fonts.small, r.X+r.W/2, r.Y+40, text.AlignCenter, rgb(colorDim))

	if mv.phase == game.PhaseCountdown {
		n := model.CountdownNumber(mv.left)
		if n <= 0 {
			return
		}
		k := model.CountdownPulse(mv.left)
		op := &text.DrawOptions{}
		op.GeoM.Scale(k, k)
		op.GeoM.Translate(sw/2, sh/2-60*k)
		op.ColorScale.ScaleWithColor(rgb(colorAccent))
		op.PrimaryAlign = text.AlignCenter
		text.Draw(screen, fmt.Sprint(n), s.fonts.huge, op)
		drawText(screen, "get ready", s.fonts.large, sw/2, sh/2+40, text.AlignCenter, rgb(colorText))
	}
}
