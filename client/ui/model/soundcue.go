package model

// Which session events make which sound, how loud, and the mute switch.

import (
	"arena/client"
	"arena/game"
)

// Volumes of the sounds, 0..1, before distance. Others' shots are quieter
// than one's own, which must stand out in a busy room.
const (
	OwnShotVolume   = 0.6
	OtherShotVolume = 0.35
	HitVolume       = 0.7
)

// How far off another player's shot is heard, in world units from the
// local player: at full volume up to HearFull (about half a screen, so
// every shot on screen), fading linearly to silence at HearMax.
const (
	HearFull = 640.0
	HearMax  = 1600.0
)

// SoundCue is a sound to play and how loud, 0..1.
type SoundCue struct {
	Sound  Sound
	Volume float64
}

// SoundCues decides which session events make which sound. Muted
// silences them all. The zero value plays sound.
type SoundCues struct {
	Muted bool
}

// ToggleMute mutes or unmutes, and reports whether it is muted now.
func (c *SoundCues) ToggleMute() bool {
	c.Muted = !c.Muted
	return c.Muted
}

// ForEvent is the sound for session event ev, heard by the local player
// (id local) standing at listener; ok is false when ev makes none. The
// local player's own shot sounds when it is fired (the session predicts
// it, Predicted); the server's account of it a round trip later sounds
// only when it hit someone, as a hit. Others' shots sound from where they
// were fired, quieter with distance, and not at all beyond HearMax.
func (c *SoundCues) ForEvent(ev *client.Event, local game.PlayerID, listener game.Vec2) (cue SoundCue, ok bool) {
	if c.Muted || ev.Kind != client.EventShot {
		return SoundCue{}, false
	}
	switch {
	case ev.Player == local && ev.Predicted:
		return SoundCue{Sound: SoundOwnShot, Volume: OwnShotVolume}, true
	case ev.Player == local:
		if ev.Other == 0 {
			return SoundCue{}, false
		}
		return SoundCue{Sound: SoundHit, Volume: HitVolume}, true
	}
	v := OtherShotVolume * hearing(ev.From.Dist(listener))
	if v <= 0 {
		return SoundCue{}, false
	}
	return SoundCue{Sound: SoundOtherShot, Volume: v}, true
}

// SoundHelp is the help line's word on sound: the key and what it does,
// or that there is no sound device to play on.
func SoundHelp(muted, noDevice bool) string {
	switch {
	case noDevice:
		return "no sound device"
	case muted:
		return "M unmute"
	}
	return "M mute"
}

// hearing is the share of a sound's volume heard dist world units away.
func hearing(dist float64) float64 {
	switch {
	case dist <= HearFull:
		return 1
	case dist >= HearMax:
		return 0
	}
	return (HearMax - dist) / (HearMax - HearFull)
}
