package model

// What the match's phases sound like: a beep for each of the countdown's
// last seconds, a fanfare when play starts, another when it ends.

import (
	"time"

	"arena/game"
)

// CountdownBeeps is how many of the countdown's last seconds beep.
const CountdownBeeps = 3

// MatchWatch follows the match phase frame by frame and says when
// something should sound. The zero value has seen nothing: the first
// Observe only learns where the match is (a player joining mid-match
// hears no fanfare).
type MatchWatch struct {
	seen   bool
	phase  game.Phase
	number uint32
	beep   int // the countdown number that last beeped
}

// Observe takes the match's phase, number and time left in the phase at
// this frame and returns the sound to play (SoundNone for none) and
// whether the match has just ended (the winner screen's board is due).
func (w *MatchWatch) Observe(phase game.Phase, number uint32, left time.Duration) (Sound, bool) {
	if !w.seen {
		w.seen, w.phase, w.number = true, phase, number
		w.beep = CountdownNumber(left)
		return SoundNone, phase == game.PhaseEnded
	}
	changed := phase != w.phase || number != w.number
	w.phase, w.number = phase, number
	switch {
	case changed && phase == game.PhasePlaying:
		return SoundMatchStart, false
	case changed && phase == game.PhaseEnded:
		return SoundMatchEnd, true
	case phase == game.PhaseCountdown:
		n := CountdownNumber(left)
		if changed {
			w.beep = 0
		}
		if n != w.beep && n >= 1 && n <= CountdownBeeps {
			w.beep = n
			return SoundCountdown, false
		}
		w.beep = n
	}
	return SoundNone, false
}
