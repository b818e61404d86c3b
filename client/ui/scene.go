package ui

import (
	"github.com/hajimehoshi/ebiten/v2"

	"arena/client/ui/model"
)

// scene is one screen of the UI, in the manner of Ebiten's examples/blocks
// scene manager: Update steps it (and may switch to another scene through the
// Game), Draw only draws it.
type scene interface {
	Update(g *Game) error
	Draw(screen *ebiten.Image)
}

// closer is implemented by scenes that own something to release (a dial in
// flight, a session) when the program ends.
type closer interface {
	close() error
}

// overlayDrawer is implemented by scenes that draw something above what
// their Draw drew, after it (the match's touch sticks and pause menu).
type overlayDrawer interface {
	drawOverlay(v *view)
}

// viewportUser is implemented by scenes that read the cursor or touches
// themselves and so need the device-to-logical mapping.
type viewportUser interface {
	setViewport(vp model.Viewport)
}

// sceneName names a scene for Frame.Scene.
func sceneName(s scene) string {
	switch s := s.(type) {
	case *titleScene:
		return "title"
	case *codeScene:
		return "code"
	case *roomListScene:
		return "rooms"
	case *settingsScene:
		return "settings"
	case *connectScene:
		return "connecting"
	case *failureScene:
		return "failure"
	case *playScene:
		if s.pause.isOpen() {
			return "paused"
		}
		return "play"
	}
	return ""
}

// sceneMenu is the menu a scene shows, or nil.
func sceneMenu(s scene) *model.Menu {
	switch s := s.(type) {
	case *titleScene:
		return s.menu.Menu
	case *codeScene:
		return s.form.Menu
	case *roomListScene:
		return s.list.Menu
	case *settingsScene:
		return s.menu.Menu
	case *playScene:
		if s.pause.isOpen() {
			return s.pause.m.Menu
		}
	}
	return nil
}
