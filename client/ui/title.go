package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// titleScene is the main menu: the player's name (typed at any time,
// remembered in the settings) and what to play: quick play, a new private
// room, a room by its code, the room list, the settings. Enter activates
// the focused button, which starts on quick play (or on the room the page
// was opened for), so typing a name and pressing Enter plays.
type titleScene struct {
	g       *Game
	name    *model.TextField
	menu    *model.Menu
	actions []titleAction // by button
	start   time.Time
	caret   bool
}

// titleAction is what a title button does.
type titleAction uint8

const (
	actJoinLinked titleAction = iota // the room of Config.Room
	actQuickPlay
	actCreatePrivate
	actJoinCode
	actRoomList
	actSettings
)

// newTitleScene shows the main menu with name already typed.
func newTitleScene(g *Game, name string) *titleScene {
	s := &titleScene{g: g, name: model.NewNameField(name), start: time.Now()}
	var labels []string
	if g.cfg.Room != "" {
		labels, s.actions = append(labels, "Join room "+g.cfg.Room), append(s.actions, actJoinLinked)
	}
	labels = append(labels, "Quick play", "Create private room", "Join by code", "Room list", "Settings")
	s.actions = append(s.actions, actQuickPlay, actCreatePrivate, actJoinCode, actRoomList, actSettings)
	const w, h, gap = 420, 44, 10
	s.menu = model.NewMenu(ScreenWidth/2-w/2, 318, w, h, gap, labels...)
	return s
}

func (s *titleScene) Update(g *Game) error {
	s.caret = caretOn(s.start, g.now)
	s.name.Type(g.keys.typed)
	r := s.menu.Step(g.menu)
	if r.Activated < 0 {
		return nil
	}
	name := model.PlayerName(s.name.String())
	if name != g.settings.Name && s.name.String() != "" {
		st := g.settings
		st.Name = name
		g.saveSettings(st)
	}
	switch s.actions[r.Activated] {
	case actJoinLinked:
		g.goTo(newConnectScene(g, model.JoinRequest{Kind: model.JoinCode, Name: name, Room: g.cfg.Room}))
	case actQuickPlay:
		g.goTo(newConnectScene(g, model.JoinRequest{Kind: model.JoinQuick, Name: name}))
	case actCreatePrivate:
		g.goTo(newConnectScene(g, model.JoinRequest{Kind: model.JoinCreatePrivate, Name: name}))
	case actJoinCode:
		g.goTo(newCodeScene(g, name, s))
	case actRoomList:
		g.goTo(newRoomListScene(g, name, s))
	case actSettings:
		g.goTo(newSettingsScene(g, s))
	}
	return nil
}

func (s *titleScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	f := s.g.fonts
	const cx = ScreenWidth / 2
	drawText(screen, "ARENA", f.huge, cx, 70, text.AlignCenter, rgb(colorAccent))
	drawText(screen, "a top-down arena shooter", f.normal, cx, 160, text.AlignCenter, rgb(colorDim))
	drawText(screen, "Your name", f.normal, cx, 208, text.AlignCenter, rgb(colorText))
	drawField(screen, f, cx, 236, 420, s.name.String(), s.caret)
	drawMenu(screen, f, s.menu)
	drawText(screen, "type your name · ↑↓ or Tab choose · Enter plays · WASD move · mouse aims · click shoots · Esc menu",
		f.small, cx, 652, text.AlignCenter, rgb(colorDim))
	if msg := s.g.settingsMsg; msg != "" {
		drawText(screen, msg, f.small, cx, 296, text.AlignCenter, rgb(colorBad))
	}
	footer(screen, s.g)
}
