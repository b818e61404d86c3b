package ui

// The match clock (top centre) and, before a match, the countdown big in
// the middle of the screen.

import (
	"fmt"
	"time"

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

func (s *playScene) drawTimer(v *view, r model.Rect, sw, sh float64) {
	mv := &s.match
	if mv.phase == game.PhaseNone {
		return
	}
	s.hudPanel(v, r)
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
	v.text(clock, v.f.large, r.X+r.W/2, r.Y+2, text.AlignCenter, c)
	v.text(label, v.f.small, r.X+r.W/2, r.Y+40, text.AlignCenter, rgb(colorDim))

	if mv.phase == game.PhaseCountdown {
		n := model.CountdownNumber(mv.left)
		if n <= 0 {
			return
		}
		k := model.CountdownPulse(mv.left)
		op := &text.DrawOptions{}
		op.GeoM.Scale(k, k)
		x, y := v.pt(sw/2, sh/2-60*k)
		op.GeoM.Translate(float64(x), float64(y))
		op.ColorScale.ScaleWithColor(rgb(colorAccent))
		op.PrimaryAlign = text.AlignCenter
		text.Draw(v.dst, fmt.Sprint(n), v.f.huge, op)
		v.text("get ready", v.f.large, sw/2, sh/2+40, text.AlignCenter, rgb(colorText))
	}
}
