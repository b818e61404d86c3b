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
	KillVolume      = 0.6
	DeathVolume     = 0.8
	OtherDeathVol   = 0.4
	RocketVolume    = 0.5
	ExplosionVolume = 0.8
	PickupVolume    = 0.6
	MatchVolume     = 0.7
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
// silences them all; SetVolume scales them. The zero value plays sound at
// full volume.
type SoundCues struct {
	Muted bool
	quiet float64 // 1 - the master gain, so the zero value is full volume
}

// SetVolume sets the master volume from a setting of 0..100 (clamped).
// The gain is the setting's square, so equal steps of the setting sound
// like equal steps of loudness; 0 is silent.
func (c *SoundCues) SetVolume(percent int) {
	f := float64(min(max(percent, 0), 100)) / 100
	c.quiet = 1 - f*f
}

// Gain is the master gain, 0..1, every cue's volume is scaled by.
func (c *SoundCues) Gain() float64 { return 1 - c.quiet }

// cue is snd at volume v scaled by the master gain; ok is false when
// that is silent or muted.
func (c *SoundCues) cue(snd Sound, v float64) (SoundCue, bool) {
	v *= c.Gain()
	if c.Muted || v <= 0 {
		return SoundCue{}, false
	}
	return SoundCue{Sound: snd, Volume: v}, true
}

// Cue is the sound snd at volume v (before the master gain), for what is
// not a session event of its own (the match's start and end, a
// countdown's beep); ok is false when muted or silent.
func (c *SoundCues) Cue(snd Sound, v float64) (SoundCue, bool) { return c.cue(snd, v) }

// Heard is snd at volume v made at from, heard at listener: full within
// HearFull, fading to nothing at HearMax.
func (c *SoundCues) Heard(snd Sound, v float64, from, listener game.Vec2) (SoundCue, bool) {
	return c.cue(snd, v*hearing(from.Dist(listener)))
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
//
// A kill sounds to the local player when it is the killer (a reward) or
// the victim; others' deaths are cued by OtherDeath where the victim was
// seen, since a kill event says nothing of where.
func (c *SoundCues) ForEvent(ev *client.Event, local game.PlayerID, listener game.Vec2) (cue SoundCue, ok bool) {
	switch ev.Kind {
	case client.EventKill:
		switch {
		case ev.Other == local:
			return c.cue(SoundDeath, DeathVolume)
		case ev.Player == local:
			return c.cue(SoundKill, KillVolume)
		}
		return SoundCue{}, false
	case client.EventShot:
	default:
		return SoundCue{}, false
	}
	switch {
	case ev.Player == local && ev.Predicted:
		return c.cue(SoundOwnShot, OwnShotVolume)
	case ev.Player == local:
		if ev.Other == 0 {
			return SoundCue{}, false
		}
		return c.cue(SoundHit, HitVolume)
	}
	return c.Heard(SoundOtherShot, OtherShotVolume, ev.From, listener)
}

// OtherDeath is the sound of another player dying at where, heard at
// listener.
func (c *SoundCues) OtherDeath(where, listener game.Vec2) (SoundCue, bool) {
	return c.Heard(SoundOtherDeath, OtherDeathVol, where, listener)
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
