package ui

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// settingsScene changes the settings: left and right (or a click on a
// row's left or right half) step the volume and the sensitivity, Enter or
// a click flips fullscreen and the net graph. Every change is saved at once.
type settingsScene struct {
	g    *Game
	back scene
	menu *model.Menu
}

// Rows of the settings scene.
const (
	rowVolume = iota
	rowSensitivity
	rowFullscreen
	rowNetGraph
	rowBack
)

func newSettingsScene(g *Game, back scene) *settingsScene {
	const w, h, gap = 480, 48, 12
	s := &settingsScene{g: g, back: back,
		menu: model.NewMenu(ScreenWidth/2-w/2, 200, w, h, gap, "", "", "", "", "Back")}
	s.label()
	return s
}

// label writes the current values into the rows' labels.
func (s *settingsScene) label() {
	st := s.g.settings
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	s.menu.Items[rowVolume].Label = fmt.Sprintf("◀  Volume  %d  ▶", st.Volume)
	s.menu.Items[rowSensitivity].Label = fmt.Sprintf("◀  Stick sensitivity  %.2f  ▶", st.Sensitivity)
	s.menu.Items[rowFullscreen].Label = "Fullscreen  " + onOff(st.Fullscreen)
	s.menu.Items[rowNetGraph].Label = "Net graph in the match  " + onOff(st.NetGraph)
}

func (s *settingsScene) Update(g *Game) error {
	in := g.menu
	r := s.menu.Step(in)
	st := g.settings
	step := r.Adjust
	if r.Activated >= 0 && in.Click { // a click's half says which way
		it := s.menu.Items[r.Activated].Rect
		step = 1
		if in.X < it.X+it.W/2 {
			step = -1
		}
	} else if r.Activated >= 0 {
		step = 1
	}
	switch {
	case r.Back || r.Activated == rowBack:
		g.goTo(s.back)
		return nil
	case step == 0:
		return nil
	}
	switch s.menu.Focus {
	case rowVolume:
		st = st.StepVolume(step)
	case rowSensitivity:
		st = st.StepSensitivity(step)
	case rowFullscreen:
		st.Fullscreen = !st.Fullscreen
	case rowNetGraph:
		st.NetGraph = !st.NetGraph
	default:
		return nil
	}
	g.saveSettings(st)
	s.label()
	return nil
}

func (s *settingsScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	f := s.g.fonts
	const cx = ScreenWidth / 2
	drawText(screen, "Settings", f.large, cx, 110, text.AlignCenter, rgb(colorAccent))
	drawMenu(screen, f, s.menu)
	where := "kept in " + s.g.store.Where()
	c := rgb(colorDim)
	if s.g.settingsMsg != "" {
		where, c = s.g.settingsMsg, rgb(colorBad)
	}
	drawText(screen, where, f.small, cx, 520, text.AlignCenter, c)
	drawText(screen, "←→ change · Enter flips · Esc goes back", f.small, cx, 652, text.AlignCenter, rgb(colorDim))
	footer(screen, s.g)
}
