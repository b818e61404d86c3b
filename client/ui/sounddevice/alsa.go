//go:build cgo && !android && !darwin && !js && !windows && !nintendosdk && !playstation5

package sounddevice

// The build constraint is oto's for its ALSA driver (driver_unix.go), plus
// cgo, which it needs.

// #cgo pkg-config: alsa
//
// #include <alsa/asoundlib.h>
//
// static void quietALSA(const char *file, int line, const char *function, int err, const char *fmt, ...) {}
//
// static void silenceALSA(int quiet) {
// 	snd_lib_error_set_handler(quiet ? quietALSA : NULL);
// }
import "C"

import (
	"fmt"
	"strings"
	"sync"
	"unsafe"
)

// alsaMu serializes Check: ALSA's error handler is process-wide.
var alsaMu sync.Mutex

// candidates are the devices oto tries first, in its order.
var candidates = []string{"default", "plug:default"}

// Check reports whether a stereo 32-bit float stream at sampleRate can be
// opened on the device oto would pick, and why not.
func Check(sampleRate int) error {
	alsaMu.Lock()
	defer alsaMu.Unlock()
	C.silenceALSA(1)
	defer C.silenceALSA(0)

	var failed []string
	for _, name := range candidates {
		cname := C.CString(name)
		var pcm *C.snd_pcm_t
		rc := C.snd_pcm_open(&pcm, cname, C.SND_PCM_STREAM_PLAYBACK, C.SND_PCM_NONBLOCK)
		C.free(unsafe.Pointer(cname))
		if rc < 0 {
			failed = append(failed, fmt.Sprintf("%q: %s", name, alsaError(rc)))
			continue
		}
		// oto uses the first device that opens, and fails if it will not
		// take its parameters.
		err := setParams(pcm, sampleRate)
		C.snd_pcm_close(pcm)
		if err != nil {
			return fmt.Errorf("sound device %q: %w", name, err)
		}
		return nil
	}
	return fmt.Errorf("no sound device: %s", strings.Join(failed, ", "))
}

// setParams sets oto's hardware parameters on pcm: interleaved stereo
// 32-bit float at sampleRate (resampled if need be), 2 periods of 1024
// frames.
func setParams(pcm *C.snd_pcm_t, sampleRate int) error {
	var params *C.snd_pcm_hw_params_t
	if rc := C.snd_pcm_hw_params_malloc(&params); rc < 0 {
		return fmt.Errorf("snd_pcm_hw_params_malloc: %s", alsaError(rc))
	}
	defer C.snd_pcm_hw_params_free(params)
	const channels, periods, periodFrames = 2, 2, 1024
	periodSize := C.snd_pcm_uframes_t(periodFrames)
	bufferSize := periodSize * periods
	rate := C.uint(sampleRate)
	steps := []struct {
		name string
		rc   func() C.int
	}{
		{"snd_pcm_hw_params_any", func() C.int { return C.snd_pcm_hw_params_any(pcm, params) }},
		{"snd_pcm_hw_params_set_access", func() C.int {
			return C.snd_pcm_hw_params_set_access(pcm, params, C.SND_PCM_ACCESS_RW_INTERLEAVED)
		}},
		{"snd_pcm_hw_params_set_format", func() C.int { return C.snd_pcm_hw_params_set_format(pcm, params, C.SND_PCM_FORMAT_FLOAT_LE) }},
		{"snd_pcm_hw_params_set_channels", func() C.int { return C.snd_pcm_hw_params_set_channels(pcm, params, channels) }},
		{"snd_pcm_hw_params_set_rate_resample", func() C.int { return C.snd_pcm_hw_params_set_rate_resample(pcm, params, 1) }},
		{"snd_pcm_hw_params_set_rate_near", func() C.int { return C.snd_pcm_hw_params_set_rate_near(pcm, params, &rate, nil) }},
		{"snd_pcm_hw_params_set_buffer_size_near", func() C.int {
			return C.snd_pcm_hw_params_set_buffer_size_near(pcm, params, &bufferSize)
		}},
		{"snd_pcm_hw_params_set_period_size_near", func() C.int {
			return C.snd_pcm_hw_params_set_period_size_near(pcm, params, &periodSize, nil)
		}},
		{"snd_pcm_hw_params", func() C.int { return C.snd_pcm_hw_params(pcm, params) }},
	}
	for _, s := range steps {
		if rc := s.rc(); rc < 0 {
			return fmt.Errorf("%s: %s", s.name, alsaError(rc))
		}
	}
	return nil
}

func alsaError(rc C.int) string { return C.GoString(C.snd_strerror(rc)) }
