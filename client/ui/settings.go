package ui

import (
	"github.com/hajimehoshi/ebiten/v2"

	"arena/client/ui/model"
)

// loadSettings reads the player's settings from Config.Settings (or the
// platform's store). A store that cannot be read leaves the defaults and
// a message for the title scene.
func (g *Game) loadSettings() {
	g.store = g.cfg.Settings
	if g.store == nil {
		st, err := model.DefaultSettingsStore()
		if err != nil {
			g.cfg.Logger.Warn("settings", "err", err)
			g.settingsMsg = err.Error()
		}
		g.store = st
	}
	s, err := g.store.Load()
	if err != nil {
		g.cfg.Logger.Warn("settings", "where", g.store.Where(), "err", err)
		g.settingsMsg = err.Error()
	}
	g.settings = s
}

// saveSettings makes s the settings, applies what applies at once
// (fullscreen) and keeps them; a failure to keep them is said on the title
// scene and logged, and the settings still apply to this run.
func (g *Game) saveSettings(s model.Settings) {
	s = s.Normalized()
	if s.Fullscreen != g.settings.Fullscreen {
		ebiten.SetFullscreen(s.Fullscreen)
	}
	g.settings = s
	if err := g.store.Save(s); err != nil {
		g.cfg.Logger.Warn("settings", "where", g.store.Where(), "err", err)
		g.settingsMsg = err.Error()
		return
	}
	g.settingsMsg = ""
}

// Settings returns the player's settings as they are now (for the match's
// HUD and sound: volume, net graph, sensitivity).
func (g *Game) Settings() model.Settings { return g.settings }
