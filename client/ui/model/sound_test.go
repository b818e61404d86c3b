package model_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
	"time"

	"arena/client/ui/model"
)

// channels decodes 16-bit little-endian stereo PCM into its left and
// right channels, in -1..1.
func channels(t *testing.T, pcm []byte) (left, right []float64) {
	t.Helper()
	if len(pcm)%4 != 0 {
		t.Fatalf("PCM is %d bytes, not whole stereo 16-bit frames", len(pcm))
	}
	for i := 0; i < len(pcm); i += 4 {
		left = append(left, float64(int16(binary.LittleEndian.Uint16(pcm[i:])))/math.MaxInt16)
		right = append(right, float64(int16(binary.LittleEndian.Uint16(pcm[i+2:])))/math.MaxInt16)
	}
	return left, right
}

func peak(s []float64) float64 {
	var p float64
	for _, v := range s {
		p = max(p, math.Abs(v))
	}
	return p
}

func rms(s []float64) float64 {
	var sum float64
	for _, v := range s {
		sum += v * v
	}
	return math.Sqrt(sum / float64(len(s)))
}

// zeroCrossings counts sign changes a second: high for a high tone or
// bright noise, low for a thump.
func zeroCrossings(s []float64) float64 {
	n := 0
	for i := 1; i < len(s); i++ {
		if (s[i-1] < 0) != (s[i] < 0) {
			n++
		}
	}
	return float64(n) / (float64(len(s)) / model.SoundSampleRate)
}

func TestSoundPCMShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sound    model.Sound
		length   time.Duration
		peak     float64
		decayMin float64 // first fifth's RMS over the last fifth's, at least
	}{
		{model.SoundOwnShot, 70 * time.Millisecond, 0.8, 20},
		{model.SoundOtherShot, 50 * time.Millisecond, 0.45, 20},
		{model.SoundHit, 90 * time.Millisecond, 0.55, 5},
	}
	for _, tt := range tests {
		t.Run(tt.sound.String(), func(t *testing.T) {
			t.Parallel()
			if got := tt.sound.Length(); got != tt.length {
				t.Errorf("Length() = %v, want %v", got, tt.length)
			}
			pcm := tt.sound.PCM()
			if want := int(tt.length.Seconds()*model.SoundSampleRate) * 4; len(pcm) != want {
				t.Fatalf("PCM is %d bytes, want %d (%v of 16-bit stereo at %d Hz)", len(pcm), want, tt.length, model.SoundSampleRate)
			}
			left, right := channels(t, pcm)
			for i := range left {
				if left[i] != right[i] {
					t.Fatalf("frame %d: left %v, right %v; want the same", i, left[i], right[i])
				}
			}
			if p := peak(left); math.Abs(p-tt.peak) > 0.001 {
				t.Errorf("peak = %.4f of full scale, want %.2f", p, tt.peak)
			}
			if math.Abs(left[0]) > 0.01 || math.Abs(left[len(left)-1]) > 0.01 {
				t.Errorf("starts at %.4f and ends at %.4f; want both near 0 (no click)", left[0], left[len(left)-1])
			}
			fifth := len(left) / 5
			first, last := rms(left[:fifth]), rms(left[len(left)-fifth:])
			if first < tt.decayMin*last {
				t.Errorf("first fifth RMS %.4f, last fifth %.4f: want a decay of at least %v times", first, last, tt.decayMin)
			}
		})
	}
}

func TestSoundPCMIsTheSameEachTime(t *testing.T) {
	t.Parallel()
	for _, s := range model.Sounds {
		if !bytes.Equal(s.PCM(), s.PCM()) {
			t.Errorf("%v: two PCM calls differ; the noise must be seeded, not random", s)
		}
	}
}

func TestSoundsDiffer(t *testing.T) {
	t.Parallel()
	own, _ := channels(t, model.SoundOwnShot.PCM())
	other, _ := channels(t, model.SoundOtherShot.PCM())
	hit, _ := channels(t, model.SoundHit.PCM())
	if peak(other) >= peak(own) {
		t.Errorf("others' shot peak %.2f, own %.2f: want others' quieter", peak(other), peak(own))
	}
	// Others' shots are muffled (low-passed), one's own bright; the hit
	// is a tone near 1.4-2.1 kHz, crossing zero about 3000-4200 times a second.
	if zo, zr := zeroCrossings(own), zeroCrossings(other); zr >= zo {
		t.Errorf("zero crossings a second: own %.0f, other %.0f; want others' duller", zo, zr)
	}
	if z := zeroCrossings(hit); z < 2800 || z > 4400 {
		t.Errorf("hit crosses zero %.0f times a second, want a 1.4-2.1 kHz tone", z)
	}
}

func TestSoundNoneIsSilent(t *testing.T) {
	t.Parallel()
	if pcm := model.SoundNone.PCM(); pcm != nil {
		t.Errorf("SoundNone.PCM() is %d bytes, want nil", len(pcm))
	}
	if l := model.SoundNone.Length(); l != 0 {
		t.Errorf("SoundNone.Length() = %v, want 0", l)
	}
}
