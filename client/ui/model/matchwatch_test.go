package model_test

import (
	"testing"
	"time"

	"arena/client/ui/model"
	"arena/game"
)

func TestMatchWatchCycle(t *testing.T) {
	t.Parallel()
	var w model.MatchWatch
	type step struct {
		phase  game.Phase
		number uint32
		left   time.Duration
		sound  model.Sound
		ended  bool
	}
	ms := time.Millisecond
	steps := []step{
		{game.PhaseCountdown, 1, 5000 * ms, model.SoundNone, false}, // first sight: nothing
		{game.PhaseCountdown, 1, 4200 * ms, model.SoundNone, false},
		{game.PhaseCountdown, 1, 3000 * ms, model.SoundCountdown, false}, // 3
		{game.PhaseCountdown, 1, 2990 * ms, model.SoundNone, false},      // still 3
		{game.PhaseCountdown, 1, 1990 * ms, model.SoundCountdown, false}, // 2
		{game.PhaseCountdown, 1, 900 * ms, model.SoundCountdown, false},  // 1
		{game.PhaseCountdown, 1, 0, model.SoundNone, false},
		{game.PhasePlaying, 1, 300 * time.Second, model.SoundMatchStart, false},
		{game.PhasePlaying, 1, 299 * time.Second, model.SoundNone, false},
		{game.PhaseEnded, 1, 10 * time.Second, model.SoundMatchEnd, true},
		{game.PhaseEnded, 1, 9 * time.Second, model.SoundNone, false},
		{game.PhaseCountdown, 2, 5 * time.Second, model.SoundNone, false},
		{game.PhaseCountdown, 2, 2500 * ms, model.SoundCountdown, false}, // 3, even though 4 was skipped
	}
	for i, s := range steps {
		snd, ended := w.Observe(s.phase, s.number, s.left)
		if snd != s.sound || ended != s.ended {
			t.Errorf("step %d (%v %v left): sound %v ended %v, want %v %v", i, s.phase, s.left, snd, ended, s.sound, s.ended)
		}
	}
}

func TestMatchWatchJoinDuringEnded(t *testing.T) {
	t.Parallel()
	var w model.MatchWatch
	if snd, ended := w.Observe(game.PhaseEnded, 3, 5*time.Second); snd != model.SoundNone || !ended {
		t.Errorf("joining a room on its winner screen: sound %v ended %v, want none and the board due", snd, ended)
	}
	var e model.MatchWatch
	if snd, _ := e.Observe(game.PhasePlaying, 3, time.Minute); snd != model.SoundNone {
		t.Errorf("joining mid-match: %v, want no fanfare", snd)
	}
	if snd, _ := e.Observe(game.PhaseNone, 0, 0); snd != model.SoundNone {
		t.Errorf("an endless room: %v", snd)
	}
}
