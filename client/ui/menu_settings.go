package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// settingsScene changes the settings (model.SettingsMenu); every change
// is saved at once.
type settingsScene struct {
	g    *Game
	back scene
	menu *model.SettingsMenu
}

func newSettingsScene(g *Game, back scene) *settingsScene {
	return &settingsScene{g: g, back: back,
		menu: model.NewSettingsMenu(g.settings, model.Column{X: ScreenWidth/2 - 240, Y: 200, W: 480, H: 48, Gap: 12})}
}

func (s *settingsScene) Update(g *Game) error {
	st, changed, c := s.menu.Step(g.menu, g.settings)
	if changed {
		g.saveSettings(st)
	}
	if c.Kind == model.ChoiceBack {
		g.goTo(s.back)
	}
	return nil
}

func (s *settingsScene) Draw(screen *ebiten.Image) { s.drawView(unitView(screen, s.g.fonts)) }

func (s *settingsScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	f := v.f
	const cx = ScreenWidth / 2
	v.text("Settings", f.large, cx, 110, text.AlignCenter, rgb(colorAccent))
	drawMenu(v, s.menu.Menu)
	where, c := "kept in "+s.g.store.Where(), rgb(colorDim)
	if s.g.settingsMsg != "" {
		where, c = s.g.settingsMsg, rgb(colorBad)
	}
	v.text(where, f.small, cx, 520, text.AlignCenter, c)
	v.text("←→ change · Enter flips · Esc goes back", f.small, cx, 652, text.AlignCenter, rgb(colorDim))
	footer(v, s.g)
}
