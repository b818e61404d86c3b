package ui

// The match's pause menu (model.PauseMenu: Esc, the gamepad's Start, the
// touch menu button): resume, or leave for the main menu. The match goes
// on behind it; while it is open the player stands still. Also the
// overlay drawn above the match: touch controls, the room badge, the menu.

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// pauseMenu reads the pause menu's own keys and holds its model.
type pauseMenu struct {
	m        *model.PauseMenu
	gamepads []ebiten.GamepadID
}

// pauseColumn is where the pause menu's buttons are.
var pauseColumn = model.Column{X: ScreenWidth/2 - 180, Y: 320, W: 360, H: 48, Gap: 14}

// isOpen reports whether the menu is shown.
func (p *pauseMenu) isOpen() bool { return p.m != nil && p.m.Open }

// step steps the menu for this update; chatting says the chat line had
// the keyboard. It reports whether the menu is open (the player's
// controls are then zero) and whether the player chose to leave.
func (p *pauseMenu) step(g *Game, chatting bool) (open, leave bool) {
	if p.m == nil {
		p.m = model.NewPauseMenu(pauseColumn)
	}
	toggle := g.keys.escape ||
		g.menu.Click && g.menuRead.touched && touchMenuButton.Contains(g.menu.X, g.menu.Y)
	p.gamepads = ebiten.AppendGamepadIDs(p.gamepads[:0])
	for _, id := range p.gamepads {
		if ebiten.IsStandardGamepadLayoutAvailable(id) &&
			inpututil.IsStandardGamepadButtonJustPressed(id, ebiten.StandardGamepadButtonCenterRight) {
			toggle = true
		}
	}
	in := g.menu
	if toggle {
		in.Activate = false // the gamepad's Start activates in menus; here it toggles
	}
	c := p.m.Step(in, toggle, chatting)
	return p.m.Open, c.Kind == model.ChoiceLeave
}

// drawOverlay draws, above the match: the touch controls, the room's
// badge (its code and invite link when private) and the pause menu.
func (s *playScene) drawOverlay(v *view) {
	s.drawHUDView(v)
	drawTouchControls(v, &s.dev.touch)
	open := s.pause.isOpen()
	if l := s.lobby.label(); l != "" && (s.lobby.private || open) {
		w := v.advance(l, v.f.small) + 20
		y := s.layout.Timer.Bottom() + 6 // under the match clock
		v.rect(ScreenWidth/2-w/2, y, w, 26, withAlpha(rgb(colorPanel), 0.55))
		v.text(l, v.f.small, ScreenWidth/2, y+4, text.AlignCenter, rgb(colorText))
	}
	if !open {
		return
	}
	v.rect(0, 0, ScreenWidth, ScreenHeight, withAlpha(rgb(colorPanel), 0.55))
	v.text("Paused", v.f.large, ScreenWidth/2, 240, text.AlignCenter, rgb(colorAccent))
	v.text("the match goes on", v.f.normal, ScreenWidth/2, 280, text.AlignCenter, rgb(colorDim))
	drawMenu(v, s.pause.m.Menu)
}

// setViewport tells the match's devices how the screen maps to the
// logical one, for the cursor and the touches.
func (s *playScene) setViewport(vp model.Viewport) { s.dev.vp = vp }
