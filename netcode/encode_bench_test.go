package netcode_test

import (
	"testing"

	"arena/game"
	"arena/netcode"
)

// BenchmarkEncodeInputs is a bot's or a client's Inputs message, which each
// sends 30 times a second: two inputs, as with the default batch.
func BenchmarkEncodeInputs(b *testing.B) {
	m := &netcode.Inputs{AckTick: 123456, N: 2}
	for i := range m.N {
		m.Frames[i] = netcode.InputFrame{Seq: 5001 + uint32(i), RenderTick: 123450,
			Input: game.Input{MoveX: 127, MoveY: -90, Aim: 40000, Buttons: game.ButtonFire}}
	}
	e := netcode.NewEncoder()
	b.ReportAllocs()
	for b.Loop() {
		e.Inputs(m)
	}
	b.ReportMetric(float64(len(e.Inputs(m))), "wire-bytes")
}
