package game

import "math"

// Buttons is a bit set of held buttons.
type Buttons uint8

// Button bits. Unknown bits are ignored by Step.
const (
	ButtonFire Buttons = 1 << iota
	// ButtonBlaster and ButtonRocket select a weapon (see SimulateCommand):
	// held for one input, they switch for good. Both: the rocket launcher.
	ButtonBlaster
	ButtonRocket
)

// Input is one tick of a player's intent, in the same quantized form the wire
// carries, so that server and client apply bit-identical inputs.
//
// MoveX and MoveY are in [-127, 127] (127 means full speed in that axis; the
// vector's length is clamped to 127 by Step). Aim is the facing angle in
// 1/65536ths of a full turn, counter-clockwise from +X with +Y pointing down
// the screen (screen coordinates).
type Input struct {
	MoveX, MoveY int8
	Aim          uint16
	Buttons      Buttons
}

// MakeInput builds an Input from a movement vector (each component in [-1, 1],
// clamped), an aim angle in radians and the fire button.
func MakeInput(moveX, moveY, aim float64, fire bool) Input {
	in := Input{MoveX: quantizeAxis(moveX), MoveY: quantizeAxis(moveY), Aim: AngleToAim(aim)}
	if fire {
		in.Buttons |= ButtonFire
	}
	return in
}

// Fire reports whether the fire button is held.
func (in Input) Fire() bool { return in.Buttons&ButtonFire != 0 }

// AimAngle returns the aim in radians, in [0, 2π).
func (in Input) AimAngle() float64 { return AimToAngle(in.Aim) }

// AngleToAim converts radians to the 16-bit aim encoding.
func AngleToAim(rad float64) uint16 {
	if math.IsNaN(rad) || math.IsInf(rad, 0) {
		return 0
	}
	turns := rad / (2 * math.Pi)
	turns -= math.Floor(turns)
	return uint16(int(math.Round(turns*65536)) & 0xffff)
}

// AimToAngle converts the 16-bit aim encoding to radians in [0, 2π).
func AimToAngle(aim uint16) float64 { return float64(aim) * (2 * math.Pi / 65536) }

func quantizeAxis(v float64) int8 {
	if math.IsNaN(v) {
		return 0
	}
	v = math.Max(-1, math.Min(1, v))
	return int8(math.Round(v * 127))
}
