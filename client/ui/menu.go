package ui

// Drawing the menus: buttons as model.Menu places them, and text fields.

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client/ui/model"
)

// drawMenu draws m's buttons: the focused one lit in the accent color,
// disabled ones dim.
func drawMenu(dst *ebiten.Image, f *fonts, m *model.Menu) {
	for i, it := range m.Items {
		drawButton(dst, f, it, i == m.Focus)
	}
}

// drawButton draws one button with its label centred.
func drawButton(dst *ebiten.Image, f *fonts, it model.MenuItem, focused bool) {
	r := it.Rect
	bg, fg, edge := rgb(colorFloor), rgb(colorText), rgb(colorWall)
	switch {
	case it.Disabled:
		fg = rgb(colorDim)
	case focused:
		bg, edge = rgb(colorWall), rgb(colorAccent)
	}
	vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), bg, true)
	vector.StrokeRect(dst, float32(r.X)+1, float32(r.Y)+1, float32(r.W)-2, float32(r.H)-2, 2, edge, true)
	if focused && !it.Disabled {
		fillRect(dst, r.X+10, r.Y+r.H/2-6, 4, 12, rgb(colorAccent)) // a marker for who cannot tell colors
	}
	drawText(dst, it.Label, f.normal, r.X+r.W/2, r.Y+(r.H-24)/2, text.AlignCenter, fg)
}

// drawField draws a text field's box at (cx, y), centred, with its text
// and a blinking caret.
func drawField(dst *ebiten.Image, f *fonts, cx, y, w float64, s string, caret bool) {
	const h = 52
	fillRect(dst, cx-w/2, y, w, h, rgb(colorFloor))
	fillRect(dst, cx-w/2, y+h-2, w, 2, rgb(colorAccent))
	drawText(dst, s, f.large, cx, y+8, text.AlignCenter, rgb(colorText))
	if caret { // it sits after the centered text
		x := cx + text.Advance(s, f.large)/2 + 3
		fillRect(dst, x, y+12, 2, 32, rgb(colorAccent))
	}
}

// caretOn says whether a caret blinking since start shows at now: half of
// each second.
func caretOn(start, now time.Time) bool { return now.Sub(start)%time.Second < time.Second/2 }

// footer draws the server URL at the bottom of a menu scene.
func footer(dst *ebiten.Image, g *Game) {
	drawText(dst, "server "+g.cfg.ServerURL, g.fonts.small, ScreenWidth/2, ScreenHeight-32, text.AlignCenter, rgb(colorDim))
}
