package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// titleScene asks for the player's name and joins on Enter.
type titleScene struct {
	fonts  *fonts
	server string
	name   *model.TextField
	start  time.Time
	caret  bool // the caret blinks: shown half of each second
}

// newTitleScene shows the title with name already typed (the last name used
// in this run, or "").
func newTitleScene(g *Game, name string) *titleScene {
	return &titleScene{fonts: g.fonts, server: g.cfg.ServerURL, name: model.NewNameField(name), start: time.Now()}
}

func (s *titleScene) Update(g *Game) error {
	s.caret = time.Since(s.start)%time.Second < time.Second/2
	s.name.Type(g.keys.typed)
	if g.keys.enter {
		g.goTo(newConnectScene(g, model.PlayerName(s.name.String())))
	}
	return nil
}

func (s *titleScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	const cx = ScreenWidth / 2
	drawText(screen, "ARENA", s.fonts.huge, cx, 150, text.AlignCenter, rgb(colorAccent))
	drawText(screen, "a top-down arena shooter", s.fonts.normal, cx, 240, text.AlignCenter, rgb(colorDim))

	drawText(screen, "Your name", s.fonts.normal, cx, 320, text.AlignCenter, rgb(colorText))
	const boxW, boxH = 420, 52
	fillRect(screen, cx-boxW/2, 350, boxW, boxH, rgb(colorFloor))
	fillRect(screen, cx-boxW/2, 350+boxH-2, boxW, 2, rgb(colorAccent))
	name := s.name.String()
	drawText(screen, name, s.fonts.large, cx, 358, text.AlignCenter, rgb(colorText))
	if s.caret { // it sits after the centered name
		x := cx + text.Advance(name, s.fonts.large)/2 + 3
		fillRect(screen, x, 362, 2, 32, rgb(colorAccent))
	}
	drawText(screen, "press Enter to join", s.fonts.normal, cx, 420, text.AlignCenter, rgb(colorDim))

	drawText(screen, "WASD/arrows move · mouse aims · click shoots · Tab scores · F3 (or N) net graph · M mute", s.fonts.normal, cx, 540, text.AlignCenter, rgb(colorText))
	drawText(screen, "server "+s.server, s.fonts.small, cx, ScreenHeight-40, text.AlignCenter, rgb(colorDim))
}
