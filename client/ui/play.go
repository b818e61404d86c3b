package ui

import (
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
	"arena/netcode"
)

// playScene is the match: it sends one input per tick and shows what the
// session knows.
type playScene struct {
	fonts   *fonts
	name    string
	sess    *client.Session
	welcome netcode.Welcome
	m       *game.Map
	log     func(msg string, args ...any)

	dev     devices
	aim     model.AimTracker
	players []client.PlayerView // this tick's view, by ID
	local   int                 // index in players, -1 when not in a snapshot yet
	cam     game.Vec2           // world point at the screen's top-left
	stats   client.Stats
	fx      model.Effects
	now     time.Time // this Update's instant: players and effects are shown as of it
	fps     float64
	events  []client.Event
	names   map[game.PlayerID]string

	showScores bool
	rows       []model.ScoreRow

	chatting bool
	chat     *model.TextField
}

func newPlayScene(g *Game, name string, sess *client.Session, m *game.Map) *playScene {
	w := sess.Welcome()
	tickRate := int(w.TickRate)
	if tickRate <= 0 {
		tickRate = game.DefaultTickRate
	}
	// One Update per server tick: each sends one input.
	ebiten.SetTPS(tickRate)
	return &playScene{
		fonts:   g.fonts,
		name:    name,
		sess:    sess,
		welcome: w,
		m:       m,
		log:     g.cfg.Logger.Debug,
		local:   -1,
		names:   make(map[game.PlayerID]string),
		chat:    model.NewChatField(),
	}
}

func (s *playScene) Update(g *Game) error {
	select {
	case <-s.sess.Done():
		err := s.sess.Err()
		g.cfg.Logger.Info("session ended", "err", err)
		go s.sess.Close() // releases what is left; must not block Update
		ebiten.SetTPS(game.DefaultTickRate)
		g.goTo(newFailureScene(g, s.name, model.StagePlay, err))
		return nil
	default:
	}

	s.now = time.Now()
	s.players = s.sess.Players(s.now, s.players[:0])
	s.local = -1
	focus := game.Vec2{X: s.m.Width / 2, Y: s.m.Height / 2}
	for i, p := range s.players {
		s.names[p.ID] = p.Name
		if p.Local {
			s.local = i
			focus = p.Pos
		}
	}
	s.cam = model.CameraOrigin(focus, ScreenWidth, ScreenHeight, s.m.Width, s.m.Height)

	c, cx, cy, sx, sy, stickOK := s.dev.readControls()
	aim := s.aim.Update(focus.X-s.cam.X, focus.Y-s.cam.Y, cx, cy, sx, sy, stickOK)
	if s.updateChat(g.keys) {
		c = model.Controls{} // typing: WASD are letters, not moves
	}
	if err := s.sess.SendInput(c.Input(aim)); err != nil {
		s.log("send input", "err", err) // Done reports why next tick
	}

	s.showScores = ebiten.IsKeyPressed(ebiten.KeyTab)
	if s.showScores {
		s.rows = model.ScoreRows(s.rows[:0], s.players)
	}
	s.stats = s.sess.Stats()
	s.fps = ebiten.ActualFPS()

	s.fx.Expire(s.now)
	s.events = s.sess.DrainEvents(s.events[:0])
	for _, e := range s.events {
		s.apply(e)
	}
	return nil
}

// updateChat edits the chat line: Enter opens it, Enter sends it, Esc
// drops it. It reports whether the chat line has the keyboard.
func (s *playScene) updateChat(k keys) bool {
	if !s.chatting {
		if k.enter {
			s.chatting = true
			s.chat.Clear()
		}
		return s.chatting
	}
	s.chat.Type(k.typed)
	switch {
	case k.escape:
		s.chatting = false
	case k.enter:
		s.chatting = false
		if text := s.chat.String(); text != "" {
			if err := s.sess.SendChat(text); err != nil {
				s.log("send chat", "err", err)
			}
		}
	}
	return true
}

// apply turns a session event into effects.
func (s *playScene) apply(e client.Event) {
	switch e.Kind {
	case client.EventShot:
		s.fx.AddTracer(model.Tracer{
			From:    e.From,
			To:      e.To,
			Shooter: e.Player,
			Hit:     e.Other != 0,
			Born:    s.now,
		})
	case client.EventKill:
		if e.Player == 0 || e.Player == e.Other {
			s.fx.AddKill(model.FeedLine{Born: s.now, Parts: [3]model.LinePart{part(s.nameOf(e.Other, ""), e.Other), part(" died", 0)}})
		} else {
			s.fx.AddKill(model.FeedLine{Born: s.now, Parts: [3]model.LinePart{
				part(s.nameOf(e.Player, ""), e.Player), part(" killed ", 0), part(s.nameOf(e.Other, ""), e.Other)}})
		}
	case client.EventJoin:
		if e.Name != "" {
			s.names[e.Player] = e.Name
		}
		s.fx.AddChat(model.FeedLine{Born: s.now, Parts: [3]model.LinePart{part(s.nameOf(e.Player, e.Name), e.Player), part(" joined", 0)}})
	case client.EventLeave:
		s.fx.AddChat(model.FeedLine{Born: s.now, Parts: [3]model.LinePart{part(s.nameOf(e.Player, e.Name), e.Player), part(" left", 0)}})
		delete(s.names, e.Player)
	case client.EventChat:
		s.fx.AddChat(model.FeedLine{Born: s.now, Parts: [3]model.LinePart{part(s.nameOf(e.Player, e.Name), e.Player), part(": "+e.Text, 0)}})
	}
}

// part is a piece of a feed line in who's color (0: neutral).
func part(text string, who game.PlayerID) model.LinePart {
	return model.LinePart{Text: text, Who: who}
}

// nameOf is a player's name as last seen, else fallback, else "player N".
func (s *playScene) nameOf(id game.PlayerID, fallback string) string {
	if n := s.names[id]; n != "" {
		return n
	}
	if fallback != "" {
		return fallback
	}
	return fmt.Sprintf("player %d", id)
}

// close leaves the game: Leave, then close 1000.
func (s *playScene) close() error { return s.sess.Close() }
