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
	SoundNone      Sound = iota
	SoundOwnShot         // the local player's shot, the moment it is fired (predicted)
	SoundOtherShot       // another player's shot, as the server tells it
	SoundHit             // the server says the local player's shot hit someone
)

// Sounds lists every Sound that plays something.
var Sounds = [...]Sound{SoundOwnShot, SoundOtherShot, SoundHit}

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
	seed      uint32 // the noise's, so the sound is the same every time
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
		// An exponential sweep sounds even across octaves.
		hz := sy.toneHz * math.Pow(sy.toneEndHz/sy.toneHz, float64(i)/float64(n))
		phase += 2 * math.Pi * hz / SoundSampleRate
		v := sy.noise*low + (1-sy.noise)*math.Sin(phase)
		v *= sy.envelope(t)
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
func (sy synth) envelope(t float64) float64 {
	g := math.Exp(-t / sy.decay.Seconds())
	if a := soundAttack.Seconds(); t < a {
		g *= t / a
	}
	if left, r := sy.length.Seconds()-t, soundRelease.Seconds(); left < r {
		g *= max(left, 0) / r
	}
	return g
}
