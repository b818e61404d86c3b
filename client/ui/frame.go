package ui

import (
	"time"

	"arena/game"
)

// Frame is what one Draw showed, for a tool that watches the client through
// Config.OnDraw (the browser test's probe): a plain value.
type Frame struct {
	N       uint64 // frames drawn since the Game started, from 1
	Playing bool   // the match was drawn (the fields below are set)
	// Scene names the scene drawn: "title", "code", "rooms", "settings",
	// "connecting", "play", "paused" (the match under its pause menu),
	// "failure".
	Scene string
	// Focus is the focused button of the scene's menu (from 0), -1 when
	// it has none.
	Focus int

	// Sound, in any scene.
	Muted        bool   // muted (Config.Mute, or M in the match)
	SoundOn      bool   // the sound device is open and ready to play
	SoundsPlayed uint64 // sounds started since the Game started

	// The local player as drawn (predicted), once a snapshot has come.
	LocalDrawn     bool
	LocalPos       game.Vec2 // world units
	LocalAlive     bool
	NetGraph       bool          // the net graph was shown
	RTT, MinRTT    time.Duration // the session's, as the HUD shows them
	InputsMade     uint64        // inputs the session has made (the newest's seq)
	PredictedTicks int           // of which the server's newest snapshot has not consumed
}

// frameReporter is implemented by scenes that tell a Frame what they drew.
type frameReporter interface {
	report(f *Frame)
}
