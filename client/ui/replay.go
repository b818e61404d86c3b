package ui

// The replay viewer (gameclient -replay FILE): the match scene drawing a
// client.Replay instead of a live session, with a free camera, playback
// keys and a status bar. The match scene draws; this scene steers its
// camera and the playback.

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

// replayScene plays a recording in the match scene.
type replayScene struct {
	play   *playScene
	rp     *client.Replay
	cam    model.ReplayCamera
	ids    []game.PlayerID // the players shown, by ID: what 1-9 follow
	last   time.Time       // the previous Update's instant
	status string          // the status bar's line
	title  string          // what is playing
	vp     model.Viewport  // how the screen maps to the logical one
	ended  bool            // the end was logged
	// barHeld is set while a press that began on the progress bar is held.
	barHeld bool
}

// newReplayScene shows rp, playing, on a free camera over the map's centre.
func newReplayScene(g *Game, rp *client.Replay) *replayScene {
	s := &replayScene{play: newPlayScene(g, "", rp), rp: rp}
	s.play.spectating = "watching a replay"
	s.cam.Center(rp.Map())
	h := rp.Header()
	s.title = "Replay · room " + h.Room
	if !h.Started.IsZero() {
		s.title += " · " + h.Started.Local().Format("2006-01-02 15:04")
	}
	rp.SetPaused(false)
	return s
}

func (s *replayScene) Update(g *Game) error {
	now := g.now
	dt := time.Duration(0)
	if !s.last.IsZero() {
		dt = min(now.Sub(s.last), 100*time.Millisecond)
	}
	s.last = now
	if !s.play.pause.isOpen() && !s.play.chatting {
		s.readKeys(dt)
	}
	g.keys.enter = false // no chat line: nobody hears a recording
	if err := s.play.Update(g); err != nil {
		return err
	}
	s.play.helpLine = "" // the replay's keys are in its bar
	if g.cur != s {
		return nil // the pause menu left the replay
	}
	s.ids = s.ids[:0]
	pos, shown := game.Vec2{}, false
	for i := range s.play.players {
		p := &s.play.players[i]
		s.ids = append(s.ids, p.ID)
		if p.ID == s.cam.Follow {
			pos, shown = p.Pos, true
		}
	}
	s.cam.Update(pos, shown)
	s.cam.Clamp(s.play.m.Width, s.play.m.Height)
	s.play.focus = s.cam.Focus
	s.play.cam = model.CameraOrigin(s.cam.Focus, ScreenWidth, ScreenHeight, s.play.m.Width, s.play.m.Height)
	s.status = model.ReplayStatus(s.rp.Tick(), s.rp.Length(), s.rp.Info().TickRate, s.rp.Speed(), s.rp.Paused(), s.rp.Ended())
	if s.cam.Follow != 0 {
		s.status += " · following " + s.play.nameOf(s.cam.Follow, "")
	}
	if err := s.rp.Err(); err != nil {
		s.status += " · " + err.Error()
	}
	if ended := s.rp.Ended(); ended != s.ended {
		s.ended = ended
		if ended {
			g.cfg.Logger.Info("replay ended", "tick", s.rp.Tick(), "ticks", s.rp.Length())
		}
	}
	return nil
}

// readKeys turns this frame's keys and mouse into playback and camera
// changes.
func (s *replayScene) readKeys(dt time.Duration) {
	rp := s.rp
	just := inpututil.IsKeyJustPressed
	switch {
	case just(ebiten.KeySpace):
		if rp.Ended() {
			rp.SeekTo(0)
			rp.SetPaused(false)
		} else {
			rp.SetPaused(!rp.Paused())
		}
	case just(ebiten.KeyBracketRight):
		rp.SetSpeed(model.NextReplaySpeed(rp.Speed(), true))
	case just(ebiten.KeyBracketLeft):
		rp.SetSpeed(model.NextReplaySpeed(rp.Speed(), false))
	case just(ebiten.KeyPeriod):
		rp.SeekBy(10 * time.Second)
	case just(ebiten.KeyComma):
		rp.SeekBy(-10 * time.Second)
	case just(ebiten.KeyHome):
		rp.SeekTo(0)
	}
	for n := range 10 {
		if just(ebiten.Key0+ebiten.Key(n)) || just(ebiten.KeyNumpad0+ebiten.Key(n)) {
			s.cam.FollowNth(n, s.ids)
		}
	}
	held := func(keys ...ebiten.Key) float64 {
		for _, k := range keys {
			if ebiten.IsKeyPressed(k) {
				return 1
			}
		}
		return 0
	}
	dx := held(ebiten.KeyD, ebiten.KeyArrowRight) - held(ebiten.KeyA, ebiten.KeyArrowLeft)
	dy := held(ebiten.KeyS, ebiten.KeyArrowDown) - held(ebiten.KeyW, ebiten.KeyArrowUp)
	s.cam.Pan(dx, dy, dt)
	x, y := ebiten.CursorPosition()
	lx, ly := float64(x), float64(y)
	if s.vp.Scale != 0 {
		lx, ly = s.vp.ToLogical(lx, ly)
	}
	down := ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		tick, ok := model.ReplayBarSeek(lx, ly, replayProgress, rp.Length())
		s.barHeld = ok
		if ok {
			rp.SeekTo(tick)
		}
	}
	if s.barHeld {
		s.barHeld = down // a press on the bar seeks; it does not pan
		return
	}
	s.cam.Drag(lx, ly, down)
}

// Draw draws the replay on a logical-size screen (Game.Draw calls
// drawView and drawOverlay instead, at the device's pixels).
func (s *replayScene) Draw(screen *ebiten.Image) {
	v := unitView(screen, s.play.fonts)
	s.drawView(v)
	s.drawOverlay(v)
}

// drawView draws the match's world.
func (s *replayScene) drawView(v *view) { s.play.drawView(v) }

// drawOverlay draws the match's HUD (and its pause menu when open), then
// the replay's bar along the bottom: what is playing, the status line,
// the progress and the keys.
func (s *replayScene) drawOverlay(v *view) {
	s.play.drawOverlay(v)
	if s.play.pause.isOpen() {
		return
	}
	p := replayPanel
	v.panel(p.X, p.Y, p.W, p.H)
	v.text(s.title, v.f.normal, p.X+12, p.Y+6, text.AlignStart, rgb(colorAccent))
	v.text(s.status, v.f.normal, p.Right()-12, p.Y+6, text.AlignEnd, rgb(colorText))
	if n := s.rp.Length(); n > 0 {
		b := replayProgress
		v.rect(b.X, b.Y, b.W, b.H, rgb(colorBarTrack))
		v.rect(b.X, b.Y, b.W*float64(s.rp.Tick())/float64(n), b.H, rgb(colorAccent))
	}
	v.text(model.ReplayHelp, v.f.small, ScreenWidth/2, p.Y+42, text.AlignCenter, rgb(colorDim))
}

// The replay's bar along the bottom, and its progress bar (a click on it
// seeks), in logical pixels.
var (
	replayPanel    = model.Rect{X: 12, Y: ScreenHeight - 72, W: ScreenWidth - 24, H: 64}
	replayProgress = model.Rect{X: replayPanel.X + 12, Y: replayPanel.Y + 34, W: replayPanel.W - 24, H: 4}
)

// setViewport passes the device-to-logical mapping on: the match scene's
// devices and the camera's drag read the cursor through it.
func (s *replayScene) setViewport(vp model.Viewport) {
	s.vp = vp
	s.play.setViewport(vp)
}

// report tells f what the last Draw showed: the match scene's frame.
func (s *replayScene) report(f *Frame) { s.play.report(f) }

// close ends the replay.
func (s *replayScene) close() error { return s.rp.Close() }
