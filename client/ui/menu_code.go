package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// codeScene asks for a private room's code (model.CodeForm) and joins
// exactly that room: a code that cannot be one is refused here, one the
// server does not know comes back from it as "No such room" (the failure
// scene).
type codeScene struct {
	g     *Game
	name  string
	back  scene
	form  *model.CodeForm
	start time.Time
	caret bool
}

func newCodeScene(g *Game, name string, back scene) *codeScene {
	const w, h, gap = 200, 44, 20
	join := model.Rect{X: ScreenWidth/2 - w - gap/2, Y: 400, W: w, H: h}
	bk := join
	bk.X = ScreenWidth/2 + gap/2
	return &codeScene{g: g, name: name, back: back, form: model.NewCodeForm(join, bk), start: time.Now()}
}

func (s *codeScene) Update(g *Game) error {
	s.caret = caretOn(s.start, g.now)
	switch c := s.form.Step(g.menu, g.keys.typed, s.name); c.Kind {
	case model.ChoiceBack:
		g.goTo(s.back)
	case model.ChoiceJoin:
		g.goTo(newConnectScene(g, c.Join))
	}
	return nil
}

func (s *codeScene) Draw(screen *ebiten.Image) { s.drawView(unitView(screen, s.g.fonts)) }

func (s *codeScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	f := v.f
	const cx = ScreenWidth / 2
	v.text("Join a private room", f.large, cx, 180, text.AlignCenter, rgb(colorAccent))
	v.text("Type the room's code (the letters after ?room= in its link)", f.normal, cx, 250, text.AlignCenter, rgb(colorText))
	drawField(v, cx, 290, 300, s.form.Code.String(), s.caret)
	if s.form.Err != "" {
		v.text(s.form.Err, f.normal, cx, 354, text.AlignCenter, rgb(colorBad))
	}
	drawMenu(v, s.form.Menu)
	v.text("Enter joins · Esc goes back", f.small, cx, 480, text.AlignCenter, rgb(colorDim))
	footer(v, s.g)
}
