package ui

// The match's pause menu (Esc, the gamepad's Start, the touch menu
// button): resume, or leave for the main menu. The match goes on behind
// it; while it is open the player stands still. Also the overlay the
// match draws above G2's drawing: touch controls, the room badge, the menu.

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// pauseMenu is the match's menu while open.
type pauseMenu struct {
	open     bool
	menu     *model.Menu // Resume, Leave match
	gamepads []ebiten.GamepadID
}

// Buttons of the pause menu.
const (
	pauseResume = iota
	pauseLeave
)

// step opens, steps or closes the menu for this update; chatting says the
// chat line had the keyboard (its Esc was the chat's). It reports whether
// the menu is open (the player's controls are then zero) and whether the
// player chose to leave.
func (p *pauseMenu) step(g *Game, chatting bool) (open, leave bool) {
	start := false
	p.gamepads = ebiten.AppendGamepadIDs(p.gamepads[:0])
	for _, id := range p.gamepads {
		if ebiten.IsStandardGamepadLayoutAvailable(id) &&
			inpututil.IsStandardGamepadButtonJustPressed(id, ebiten.StandardGamepadButtonCenterRight) {
			start = true
		}
	}
	tapMenu := g.menu.Click && touchMenuButton.Contains(g.menu.X, g.menu.Y) && g.menuRead.touched
	if !p.open {
		if !chatting && (g.keys.escape || start || tapMenu) {
			p.open = true
			const w, h, gap = 360, 48, 14
			p.menu = model.NewMenu(ScreenWidth/2-w/2, 320, w, h, gap, "Resume", "Leave match")
		}
		return p.open, false
	}
	in := g.menu
	in.Back = in.Back || start || tapMenu
	r := p.menu.Step(in)
	switch {
	case r.Back || r.Activated == pauseResume:
		p.open = false
	case r.Activated == pauseLeave:
		p.open = false
		return false, true
	}
	return true, false
}

// drawOverlay draws, above the match: the touch controls, the room's
// badge (its code and invite link when private) and the pause menu.
func (s *playScene) drawOverlay(g *Game, screen *ebiten.Image) {
	drawTouchControls(screen, g.fonts, &s.dev.touch)
	if l := s.lobby.label(); l != "" && (s.lobby.private || s.pause.open) {
		w := text.Advance(l, g.fonts.small) + 20
		panel(screen, ScreenWidth/2-w/2, 8, w, 26)
		drawText(screen, l, g.fonts.small, ScreenWidth/2, 12, text.AlignCenter, rgb(colorText))
	}
	if !s.pause.open {
		return
	}
	fillRect(screen, 0, 0, ScreenWidth, ScreenHeight, withAlpha(rgb(colorPanel), 0.55))
	drawText(screen, "Paused", g.fonts.large, ScreenWidth/2, 240, text.AlignCenter, rgb(colorAccent))
	drawText(screen, "the match goes on", g.fonts.normal, ScreenWidth/2, 280, text.AlignCenter, rgb(colorDim))
	drawMenu(screen, g.fonts, s.pause.menu)
}
