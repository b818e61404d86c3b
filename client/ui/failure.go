package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// failureScene says why there is no game and offers to retry.
type failureScene struct {
	fonts            *fonts
	req              model.JoinRequest // what failed: Enter tries it again when the seat expired
	name             string
	headline, detail string
	lines            []string // detail wrapped
	server           string
	rejoin           bool // the seat expired: Enter joins again at once
}

func newFailureScene(g *Game, req model.JoinRequest, st model.Stage, err error) *failureScene {
	h, d := model.DescribeError(st, g.cfg.ServerURL, err)
	return &failureScene{fonts: g.fonts, req: req, name: req.Name, headline: h, detail: d, lines: model.Wrap(d, 90), server: g.cfg.ServerURL,
		rejoin: model.Rejoins(err)}
}

func (s *failureScene) Update(g *Game) error {
	// Enter, gamepad A, a click or a tap anywhere: a phone has no Enter.
	if g.menu.Activate || g.menu.Click {
		if s.rejoin {
			g.goTo(newConnectScene(g, s.req))
		} else {
			g.goTo(newTitleScene(g, s.name))
		}
	} else if g.menu.Back {
		g.goTo(newTitleScene(g, s.name))
	}
	return nil
}

func (s *failureScene) Draw(screen *ebiten.Image) { s.drawView(unitView(screen, s.fonts)) }

func (s *failureScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	const cx = ScreenWidth / 2
	v.text(s.headline, v.f.large, cx, 240, text.AlignCenter, rgb(colorBad))
	y := 310.0
	for _, l := range s.lines {
		v.text(l, v.f.normal, cx, y, text.AlignCenter, rgb(colorText))
		y += 28
	}
	prompt := "press Enter (or tap) to go back to the menu"
	if s.rejoin {
		prompt = "press Enter to join again"
	}
	v.text(prompt, v.f.normal, cx, y+40, text.AlignCenter, rgb(colorAccent))
	v.text("server "+s.server, v.f.small, cx, ScreenHeight-40, text.AlignCenter, rgb(colorDim))
}
