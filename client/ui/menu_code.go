package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// codeScene asks for a private room's code and joins exactly that room:
// a code that cannot be one is refused here, one the server does not know
// comes back from it as "No such room" (the failure scene).
type codeScene struct {
	g     *Game
	name  string
	back  scene
	code  *model.TextField
	menu  *model.Menu // Join, Back
	err   string      // why the code was refused
	start time.Time
	caret bool
}

func newCodeScene(g *Game, name string, back scene) *codeScene {
	const w, h, gap = 200, 44, 20
	m := model.NewMenu(0, 400, w, h, gap, "Join", "Back")
	// Side by side, centred.
	m.Items[0].Rect.X, m.Items[1].Rect.X = ScreenWidth/2-w-gap/2, ScreenWidth/2+gap/2
	m.Items[1].Rect.Y = m.Items[0].Rect.Y
	return &codeScene{g: g, name: name, back: back, code: model.NewRoomCodeField(), menu: m, start: time.Now()}
}

func (s *codeScene) Update(g *Game) error {
	s.caret = caretOn(s.start, g.now)
	before := s.code.String()
	s.code.Type(g.keys.typed)
	if s.code.String() != before {
		s.err = ""
	}
	in := g.menu
	// Left and right move between the two buttons, like up and down.
	in.Up, in.Down = in.Up || in.Left, in.Down || in.Right
	r := s.menu.Step(in)
	switch {
	case r.Back || r.Activated == 1:
		g.goTo(s.back)
	case r.Activated == 0:
		code := s.code.String()
		if err := model.CheckRoomCode(code); err != nil {
			s.err = err.Error()
			return nil
		}
		g.goTo(newConnectScene(g, model.JoinRequest{Kind: model.JoinCode, Name: s.name, Room: code}))
	}
	return nil
}

func (s *codeScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	f := s.g.fonts
	const cx = ScreenWidth / 2
	drawText(screen, "Join a private room", f.large, cx, 180, text.AlignCenter, rgb(colorAccent))
	drawText(screen, "Type the room's code (the letters after ?room= in its link)", f.normal, cx, 250, text.AlignCenter, rgb(colorText))
	drawField(screen, f, cx, 290, 300, s.code.String(), s.caret)
	if s.err != "" {
		drawText(screen, s.err, f.normal, cx, 354, text.AlignCenter, rgb(colorBad))
	}
	drawMenu(screen, f, s.menu)
	drawText(screen, "Enter joins · Esc goes back", f.small, cx, 480, text.AlignCenter, rgb(colorDim))
	footer(screen, s.g)
}
