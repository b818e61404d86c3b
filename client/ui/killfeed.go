package ui

// The kill feed: who killed whom, with what, newest at the bottom, fading
// out; a line of the local player's on a brighter panel; new lines slide
// in from the right.

import (
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// killIconW is the room the weapon icon takes between killer and victim.
const killIconW = 44

func (s *playScene) drawKillFeed(v *view, r model.Rect) {
	f := v.f.normal
	y := r.Y
	for i := range s.fx.Kills {
		l := &s.fx.Kills[i]
		a := model.KillAlpha(l, s.now)
		w := lineWidth(v, l, f)
		if l.Kill {
			w += killIconW
		}
		x := r.Right() - w - 12 + (w+24)*model.KillSlide(l, s.now)
		bg := withAlpha(rgb(colorPanel), 0.55*a)
		if l.Mine {
			bg = withAlpha(rgb(0x3a2f12), 0.85*a)
		}
		v.rect(x-6, y-3, w+12, 26, bg)
		if l.Mine {
			v.rect(x-6, y-3, 3, 26, withAlpha(rgb(colorAccent), a))
		}
		if !l.Kill {
			s.drawLine(v, l, x, y, a)
		} else {
			s.drawPart(v, l.Parts[0], x, y, a)
			x += v.advance(l.Parts[0].Text, f)
			drawKillIcon(v, l.Weapon, float32(x+killIconW/2), float32(y+10), a)
			s.drawPart(v, l.Parts[2], x+killIconW, y, a)
		}
		y += 30
	}
}

// drawKillIcon is the weapon a kill was made with, small, centred on
// (x, y); the blaster when the event does not say.
func drawKillIcon(v *view, w model.Weapon, x, y, a float32) {
	if w == model.WeaponUnknown {
		w = model.WeaponBlaster
	}
	drawWeaponIcon(v, w, x, y, 0.8, a)
}

// lineWidth is the width of a feed line's text.
func lineWidth(v *view, l *model.FeedLine, face text.Face) float64 {
	w := 0.0
	for _, p := range l.Parts {
		w += v.advance(p.Text, face)
	}
	return w
}

// drawLine draws a feed line's parts from (x, y) at opacity a.
func (s *playScene) drawLine(v *view, l *model.FeedLine, x, y float64, a float32) {
	for _, p := range l.Parts {
		s.drawPart(v, p, x, y, a)
		x += v.advance(p.Text, v.f.normal)
	}
}

// drawPart draws one part of a feed line at (x, y), in its player's colour.
func (s *playScene) drawPart(v *view, p model.LinePart, x, y float64, a float32) {
	if p.Text == "" {
		return
	}
	c := rgb(colorText)
	if p.Who != 0 {
		c = playerColor(p.Who)
	}
	v.text(p.Text, v.f.normal, x, y, text.AlignStart, withAlpha(c, a))
}
