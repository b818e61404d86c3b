package model

// The match's sounds, made in code rather than loaded: each is a few tens
// of milliseconds of enveloped noise and tone, so there is no asset to
// ship and every build sounds the same.

import (
	"encoding/binary"
	"math"
	"time"
)

// SoundSampleRate is the rate of every Sound's PCM, in frames a second.
const SoundSampleRate = 48000

// Sound is one of the sounds the match plays.
type Sound uint8

// The sounds. SoundNone plays nothing.
const (
	SoundNone       Sound = iota
	SoundOwnShot          // the local player's shot, the moment it is fired (predicted)
	SoundOtherShot        // another player's shot, as the server tells it
	SoundHit              // the server says the local player's shot hit someone
	SoundKill             // the local player killed someone
	SoundDeath            // the local player was killed
	SoundOtherDeath       // someone else died within hearing
	SoundRocket           // a rocket launched (anyone's, quieter with distance)
	SoundExplosion        // a rocket exploded
	SoundPickup           // the local player took a pickup
	SoundMatchStart       // the match began (after the countdown)
	SoundMatchEnd         // the match ended
	SoundCountdown        // one tick of the countdown's last seconds
)

// Sounds lists every Sound that plays something.
var Sounds = [...]Sound{SoundOwnShot, SoundOtherShot, SoundHit, SoundKill, SoundDeath, SoundOtherDeath,
	SoundRocket, SoundExplosion, SoundPickup, SoundMatchStart, SoundMatchEnd, SoundCountdown}

// String names the sound, for logs and tests.
func (s Sound) String() string {
	switch s {
	case SoundNone:
		return "none"
	case SoundOwnShot:
		return "own shot"
	case SoundOtherShot:
		return "other shot"
	case SoundHit:
		return "hit"
	case SoundKill:
		return "kill"
	case SoundDeath:
		return "death"
	case SoundOtherDeath:
		return "other death"
	case SoundRocket:
		return "rocket"
	case SoundExplosion:
		return "explosion"
	case SoundPickup:
		return "pickup"
	case SoundMatchStart:
		return "match start"
	case SoundMatchEnd:
		return "match end"
	case SoundCountdown:
		return "countdown"
	}
	return "unknown sound"
}

// synth describes a sound: noise and a tone sweeping from toneHz to
// toneEndHz, mixed, under an envelope that rises over soundAttack, decays
// exponentially with time constant decay and fades to silence over the
// last soundRelease, then scaled so its loudest sample is peak.
type synth struct {
	length    time.Duration
	decay     time.Duration
	peak      float64 // of full scale, 0..1
	noise     float64 // share of noise in the mix, 0..1; the rest is the tone
	dull      float64 // one-pole low-pass on the noise, 0 (none) .. <1 (muffled)
	toneHz    float64
	toneEndHz float64
	// notes, when set, replace the sweep: the tone steps through these
	// frequencies in equal parts of the length (a jingle), each note
	// re-struck (the envelope restarts) so it reads as a melody.
	notes []float64
	seed  uint32 // the noise's, so the sound is the same every time
}

// Envelope edges: long enough not to click, short enough not to blunt.
const (
	soundAttack  = time.Millisecond
	soundRelease = 3 * time.Millisecond
)

// synths: one's own shot is a bright crack over a falling thump; others'
// are shorter, quieter and muffled, as if further off; a hit is a rising
// tick, unlike either, so it reads as "that one landed".
var synths = map[Sound]synth{
	SoundOwnShot:   {length: 70 * time.Millisecond, decay: 14 * time.Millisecond, peak: 0.8, noise: 0.75, toneHz: 160, toneEndHz: 60, seed: 0x9e3779b9},
	SoundOtherShot: {length: 50 * time.Millisecond, decay: 10 * time.Millisecond, peak: 0.45, noise: 0.85, dull: 0.7, toneHz: 120, toneEndHz: 60, seed: 0x85ebca6b},
	SoundHit:       {length: 90 * time.Millisecond, decay: 30 * time.Millisecond, peak: 0.55, noise: 0.05, toneHz: 1400, toneEndHz: 2100, seed: 0xc2b2ae35},
	// A kill: two bright rising notes, a reward. Your death: a long fall
	// from a low note under dull noise. Another's: short and muffled.
	SoundKill:       {length: 220 * time.Millisecond, decay: 80 * time.Millisecond, peak: 0.5, noise: 0.02, notes: []float64{880, 1320}, seed: 0x27d4eb2f},
	SoundDeath:      {length: 600 * time.Millisecond, decay: 250 * time.Millisecond, peak: 0.7, noise: 0.35, dull: 0.85, toneHz: 330, toneEndHz: 70, seed: 0x165667b1},
	SoundOtherDeath: {length: 160 * time.Millisecond, decay: 60 * time.Millisecond, peak: 0.35, noise: 0.5, dull: 0.8, toneHz: 260, toneEndHz: 110, seed: 0xd3a2646c},
	// A rocket: a hissing whoosh; its explosion: a long low boom.
	SoundRocket:    {length: 260 * time.Millisecond, decay: 140 * time.Millisecond, peak: 0.5, noise: 0.8, dull: 0.4, toneHz: 220, toneEndHz: 520, seed: 0xfd7046c5},
	SoundExplosion: {length: 700 * time.Millisecond, decay: 180 * time.Millisecond, peak: 0.9, noise: 0.8, dull: 0.93, toneHz: 90, toneEndHz: 35, seed: 0xb55a4f09},
	// A pickup: a quick bright arpeggio up.
	SoundPickup: {length: 180 * time.Millisecond, decay: 70 * time.Millisecond, peak: 0.5, noise: 0.0, notes: []float64{660, 990, 1320}, seed: 0x9e3779b1},
	// The match: a rising fanfare to start, a falling one to end; a
	// short beep for each of the countdown's seconds.
	SoundMatchStart: {length: 520 * time.Millisecond, decay: 120 * time.Millisecond, peak: 0.6, noise: 0.0, notes: []float64{523, 659, 784, 1047}, seed: 0x85ebca77},
	SoundMatchEnd:   {length: 700 * time.Millisecond, decay: 160 * time.Millisecond, peak: 0.6, noise: 0.0, notes: []float64{784, 659, 523, 392}, seed: 0xc2b2ae3d},
	SoundCountdown:  {length: 110 * time.Millisecond, decay: 50 * time.Millisecond, peak: 0.45, noise: 0.0, toneHz: 660, toneEndHz: 660, seed: 0x27d4eb2d},
}

// Length is how long s plays; 0 for SoundNone.
func (s Sound) Length() time.Duration { return synths[s].length }

// PCM returns s as 16-bit signed little-endian stereo PCM at
// SoundSampleRate (the format ebiten/audio plays), the same both
// channels; nil for SoundNone. It computes the sound anew each call:
// call it once and keep the result.
func (s Sound) PCM() []byte {
	sy, ok := synths[s]
	if !ok {
		return nil
	}
	samples := sy.render()
	out := make([]byte, 4*len(samples))
	for i, v := range samples {
		q := uint16(int16(math.Round(v * math.MaxInt16)))
		binary.LittleEndian.PutUint16(out[4*i:], q)
		binary.LittleEndian.PutUint16(out[4*i+2:], q)
	}
	return out
}

// render returns the mono samples, in -peak..peak.
func (sy synth) render() []float64 {
	n := int(sy.length.Seconds() * SoundSampleRate)
	out := make([]float64, n)
	rng := sy.seed | 1
	var low, phase, loudest float64
	for i := range out {
		t := float64(i) / SoundSampleRate
		// xorshift32: white noise in -1..1 without the global rand.
		rng ^= rng << 13
		rng ^= rng >> 17
		rng ^= rng << 5
		white := float64(rng)/math.MaxUint32*2 - 1
		low += (1 - sy.dull) * (white - low)
		var hz, env float64
		if k := len(sy.notes); k > 0 {
			note := min(i*k/n, k-1)
			hz = sy.notes[note]
			per := sy.length.Seconds() / float64(k)
			env = sy.envelopeAt(t-float64(note)*per, per)
		} else {
			// An exponential sweep sounds even across octaves.
			hz = sy.toneHz * math.Pow(sy.toneEndHz/sy.toneHz, float64(i)/float64(n))
			env = sy.envelope(t)
		}
		phase += 2 * math.Pi * hz / SoundSampleRate
		v := sy.noise*low + (1-sy.noise)*math.Sin(phase)
		v *= env
		out[i] = v
		loudest = max(loudest, math.Abs(v))
	}
	if loudest > 0 {
		for i := range out {
			out[i] *= sy.peak / loudest
		}
	}
	return out
}

// envelope is the sound's gain t seconds in.
func (sy synth) envelope(t float64) float64 { return sy.envelopeAt(t, sy.length.Seconds()) }

// envelopeAt is the gain t seconds into a stroke of length seconds: it
// rises over soundAttack, decays, and fades out over the last soundRelease.
func (sy synth) envelopeAt(t, length float64) float64 {
	g := math.Exp(-t / sy.decay.Seconds())
	if a := soundAttack.Seconds(); t < a {
		g *= t / a
	}
	if left, r := length-t, soundRelease.Seconds(); left < r {
		g *= max(left, 0) / r
	}
	return g
}
