package main

import (
	"syscall/js"
	"time"

	"arena/client/ui"
)

// newProbe returns a ui.Config.OnDraw that publishes every frame as
// window.arenaProbe, for the browser test (client/e2e) to measure the game
// as drawn: {frame, playing, scene, focus, local, x, y, alive, netGraph, rttMs, minRttMs,
// inputsMade, predictedTicks, muted, soundOn, soundsPlayed}. When the page
// sets arenaProbe.onframe to a function, it is called after each frame
// with the probe, so a test sees every frame instead of polling. The page turns it on with ?probe=1; it costs a few
// property writes a frame.
func newProbe() func(*ui.Frame) {
	probe := js.Global().Get("Object").New()
	js.Global().Set("arenaProbe", probe)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	return func(f *ui.Frame) {
		probe.Set("frame", f.N)
		probe.Set("playing", f.Playing)
		probe.Set("scene", f.Scene)
		probe.Set("focus", f.Focus)
		probe.Set("local", f.LocalDrawn)
		probe.Set("x", f.LocalPos.X)
		probe.Set("y", f.LocalPos.Y)
		probe.Set("alive", f.LocalAlive)
		probe.Set("netGraph", f.NetGraph)
		probe.Set("rttMs", ms(f.RTT))
		probe.Set("minRttMs", ms(f.MinRTT))
		probe.Set("inputsMade", f.InputsMade)
		probe.Set("predictedTicks", f.PredictedTicks)
		probe.Set("muted", f.Muted)
		probe.Set("soundOn", f.SoundOn)
		probe.Set("soundsPlayed", f.SoundsPlayed)
		if cb := probe.Get("onframe"); cb.Type() == js.TypeFunction {
			cb.Invoke(probe)
		}
	}
}
