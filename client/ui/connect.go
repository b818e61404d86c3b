package ui

import (
	"context"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
)

// dialResult is what the dial goroutine hands to the connecting scene.
type dialResult struct {
	sess *client.Session
	err  error
}

// connectScene dials the server in a goroutine and polls for the result, so
// Update never blocks.
type connectScene struct {
	fonts  *fonts
	server string
	req    model.JoinRequest
	name   string
	cancel context.CancelFunc
	result chan dialResult // buffered: the goroutine never blocks on it
	start  time.Time
	dots   int // the animation's step: 0 to 3 dots
}

// newConnectScene starts dialing g's server for req.
func newConnectScene(g *Game, req model.JoinRequest) *connectScene {
	ctx, cancel := context.WithTimeout(context.Background(), g.cfg.DialTimeout)
	s := &connectScene{
		fonts:  g.fonts,
		server: g.cfg.ServerURL,
		req:    req,
		name:   req.Name,
		cancel: cancel,
		result: make(chan dialResult, 1),
		start:  time.Now(),
	}
	go func() {
		defer cancel()
		// Dial also loads the map the server plays (from the maps built
		// into the client): it can take a while and must not run in Update.
		opts, err := joinOptions(req)
		if err != nil {
			s.result <- dialResult{err: err}
			return
		}
		opts.Logger = g.cfg.Logger
		sess, err := client.DialMatched(ctx, g.cfg.ServerURL, opts)
		s.result <- dialResult{sess: sess, err: err}
	}()
	return s
}

func (s *connectScene) Update(g *Game) error {
	s.dots = int(time.Since(s.start)/(time.Second/3)) % 4
	if g.menu.Back {
		s.close()
		g.goTo(newTitleScene(g, s.name))
		return nil
	}
	select {
	case r := <-s.result:
		if r.err != nil {
			g.cfg.Logger.Info("connect failed", "server", s.server, "err", r.err)
			g.goTo(newFailureScene(g, s.req, model.StageConnect, r.err))
			return nil
		}
		info := r.sess.Info()
		g.cfg.Logger.Info("joined", "server", s.server, "room", info.Room, "id", info.PlayerID, "map", info.MapName)
		play := newPlayScene(g, s.name, r.sess)
		play.lobby = newLobbyBadge(g, s.req, info)
		g.goTo(play)
	default:
	}
	return nil
}

// close abandons the dial; a session that still arrives is closed.
func (s *connectScene) close() error {
	s.cancel()
	go func() {
		if r := <-s.result; r.sess != nil {
			r.sess.Close()
		}
	}()
	return nil
}

func (s *connectScene) Draw(screen *ebiten.Image) { s.drawView(unitView(screen, s.fonts)) }

func (s *connectScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	const cx = ScreenWidth / 2
	dots := strings.Repeat(".", s.dots)
	v.text("Connecting"+dots, v.f.large, cx-v.advance("Connecting", v.f.large)/2, 300, text.AlignStart, rgb(colorText))
	v.text(s.server, v.f.normal, cx, 360, text.AlignCenter, rgb(colorDim))
	v.text(s.req.Describe()+" as "+s.name, v.f.normal, cx, 390, text.AlignCenter, rgb(colorDim))
	v.text("Esc cancels", v.f.small, cx, ScreenHeight-40, text.AlignCenter, rgb(colorDim))
}
