package ui

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"arena/client"
	"arena/client/ui/model"
)

// The logical screen size. Layout always returns it; Ebiten scales it to the
// window or the browser canvas.
const (
	ScreenWidth  = 1280
	ScreenHeight = 720
)

// DefaultDialTimeout bounds connecting to the server when Config.DialTimeout is 0.
const DefaultDialTimeout = 10 * time.Second

// Config configures a Game. Zero fields take defaults.
type Config struct {
	// ServerURL is the game server's WebSocket URL, e.g. "ws://127.0.0.1:8080/ws".
	ServerURL string
	// Name, when set, skips the title scene and joins at once with it.
	Name string
	// Room, when set, is a room code to join (the page's ?room=CODE, the
	// -room flag): with Name, at once; else the title offers it first.
	Room string
	// Private makes a new private room and joins it at once (gameclient
	// -private), as Name or the saved name; Room must then be "".
	Private bool
	// Settings keeps the player's settings between runs; nil means the
	// platform's (model.DefaultSettingsStore: a file on the desktop,
	// localStorage in the browser).
	Settings model.SettingsStore
	// DialTimeout bounds connecting; DefaultDialTimeout when 0.
	DialTimeout time.Duration
	// Mute starts the game silent; M in the match toggles sound. Muted,
	// the client does not open the sound device until unmuted.
	Mute bool
	// Logger receives connection events; nil discards them.
	Logger *slog.Logger
	// Replay, when set, is played instead of joining a server (gameclient
	// -replay FILE): the match scene shows it with a free camera.
	Replay *client.Replay
	// OnDraw, when set, is called after every Draw with what it showed,
	// for a tool that watches the client (the browser test's probe). It
	// runs on Ebiten's goroutine and must not keep f.
	OnDraw func(f *Frame)
}

// Game is the Arena client as an ebiten.Game: a scene manager plus what the
// scenes share (configuration and fonts). Ebiten calls its methods from one
// goroutine; Close may be called after ebiten.RunGame returns.
type Game struct {
	ctx       context.Context // Update ends the game when it is done
	cfg       Config
	fonts     *fonts
	cur       scene
	latch     *keyLatch
	backspace model.KeyRepeat
	keys      keys  // this update's editing keys, read once in Update
	frame     Frame // what the last Draw showed
	sound     *sound

	now      time.Time       // this Update's instant
	menuRead menuReader      // the devices as menu navigation
	menu     model.MenuInput // this update's, read once in Update

	vp      model.Viewport // the screen's mapping to the logical one, from Layout
	logical *ebiten.Image  // a logical-size screen for scenes that draw at logical pixels

	store       model.SettingsStore
	settings    model.Settings // as last loaded or saved
	settingsMsg string         // why the settings could not be loaded or saved, for the title
}

// NewGame returns a Game showing the title scene, or the connecting scene when
// cfg.Name is set.
func NewGame(cfg Config) (*Game, error) {
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	f, err := loadFonts()
	if err != nil {
		return nil, err
	}
	g := &Game{ctx: context.Background(), cfg: cfg, fonts: f, latch: newKeyLatch(), sound: newSound(cfg.Logger, cfg.Mute)}
	g.loadSettings()
	switch {
	case cfg.Replay != nil:
		g.cur = newReplayScene(g, cfg.Replay)
	case cfg.Private:
		name := cfg.Name
		if name == "" {
			name = g.settings.Name
		}
		g.cur = newConnectScene(g, model.JoinRequest{Kind: model.JoinCreatePrivate, Name: name})
	case cfg.Name != "" && cfg.Room != "":
		g.cur = newConnectScene(g, model.JoinRequest{Kind: model.JoinCode, Name: cfg.Name, Room: cfg.Room})
	case cfg.Name != "":
		g.cur = newConnectScene(g, model.JoinRequest{Kind: model.JoinQuick, Name: cfg.Name})
	default:
		g.cur = newTitleScene(g, g.settings.Name)
	}
	return g, nil
}

// goTo switches to s from the next Update on.
func (g *Game) goTo(s scene) { g.cur = s }

// Update steps the current scene.
func (g *Game) Update() error {
	if g.ctx.Err() != nil {
		return ebiten.Termination
	}
	g.now = time.Now()
	readKeys(g.latch, &g.backspace, &g.keys, g.now)
	if g.vp.Scale == 0 {
		g.vp = model.UnitViewport(ScreenWidth, ScreenHeight)
	}
	g.menu = g.menuRead.read(&g.keys, g.now, g.vp)
	if u, ok := g.cur.(viewportUser); ok {
		u.setViewport(g.vp)
	}
	g.sound.update()
	return g.cur.Update(g)
}

// Draw draws the current scene, then tells Config.OnDraw what it showed.
// A scene that draws through a view (view.go) draws at the device's
// pixels; any other is drawn on a logical-size image scaled onto the
// screen (drawn directly when the screen is logical-size).
func (g *Game) Draw(screen *ebiten.Image) {
	vp := g.vp
	if vp.Scale == 0 || screen.Bounds().Dx() != vp.Width || screen.Bounds().Dy() != vp.Height {
		vp = model.UnitViewport(ScreenWidth, ScreenHeight) // before the first Layout
	}
	v := newView(screen, vp, g.fonts)
	switch d := g.cur.(type) {
	case viewDrawer:
		d.drawView(v)
	default:
		if vp.Scale == 1 && vp.OffsetX == 0 && vp.OffsetY == 0 {
			g.cur.Draw(screen)
			break
		}
		if g.logical == nil {
			g.logical = ebiten.NewImage(ScreenWidth, ScreenHeight)
		}
		g.logical.Clear()
		g.cur.Draw(g.logical)
		screen.Fill(rgb(colorBackground))
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		if vp.Scale == math.Floor(vp.Scale) {
			op.Filter = ebiten.FilterNearest // whole pixels, as Ebiten scales
		}
		op.GeoM.Scale(vp.Scale, vp.Scale)
		op.GeoM.Translate(vp.OffsetX, vp.OffsetY)
		screen.DrawImage(g.logical, op)
	}
	if o, ok := g.cur.(overlayDrawer); ok {
		o.drawOverlay(v)
	}
	if g.cfg.OnDraw == nil {
		return
	}
	g.frame = Frame{N: g.frame.N + 1, Scene: sceneName(g.cur), Focus: -1}
	if m := sceneMenu(g.cur); m != nil {
		g.frame.Focus = m.Focus
	}
	g.sound.report(&g.frame)
	if r, ok := g.cur.(frameReporter); ok {
		r.report(&g.frame)
	}
	g.cfg.OnDraw(&g.frame)
}

// Layout makes the screen as large as the window in device pixels
// (its size times the monitor's device scale factor), so that scenes draw
// at the device's own pixels (view.go): sharp at any size and DPI. The
// logical screen, ScreenWidth x ScreenHeight, is scaled to fit it.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	dsf := 1.0
	if m := ebiten.Monitor(); m != nil {
		dsf = m.DeviceScaleFactor()
	}
	g.vp = model.NewViewport(float64(outsideWidth), float64(outsideHeight), dsf, ScreenWidth, ScreenHeight)
	return g.vp.Width, g.vp.Height
}

// Close releases what the current scene holds: it cancels a dial in flight or
// leaves the game cleanly (Leave, then close 1000).
func (g *Game) Close() error {
	if c, ok := g.cur.(closer); ok {
		return c.close()
	}
	return nil
}

// Run opens the "Arena" window (resizable, ScreenWidth x ScreenHeight; the
// page's canvas in the browser) and runs a Game until the window is closed or
// ctx is done; then it leaves the game cleanly.
func Run(ctx context.Context, cfg Config) error {
	g, err := NewGame(cfg)
	if err != nil {
		return err
	}
	g.ctx = ctx
	ebiten.SetWindowTitle("Arena")
	ebiten.SetWindowSize(ScreenWidth, ScreenHeight)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(g.settings.Fullscreen)
	// One Update per rendered frame. The session paces the inputs to the
	// server's ticks itself (client.Session.Update), so Update need not
	// run at the tick rate; once a frame, it sees a key press on the very
	// next frame (7 ms later on a 144 Hz display, where a fixed 60 TPS
	// could wait 17 ms and skip frames) and each Draw shows the players as
	// of its own frame. What must not depend on the frame rate (key
	// repeat, blinking, effects) goes by the clock.
	ebiten.SetTPS(ebiten.SyncWithFPS)
	// Keep sending inputs when the window loses focus: the server would
	// otherwise see a frozen player.
	ebiten.SetRunnableOnUnfocused(true)
	runErr := ebiten.RunGame(g)
	return errors.Join(runErr, g.Close())
}
