package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/assets"
	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

// dialResult is what the dial goroutine hands to the connecting scene.
type dialResult struct {
	sess *client.Session
	m    *game.Map
	err  error
}

// connectScene dials the server in a goroutine and polls for the result, so
// Update never blocks.
type connectScene struct {
	fonts  *fonts
	server string
	name   string
	cancel context.CancelFunc
	result chan dialResult // buffered: the goroutine never blocks on it
	ticks  int
}

// newConnectScene starts dialing g's server as name.
func newConnectScene(g *Game, name string) *connectScene {
	ctx, cancel := context.WithTimeout(context.Background(), g.cfg.DialTimeout)
	s := &connectScene{
		fonts:  g.fonts,
		server: g.cfg.ServerURL,
		name:   name,
		cancel: cancel,
		result: make(chan dialResult, 1),
	}
	go func() {
		defer cancel()
		s.result <- dial(ctx, g.cfg, name)
	}()
	return s
}

// dial connects, then loads the map the server plays: both can take a while
// and neither may run in Update.
func dial(ctx context.Context, cfg Config, name string) dialResult {
	sess, err := client.Dial(ctx, cfg.ServerURL, &client.Options{Name: name, Logger: cfg.Logger})
	if err != nil {
		return dialResult{err: err}
	}
	mapName := sess.Welcome().Map
	m, err := game.LoadMap(assets.FS, mapName)
	if err != nil {
		sess.Close()
		return dialResult{err: fmt.Errorf("the server plays map %q, which this client cannot load: %w", mapName, err)}
	}
	return dialResult{sess: sess, m: m}
}

func (s *connectScene) Update(g *Game) error {
	s.ticks++
	if g.keys.escape {
		s.close()
		g.goTo(newTitleScene(g, s.name))
		return nil
	}
	select {
	case r := <-s.result:
		if r.err != nil {
			g.cfg.Logger.Info("connect failed", "server", s.server, "err", r.err)
			g.goTo(newFailureScene(g, s.name, model.StageConnect, r.err))
			return nil
		}
		g.cfg.Logger.Info("joined", "server", s.server, "room", r.sess.Welcome().RoomID, "id", r.sess.LocalID())
		g.goTo(newPlayScene(g, s.name, r.sess, r.m))
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

func (s *connectScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	const cx = ScreenWidth / 2
	dots := strings.Repeat(".", s.ticks/20%4)
	drawText(screen, "Connecting"+dots, s.fonts.large, cx-text.Advance("Connecting", s.fonts.large)/2, 300, text.AlignStart, rgb(colorText))
	drawText(screen, s.server, s.fonts.normal, cx, 360, text.AlignCenter, rgb(colorDim))
	drawText(screen, "as "+s.name, s.fonts.normal, cx, 390, text.AlignCenter, rgb(colorDim))
	drawText(screen, "Esc cancels", s.fonts.small, cx, ScreenHeight-40, text.AlignCenter, rgb(colorDim))
}
