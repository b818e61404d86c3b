package ui

// Reading the devices: the only place that asks Ebiten for input. The
// mapping to the player's intent is in package model.

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"arena/client/ui/model"
)

// devices is the raw state readControls gathers each tick.
type devices struct {
	gamepads []ebiten.GamepadID // reused buffer
	touchIDs []ebiten.TouchID   // reused buffer
	touches  []model.Touch      // reused buffer
	touch    model.TouchSticks  // the on-screen sticks of a touch screen
	vp       model.Viewport     // maps the cursor and touches to the logical screen; zero: as they are
	weapons  model.WeaponPicker // weapon presses to the game's weapon buttons
}

// logical maps a device point to the logical screen.
func (d *devices) logical(x, y int) (float64, float64) {
	if d.vp.Scale == 0 {
		return float64(x), float64(y)
	}
	return d.vp.ToLogical(float64(x), float64(y))
}

// readControls reads the keyboard, the mouse, the first standard gamepad
// and the touch screen. It also returns the cursor position and the right
// stick (a gamepad's, or the touch screen's) for the model.AimTracker.
// Q and E, the gamepad's bumpers and the touch weapon button switch weapons;
// 1 and 2 pick the blaster and the rocket launcher.
func (d *devices) readControls() (c model.Controls, cx, cy, sx, sy float64, stickOK bool) {
	pressed := func(keys ...ebiten.Key) bool {
		for _, k := range keys {
			if ebiten.IsKeyPressed(k) {
				return true
			}
		}
		return false
	}
	c.MoveX, c.MoveY = model.MoveVector(
		pressed(ebiten.KeyW, ebiten.KeyArrowUp),
		pressed(ebiten.KeyS, ebiten.KeyArrowDown),
		pressed(ebiten.KeyA, ebiten.KeyArrowLeft),
		pressed(ebiten.KeyD, ebiten.KeyArrowRight),
	)
	c.Fire = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) || pressed(ebiten.KeySpace)
	cx, cy = d.logical(ebiten.CursorPosition())
	if inpututil.IsKeyJustPressed(ebiten.KeyE) {
		c.SwitchWeapon = 1
	} else if inpututil.IsKeyJustPressed(ebiten.KeyQ) {
		c.SwitchWeapon = -1
	}
	pick := 0
	if inpututil.IsKeyJustPressed(ebiten.KeyDigit1) {
		pick = 1
	} else if inpututil.IsKeyJustPressed(ebiten.KeyDigit2) {
		pick = 2
	}

	d.gamepads = ebiten.AppendGamepadIDs(d.gamepads[:0])
	for _, id := range d.gamepads {
		if !ebiten.IsStandardGamepadLayoutAvailable(id) {
			continue
		}
		if lx, ly, ok := model.Stick(
			ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickHorizontal),
			ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickVertical)); ok {
			c.MoveX, c.MoveY = model.AddMove(c.MoveX, c.MoveY, lx, ly)
		}
		sx, sy, stickOK = model.Stick(
			ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisRightStickHorizontal),
			ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisRightStickVertical))
		c.Fire = c.Fire ||
			ebiten.IsStandardGamepadButtonPressed(id, ebiten.StandardGamepadButtonFrontBottomRight) ||
			ebiten.IsStandardGamepadButtonPressed(id, ebiten.StandardGamepadButtonRightBottom)
		switch {
		case inpututil.IsStandardGamepadButtonJustPressed(id, ebiten.StandardGamepadButtonFrontTopRight):
			c.SwitchWeapon = 1
		case inpututil.IsStandardGamepadButtonJustPressed(id, ebiten.StandardGamepadButtonFrontTopLeft):
			c.SwitchWeapon = -1
		}
		break
	}

	d.touchIDs = ebiten.AppendTouchIDs(d.touchIDs[:0])
	d.touches = d.touches[:0]
	for _, id := range d.touchIDs {
		tx, ty := d.logical(ebiten.TouchPosition(id))
		if touchMenuButton.Contains(tx, ty) {
			continue // the menu button is the pause menu's (menu_pause.go)
		}
		d.touches = append(d.touches, model.Touch{ID: int(id), X: tx, Y: ty})
	}
	d.touch.Button = touchWeaponButton
	if d.touch.Seen || len(d.touches) > 0 {
		t := d.touch.Update(d.touches, ScreenWidth)
		c.MoveX, c.MoveY = model.AddMove(c.MoveX, c.MoveY, t.MoveX, t.MoveY)
		if t.AimOK {
			sx, sy, stickOK = t.AimX, t.AimY, true
		}
		c.Fire = c.Fire || t.Fire
		if t.SwitchWeapon {
			c.SwitchWeapon = 1
		}
	}
	c.WeaponButtons = d.weapons.Buttons(c.SwitchWeapon, pick)
	return c, cx, cy, sx, sy, stickOK
}

// keys are this update's editing keys, read once per Update by Game.Update
// so that every scene sees the same presses and none carries over to the
// next update.
type keys struct {
	enter, escape bool
	// arrows are the arrow keys pressed this update (and the browser's
	// own repeats), by arrowUp..arrowRight: the browser's latch sets
	// them; natively the menus read the held keys instead (latchArrows).
	arrows   [4]bool
	netGraph bool   // F3: show or hide the net graph
	mute     bool   // M (where M is on a US keyboard): mute or unmute; a letter while chatting
	typed    []rune // typed characters in order; '\b' is Backspace
}

// readKeys reads this update's editing keys into k at now, reusing its
// buffer; backspace repeats while held. Ebiten samples whether a key is
// down once per frame, so a press shorter than a frame (fast typing on a
// slow machine, automated tests) can be missed and Backspace loses its
// order among the typed characters; in the browser the latch (keys_js.go)
// replaces them with the page's own ordered key events.
func readKeys(latch *keyLatch, backspace *model.KeyRepeat, k *keys, now time.Time) {
	k.enter = inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter)
	k.escape = inpututil.IsKeyJustPressed(ebiten.KeyEscape)
	k.netGraph = inpututil.IsKeyJustPressed(ebiten.KeyF3)
	k.mute = inpututil.IsKeyJustPressed(ebiten.KeyM)
	k.typed = ebiten.AppendInputChars(k.typed[:0])
	if backspace.Update(ebiten.IsKeyPressed(ebiten.KeyBackspace), now) {
		k.typed = append(k.typed, '\b')
	}
	latch.apply(k)
}
