package sounddevice

import (
	"errors"
	"fmt"
	"syscall/js"
)

// Check reports whether the page can make the AudioContext oto will make:
// one at sampleRate. A new context is suspended until the player presses
// a key or clicks (the browsers' autoplay rules); that is not a failure.
func Check(sampleRate int) (err error) {
	class := js.Global().Get("AudioContext")
	if !class.Truthy() {
		class = js.Global().Get("webkitAudioContext")
	}
	if !class.Truthy() {
		return errors.New("no sound: this browser has no Web Audio (AudioContext)")
	}
	// The constructor throws (a panic here) on a rate it cannot do or
	// when the page may not make audio.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("no sound: new AudioContext: %v", r)
		}
	}()
	options := js.Global().Get("Object").New()
	options.Set("sampleRate", sampleRate)
	ctx := class.New(options)
	if closer := ctx.Get("close"); closer.Type() == js.TypeFunction {
		ctx.Call("close")
	}
	return nil
}
