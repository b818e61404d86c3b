package ui

import (
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

// playScene is the match: it tells the feed (a live session, or a replay)
// what the player wants every frame and shows what the feed knows.
type playScene struct {
	fonts    *fonts
	name     string
	sess     client.Feed
	info     client.Info
	m        *game.Map
	art      *artImages
	mapImage *ebiten.Image // the map drawn once, by Draw (playdraw.go)
	// mapImageOf is the map mapImage shows; the minimap's likewise, at
	// the size it was drawn for.
	mapImageOf, miniImageOf *game.Map
	miniImage               *ebiten.Image
	mapImageScale           float64         // pixels per world unit of mapImage
	layout                  model.HUDLayout // where the HUD goes, for the last Draw's screen
	log                     func(msg string, args ...any)

	dev     devices
	aim     model.AimTracker
	players []client.PlayerView // this frame's view, by ID
	local   int                 // index in players, -1 when not in a snapshot yet
	focus   game.Vec2           // world point the camera follows: the local player
	cam     game.Vec2           // world point at the screen's top-left
	stats   client.Stats
	fx      model.Effects
	now     time.Time // this Update's instant: players and effects are shown as of it
	fps     float64
	events  []client.Event
	names   map[game.PlayerID]string
	bots    map[game.PlayerID]bool // who has been drawn as a bot
	death   model.Death            // the local player's death and respawn feedback
	hurtAt  time.Time              // when the local player last lost health
	health  int                    // its health last frame, -1 before the first
	match   matchView
	// The rockets and pickups to draw this frame (playweapons.go), the
	// rockets' trails, the rocket ids already heard launching, and how
	// many of the local player's rockets were predicted last frame.
	rockets          []client.ProjectileView
	pickups          []client.PickupView
	trails           model.Trails
	launched         map[uint16]bool
	predictedRockets int
	// cooldown sizes the weapon's bar; ready is its fill this frame.
	cooldown model.Cooldown
	ready    float64
	winner   model.Winner // the final board, made when the match ends
	watch    model.MatchWatch
	final    []model.ScoreRow // the winner's rows, reused

	showScores bool
	rows       []model.ScoreRow

	netGraph     model.NetGraph
	showNetGraph bool

	soundHelp string // the help line's word on sound: "M mute" and the like
	helpLine  string // the keys, bottom right; remade when soundHelp changes

	chatting bool
	chat     *model.TextField

	lobby lobbyBadge // the room joined (lobby.go), set by the connecting scene
	pause pauseMenu  // Esc's menu (menu_pause.go)

	// spectating, when set, is shown in place of the local player: a
	// replay has none (replay.go).
	spectating string
}

func newPlayScene(g *Game, name string, sess client.Feed) *playScene {
	info := sess.Info()
	s := &playScene{
		fonts:    g.fonts,
		art:      loadArtOrPlain(g.cfg.Logger),
		name:     name,
		sess:     sess,
		info:     info,
		m:        info.Map,
		log:      g.cfg.Logger.Debug,
		local:    -1,
		focus:    game.Vec2{X: info.Map.Width / 2, Y: info.Map.Height / 2},
		names:    make(map[game.PlayerID]string),
		bots:     make(map[game.PlayerID]bool),
		launched: make(map[uint16]bool),
		health:   -1,
		chat:     model.NewChatField(),

		showNetGraph: g.settings.NetGraph,
	}
	s.aim.Sensitivity = g.settings.Sensitivity
	s.cam = model.CameraOrigin(s.focus, ScreenWidth, ScreenHeight, s.m.Width, s.m.Height)
	return s
}

func (s *playScene) Update(g *Game) error {
	select {
	case <-s.sess.Done():
		err := s.sess.Err()
		g.cfg.Logger.Info("session ended", "err", err)
		go s.sess.Close() // releases what is left; must not block Update
		g.goTo(newFailureScene(g, s.lobby.rejoin(s.name), model.StagePlay, err))
		return nil
	default:
	}
	s.now = time.Now()

	// What the player wants goes to the session first, so the player is
	// drawn moving on this very frame: the session predicts each input
	// the moment it makes it. The aim is from where the player was drawn
	// last frame, one frame old, which no one can see.
	c, cx, cy, sx, sy, stickOK := s.dev.readControls()
	aim := s.aim.UpdateAt(s.now, s.focus.X-s.cam.X, s.focus.Y-s.cam.Y, cx, cy, sx, sy, stickOK)
	wasChatting := s.chatting
	if !s.pause.isOpen() && s.updateChat(g.keys) {
		c = model.Controls{} // typing: WASD are letters, not moves
	}
	if paused, leave := s.pause.step(g, wasChatting || s.chatting); leave {
		go s.sess.Close() // Leave, then close 1000; must not block Update
		g.goTo(newTitleScene(g, s.name))
		return nil
	} else if paused {
		c = model.Controls{}
	}
	if _, err := s.sess.Update(s.now, c.Input(aim)); err != nil {
		s.log("update session", "err", err) // Done reports why next frame
	}

	s.players = s.sess.Players(s.now, s.players[:0])
	s.local = -1
	for i, p := range s.players {
		s.names[p.ID] = p.Name
		if p.Bot {
			s.bots[p.ID] = true
		}
		if p.Local {
			s.local = i
			s.focus = p.Pos
			s.dev.weapons.Observe(p.Weapon) // the next switch goes from what is held
		}
	}
	s.observeMatch(g)
	s.observeArms(g)
	s.cam = model.CameraOrigin(s.focus, ScreenWidth, ScreenHeight, s.m.Width, s.m.Height)
	s.observeLocal()

	s.showScores = ebiten.IsKeyPressed(ebiten.KeyTab)
	if s.showScores {
		s.rows = model.ScoreRows(s.rows[:0], s.players)
	}
	if g.keys.netGraph || !s.chatting && inpututil.IsKeyJustPressed(ebiten.KeyN) {
		s.showNetGraph = !s.showNetGraph
	}
	g.sound.setVolume(g.settings.Volume)
	if !s.chatting && g.keys.mute {
		g.sound.toggleMute()
	}
	if h := g.sound.help(); h != s.soundHelp {
		s.soundHelp = h
		s.helpLine = "Q/E weapon · Enter chat · Tab scores · F3 net graph · " + h
	}
	s.stats = s.sess.Stats()
	s.netGraph.Observe(s.now, &s.stats)
	s.fps = ebiten.ActualFPS()

	s.fx.Expire(s.now)
	s.events = s.sess.DrainEvents(s.events[:0])
	for i := range s.events {
		e := &s.events[i]
		s.apply(e)
		s.armsEvent(g, e)
		g.sound.event(e, s.info.PlayerID, s.focus)
		if e.Kind == client.EventKill && e.Other != s.info.PlayerID {
			if p, ok := s.player(e.Other); ok {
				g.sound.cue(g.sound.cues.OtherDeath(p.Pos, s.focus))
			}
		}
	}
	return nil
}

// observeMatch takes the match's phase, clock and map from the feed:
// the sounds of its phases, the winner screen's board when it ends, and
// a new map when the next match moves to one (the map's images are
// redrawn by Draw).
func (s *playScene) observeMatch(g *Game) {
	mi := s.sess.Match()
	s.match = matchView{phase: mi.Phase, left: mi.Remaining(), mapName: mi.Map}
	snd, ended := s.watch.Observe(mi.Phase, mi.Number, s.match.left)
	if snd != model.SoundNone {
		g.sound.cue(g.sound.cues.Cue(snd, model.MatchVolume))
	}
	if ended || mi.Phase == game.PhaseEnded && len(s.winner.Rows) != len(mi.Scores) {
		s.final = model.FinalRows(s.final[:0], mi.Scores, s.info.PlayerID, s.isBot)
		s.winner = model.NewWinner(s.final, mi.Winner)
	}
	if m := s.sess.Map(); m != nil && m != s.m {
		s.m = m
		s.log("map changed", "map", m.Name)
	}
}

// isBot reports whether player id has been drawn as a bot.
func (s *playScene) isBot(id game.PlayerID) bool { return s.bots[id] }

// hurtFor is how long the screen's edges redden after losing health.
const hurtFor = 350 * time.Millisecond

// observeLocal follows the local player's health and life for the death
// screen, the respawn flash and the red edges of a hit.
func (s *playScene) observeLocal() {
	if s.local < 0 {
		return
	}
	me := &s.players[s.local]
	s.death.Observe(me.Alive, s.now)
	s.ready = s.cooldown.Observe(me.CooldownTicks)
	if me.Alive && s.health >= 0 && me.Health < s.health {
		s.hurtAt = s.now
	}
	s.health = me.Health
	if !me.Alive {
		s.health = -1
	}
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
func (s *playScene) apply(e *client.Event) {
	switch e.Kind {
	case client.EventShot:
		s.fx.AddShot(e, s.info.PlayerID, s.now)
	case client.EventKill:
		local := s.info.PlayerID
		s.fx.AddKill(model.KillLine(e.Player, s.nameOf(e.Player, e.Name), e.Other, s.nameOf(e.Other, e.OtherName), uiWeapon(e.Weapon), local, s.now))
		if e.Other == local {
			s.death.Killed(e.Player, s.nameOf(e.Player, e.Name), local, s.now)
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

// player is the player id as drawn this frame, if it is.
func (s *playScene) player(id game.PlayerID) (*client.PlayerView, bool) {
	for i := range s.players {
		if s.players[i].ID == id {
			return &s.players[i], true
		}
	}
	return nil, false
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

// report tells f what the last Draw showed.
func (s *playScene) report(f *Frame) {
	f.Playing = true
	if s.local >= 0 {
		me := &s.players[s.local]
		f.LocalDrawn, f.LocalPos, f.LocalAlive = true, me.Pos, me.Alive
	}
	f.NetGraph = s.showNetGraph
	f.RTT, f.MinRTT = s.stats.RTT, s.stats.MinRTT
	f.InputsMade, f.PredictedTicks = s.stats.InputsSent, s.stats.PredictedTicks
}

// close leaves the game: Leave, then close 1000.
func (s *playScene) close() error { return s.sess.Close() }
