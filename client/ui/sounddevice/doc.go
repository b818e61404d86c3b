// Package sounddevice checks, before the Arena client starts Ebiten's
// audio, that there is a sound device to play on, so the game can go
// silent instead of ending.
//
// Ebiten's audio (ebiten/v2/audio over oto) opens the device lazily, in a
// goroutine, and reports a failure as an error from the next frame's
// update hook: ebiten.RunGame then returns it and the game ends. That is
// what happens on a machine without a sound card, such as a test under
// xvfb-run, or a browser without Web Audio. Check does what oto will do
// first, the same way, and reports whether it failed; the client creates
// its audio context only when it did not.
//
// On Linux (and the other systems where oto uses ALSA) Check opens the
// PCM device oto would, "default" and then "plug:default", non-blocking,
// with oto's hardware parameters (stereo, 32-bit float, the client's
// rate), then closes it. ALSA's own complaints on stderr are silenced
// while it does. It needs cgo and ALSA's headers, like oto itself. In the
// browser Check makes the AudioContext oto would make (autoplay rules
// only suspend it until a key or click; that is not a failure) and closes
// it. Elsewhere oto's drivers do not fail this way and Check reports nil.
//
// What Check cannot foresee is a device that goes away later (a headset
// unplugged mid-game); oto reports that the same way, and the game ends.
//
// # Concurrency
//
// Check may be called from any goroutine and may take some milliseconds
// (opening a device); the client calls it off Ebiten's goroutine.
package sounddevice
