package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// titleScene is the main menu (model.MainMenu): the player's name, typed
// at any time and remembered in the settings, and what to play. Enter
// activates the focused button, which starts on quick play (or on the
// room the page was opened for), so typing a name and pressing Enter plays.
type titleScene struct {
	g     *Game
	menu  *model.MainMenu
	start time.Time
	caret bool
}

// titleColumn is where the main menu's buttons are.
var titleColumn = model.Column{X: ScreenWidth/2 - 210, Y: 318, W: 420, H: 44, Gap: 10}

// newTitleScene shows the main menu with name already typed.
func newTitleScene(g *Game, name string) *titleScene {
	return &titleScene{g: g, menu: model.NewMainMenu(name, g.cfg.Room, titleColumn), start: time.Now()}
}

// titleNameField is where the name field is drawn.
var titleNameField = model.Rect{X: ScreenWidth/2 - 210, Y: 236, W: 420, H: 52}

func (s *titleScene) Update(g *Game) error {
	s.caret = caretOn(s.start, g.now)
	// A tap on the name field asks for the name with the phone's own
	// keyboard (the browser's prompt); a canvas brings up none.
	if g.menu.Click && g.menuRead.touched && titleNameField.Contains(g.menu.X, g.menu.Y) {
		if name, ok := askText("Your name", s.menu.Name.String()); ok {
			s.menu.SetName(name)
		}
	}
	c := s.menu.Step(g.menu, g.keys.typed)
	if c.Kind == model.ChoiceNone {
		return nil
	}
	if name := s.menu.PlayerName(); s.menu.Name.String() != "" && name != g.settings.Name {
		st := g.settings
		st.Name = name
		g.saveSettings(st)
	}
	switch c.Kind {
	case model.ChoiceJoin:
		g.goTo(newConnectScene(g, c.Join))
	case model.ChoiceCodeForm:
		g.goTo(newCodeScene(g, s.menu.PlayerName(), s))
	case model.ChoiceRoomList:
		g.goTo(newRoomListScene(g, s.menu.PlayerName(), s))
	case model.ChoiceSettings:
		g.goTo(newSettingsScene(g, s))
	}
	return nil
}

func (s *titleScene) Draw(screen *ebiten.Image) { s.drawView(unitView(screen, s.g.fonts)) }

func (s *titleScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	f := v.f
	const cx = ScreenWidth / 2
	v.text("ARENA", f.huge, cx, 70, text.AlignCenter, rgb(colorAccent))
	v.text("a top-down arena shooter", f.normal, cx, 160, text.AlignCenter, rgb(colorDim))
	v.text("Your name", f.normal, cx, 208, text.AlignCenter, rgb(colorText))
	drawField(v, cx, titleNameField.Y, titleNameField.W, s.menu.Name.String(), s.caret)
	drawMenu(v, s.menu.Menu)
	help := "type your name · ↑↓ or Tab choose · Enter plays · WASD move · mouse aims · click shoots · Esc menu"
	if s.g.menuRead.touched {
		help = "tap your name to change it · tap a button · in the match: left thumb moves, right thumb aims and fires"
	}
	v.text(help, f.small, cx, 652, text.AlignCenter, rgb(colorDim))
	if msg := s.g.settingsMsg; msg != "" {
		v.text(msg, f.small, cx, 296, text.AlignCenter, rgb(colorBad))
	}
	footer(v, s.g)
}
