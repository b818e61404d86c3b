package ui

// Drawing the touch controls: two stick rings and a weapon button,
// semi-transparent, once the screen has been touched.

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client/ui/model"
)

// Where the touch buttons sit (logical pixels): the weapon button above
// the right stick's usual place, the menu button top right.
var (
	touchWeaponButton = model.Rect{X: ScreenWidth - 150, Y: ScreenHeight - 270, W: 110, H: 64}
	touchMenuButton   = model.Rect{X: ScreenWidth - 80, Y: 16, W: 64, H: 44}
)

// drawTouchControls draws the sticks where fingers hold them (or a hint of
// where to put them) and the buttons.
func drawTouchControls(dst *ebiten.Image, f *fonts, t *model.TouchSticks) {
	if !t.Seen {
		return
	}
	ring := withAlpha(rgb(colorText), 0.25)
	knob := withAlpha(rgb(colorAccent), 0.45)
	stick := func(s *model.VirtualStick, hintX, hintY float64) {
		cx, cy, kx, ky := hintX, hintY, hintX, hintY
		if s.Active {
			cx, cy, kx, ky = s.CenterX, s.CenterY, s.KnobX, s.KnobY
		}
		vector.StrokeCircle(dst, float32(cx), float32(cy), model.TouchStickRadius, 3, ring, true)
		vector.StrokeCircle(dst, float32(cx), float32(cy), model.TouchStickRadius*model.FireThreshold, 1, withAlpha(ring, 0.6), true)
		vector.DrawFilledCircle(dst, float32(kx), float32(ky), 32, knob, true)
	}
	stick(&t.Left, 170, ScreenHeight-150)
	stick(&t.Right, ScreenWidth-170, ScreenHeight-150)
	for _, b := range []struct {
		r     model.Rect
		label string
	}{{t.Button, "weapon"}, {touchMenuButton, "menu"}} {
		vector.DrawFilledRect(dst, float32(b.r.X), float32(b.r.Y), float32(b.r.W), float32(b.r.H), withAlpha(rgb(colorPanel), 0.35), true)
		vector.StrokeRect(dst, float32(b.r.X), float32(b.r.Y), float32(b.r.W), float32(b.r.H), 2, ring, true)
		drawText(dst, b.label, f.small, b.r.X+b.r.W/2, b.r.Y+b.r.H/2-9, text.AlignCenter, withAlpha(rgb(colorText), 0.7))
	}
}
