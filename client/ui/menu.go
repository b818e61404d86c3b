package ui

// Drawing the menus: buttons as model.Menu places them, and text fields.

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// drawMenu draws m's buttons: the focused one lit in the accent color,
// disabled ones dim.
func drawMenu(v *view, m *model.Menu) {
	for i, it := range m.Items {
		drawButton(v, it, i == m.Focus)
	}
}

// drawButton draws one button with its label centred.
func drawButton(v *view, it model.MenuItem, focused bool) {
	r := it.Rect
	bg, fg, edge := rgb(colorFloor), rgb(colorText), rgb(colorWall)
	switch {
	case it.Disabled:
		fg = rgb(colorDim)
	case focused:
		bg, edge = rgb(colorWall), rgb(colorAccent)
	}
	v.rect(r.X, r.Y, r.W, r.H, bg)
	v.strokeRect(r.X+1, r.Y+1, r.W-2, r.H-2, 2, edge)
	if focused && !it.Disabled {
		v.rect(r.X+10, r.Y+r.H/2-6, 4, 12, rgb(colorAccent)) // a marker for who cannot tell colors
	}
	v.text(it.Label, v.f.normal, r.X+r.W/2, r.Y+(r.H-24)/2, text.AlignCenter, fg)
}

// drawField draws a text field's box at (cx, y), centred, with its text
// and a blinking caret.
func drawField(v *view, cx, y, w float64, s string, caret bool) {
	const h = 52
	v.rect(cx-w/2, y, w, h, rgb(colorFloor))
	v.rect(cx-w/2, y+h-2, w, 2, rgb(colorAccent))
	v.text(s, v.f.large, cx, y+8, text.AlignCenter, rgb(colorText))
	if caret { // it sits after the centered text
		x := cx + v.advance(s, v.f.large)/2 + 3
		v.rect(x, y+12, 2, 32, rgb(colorAccent))
	}
}

// caretOn says whether a caret blinking since start shows at now: half of
// each second.
func caretOn(start, now time.Time) bool { return now.Sub(start)%time.Second < time.Second/2 }

// footer draws the server URL at the bottom of a menu scene.
func footer(v *view, g *Game) {
	v.text("server "+g.cfg.ServerURL, v.f.small, ScreenWidth/2, ScreenHeight-32, text.AlignCenter, rgb(colorDim))
}
