package ui

// Reading the devices for the menus: keyboard, mouse, the first standard
// gamepad and touch all become one model.MenuInput an update.

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"arena/client/ui/model"
)

// menuReader turns device state into menu navigation. It remembers the
// cursor and the gamepad stick between updates, to see moves and edges.
type menuReader struct {
	cx, cy      int  // the cursor last update
	seenCursor  bool // cx, cy hold a position
	gamepads    []ebiten.GamepadID
	touches     []ebiten.TouchID
	arrowRepeat [4]model.KeyRepeat // a held arrow, d-pad or stick repeats like a key
	touched     bool               // a touch happened: the menus say "tap" rather than "click"
}

// Arrow indices into arrowRepeat, as model.StickArrow returns them.
const (
	arrowUp = iota
	arrowDown
	arrowLeft
	arrowRight
)

// read returns this update's menu input; k holds the update's Enter and Esc
// (latched in the browser).
// vp maps the cursor and touches to the logical screen.
func (r *menuReader) read(k *keys, now time.Time, vp model.Viewport) model.MenuInput {
	var in model.MenuInput
	in.Activate, in.Back = k.enter, k.escape

	var held [4]bool
	if !latchArrows {
		held = [4]bool{
			ebiten.IsKeyPressed(ebiten.KeyArrowUp),
			ebiten.IsKeyPressed(ebiten.KeyArrowDown),
			ebiten.IsKeyPressed(ebiten.KeyArrowLeft),
			ebiten.IsKeyPressed(ebiten.KeyArrowRight),
		}
	}
	in.Up, in.Down, in.Left, in.Right = k.arrows[arrowUp], k.arrows[arrowDown], k.arrows[arrowLeft], k.arrows[arrowRight]
	// Tab moves down too: a form's habit.
	if inpututil.IsKeyJustPressed(ebiten.KeyTab) {
		if ebiten.IsKeyPressed(ebiten.KeyShift) {
			in.Up = true
		} else {
			in.Down = true
		}
	}

	r.gamepads = ebiten.AppendGamepadIDs(r.gamepads[:0])
	for _, id := range r.gamepads {
		if !ebiten.IsStandardGamepadLayoutAvailable(id) {
			continue
		}
		pad := func(b ebiten.StandardGamepadButton) bool { return ebiten.IsStandardGamepadButtonPressed(id, b) }
		held[arrowUp] = held[arrowUp] || pad(ebiten.StandardGamepadButtonLeftTop)
		held[arrowDown] = held[arrowDown] || pad(ebiten.StandardGamepadButtonLeftBottom)
		held[arrowLeft] = held[arrowLeft] || pad(ebiten.StandardGamepadButtonLeftLeft)
		held[arrowRight] = held[arrowRight] || pad(ebiten.StandardGamepadButtonLeftRight)
		if x, y, ok := model.Stick(
			ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickHorizontal),
			ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickVertical)); ok {
			if d := model.StickArrow(x, y); d >= 0 {
				held[d] = true
			}
		}
		justPad := func(b ebiten.StandardGamepadButton) bool {
			return inpututil.IsStandardGamepadButtonJustPressed(id, b)
		}
		in.Activate = in.Activate || justPad(ebiten.StandardGamepadButtonRightBottom) || justPad(ebiten.StandardGamepadButtonCenterRight)
		in.Back = in.Back || justPad(ebiten.StandardGamepadButtonRightRight)
		break
	}
	for i := range held {
		if r.arrowRepeat[i].Update(held[i], now) {
			switch i {
			case arrowUp:
				in.Up = true
			case arrowDown:
				in.Down = true
			case arrowLeft:
				in.Left = true
			case arrowRight:
				in.Right = true
			}
		}
	}

	x, y := ebiten.CursorPosition()
	lx, ly := vp.ToLogical(float64(x), float64(y))
	if !r.seenCursor || x != r.cx || y != r.cy {
		in.Hover = r.seenCursor // the first position is where the cursor rests, not a move
		in.X, in.Y = lx, ly
	}
	r.cx, r.cy, r.seenCursor = x, y, true
	if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		in.Click, in.X, in.Y = true, lx, ly
	}

	// A tap: a finger lifted this update, where it was last.
	r.touches = inpututil.AppendJustReleasedTouchIDs(r.touches[:0])
	for _, id := range r.touches {
		tx, ty := inpututil.TouchPositionInPreviousTick(id)
		in.X, in.Y = vp.ToLogical(float64(tx), float64(ty))
		in.Click, in.Hover = true, true
		r.touched = true
	}
	return in
}
