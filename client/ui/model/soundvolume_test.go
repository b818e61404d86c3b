package model_test

import (
	"bytes"
	"math"
	"testing"
	"time"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

func TestSoundCuesVolume(t *testing.T) {
	t.Parallel()
	own := client.Event{Kind: client.EventShot, Player: 1, Predicted: true}
	var c model.SoundCues
	if c.Gain() != 1 {
		t.Fatalf("the zero value's gain is %v, want 1", c.Gain())
	}
	c.SetVolume(50)
	cue, ok := c.ForEvent(&own, 1, game.Vec2{})
	if !ok || math.Abs(cue.Volume-model.OwnShotVolume*0.25) > 1e-9 {
		t.Errorf("volume 50: cue %v %v, want %v (half the setting is a quarter of the gain)", cue.Volume, ok, model.OwnShotVolume*0.25)
	}
	c.SetVolume(0)
	if cue, ok := c.ForEvent(&own, 1, game.Vec2{}); ok {
		t.Errorf("volume 0 still plays %v at %v", cue.Sound, cue.Volume)
	}
	if _, ok := c.Cue(model.SoundMatchStart, model.MatchVolume); ok {
		t.Error("volume 0 still plays the match start")
	}
	c.SetVolume(250)
	if c.Gain() != 1 {
		t.Errorf("volume 250 clamps to gain %v, want 1", c.Gain())
	}
	c.SetVolume(-4)
	if c.Gain() != 0 {
		t.Errorf("volume -4 clamps to gain %v, want 0", c.Gain())
	}
}

func TestSoundCuesOtherDeathByDistance(t *testing.T) {
	t.Parallel()
	var c model.SoundCues
	me := game.Vec2{X: 100, Y: 100}
	if cue, ok := c.OtherDeath(game.Vec2{X: 300, Y: 100}, me); !ok || cue.Sound != model.SoundOtherDeath || cue.Volume != model.OtherDeathVol {
		t.Errorf("a death nearby: %v %v %v", cue.Sound, cue.Volume, ok)
	}
	if _, ok := c.OtherDeath(game.Vec2{X: 100 + model.HearMax, Y: 100}, me); ok {
		t.Error("a death out of hearing sounds")
	}
	c.Muted = true
	if _, ok := c.OtherDeath(me, me); ok {
		t.Error("muted, a death sounds")
	}
}

// TestNewSoundsShape checks every sound added for the match: its length,
// no click at either end, and that no two sounds are the same.
func TestNewSoundsShape(t *testing.T) {
	t.Parallel()
	for _, s := range model.Sounds {
		pcm := s.PCM()
		if want := int(s.Length().Seconds()*model.SoundSampleRate) * 4; len(pcm) != want || want == 0 {
			t.Errorf("%v: %d bytes, want %d", s, len(pcm), want)
			continue
		}
		left, _ := channels(t, pcm)
		if math.Abs(left[0]) > 0.01 || math.Abs(left[len(left)-1]) > 0.01 {
			t.Errorf("%v: starts at %.4f, ends at %.4f; want both near 0", s, left[0], left[len(left)-1])
		}
		if p := peak(left); p < 0.3 || p > 0.95 {
			t.Errorf("%v: peak %.2f, want audible and below clipping", s, p)
		}
		for _, o := range model.Sounds {
			if o < s && bytes.Equal(pcm, o.PCM()) {
				t.Errorf("%v and %v are the same sound", s, o)
			}
		}
		if s.String() == "unknown sound" {
			t.Errorf("sound %d has no name", s)
		}
	}
	if model.SoundDeath.Length() < 400*time.Millisecond || model.SoundExplosion.Length() < 400*time.Millisecond {
		t.Error("the death and the explosion should be long enough to feel heavy")
	}
}

// TestMatchJinglesRiseAndFall: the start's notes go up, the end's down.
func TestMatchJinglesRiseAndFall(t *testing.T) {
	t.Parallel()
	quarterZC := func(s model.Sound) (first, last float64) {
		l, _ := channels(t, s.PCM())
		q := len(l) / 4
		return zeroCrossings(l[:q]), zeroCrossings(l[len(l)-q:])
	}
	if f, l := quarterZC(model.SoundMatchStart); l <= f*1.5 {
		t.Errorf("match start: first quarter %.0f, last %.0f crossings/s; want it to rise", f, l)
	}
	if f, l := quarterZC(model.SoundMatchEnd); f <= l*1.5 {
		t.Errorf("match end: first quarter %.0f, last %.0f crossings/s; want it to fall", f, l)
	}
}
