package netcode

// Quantization of game state for the wire, and the per-snapshot Frame.

import (
	"math"

	"arena/game"
)

// Frame is the room's state captured once per snapshot tick; per-client
// Snapshots are then built from it (today all of it; later a delta against the
// client's baseline, only entities near it) without touching the World again.
type Frame struct {
	Tick    uint32
	Players []PlayerState
	Shots   []Shot
}

// Capture fills f from the World's players (ordered by ID) and the shots fired
// since the previous capture, reusing f's slices.
func Capture(f *Frame, tick uint32, players []*game.Player, shots []Shot) {
	f.Tick = tick
	f.Players = f.Players[:0]
	for _, p := range players {
		f.Players = append(f.Players, PlayerStateOf(p))
	}
	f.Shots = append(f.Shots[:0], shots...)
}

// Snapshot returns the full Snapshot of f for a client whose last applied
// input was ackSeq. Its slices alias f's: encode it before the next Capture.
func (f *Frame) Snapshot(ackSeq uint32) Snapshot {
	return Snapshot{Tick: f.Tick, AckSeq: ackSeq, Players: f.Players, Shots: f.Shots}
}

// PlayerStateOf quantizes one player for the wire. Positions and velocities
// become fixed point (ToFixed); integers are clamped to their wire types, so
// an out-of-range value saturates instead of wrapping.
func PlayerStateOf(p *game.Player) PlayerState {
	s := PlayerState{
		ID:            p.ID,
		X:             ToFixed(p.Pos.X),
		Y:             ToFixed(p.Pos.Y),
		VX:            ToFixed(p.Vel.X),
		VY:            ToFixed(p.Vel.Y),
		Aim:           p.Aim,
		Health:        uint8(clamp(p.Health, 0, math.MaxUint8)),
		RespawnTicks:  uint16(clamp(p.RespawnTicks, 0, math.MaxUint16)),
		CooldownTicks: uint16(clamp(p.CooldownTicks, 0, math.MaxUint16)),
		ProtectTicks:  uint16(clamp(p.ProtectTicks, 0, math.MaxUint16)),
		Kills:         uint16(clamp(p.Kills, 0, math.MaxUint16)),
		Deaths:        uint16(clamp(p.Deaths, 0, math.MaxUint16)),
		Score:         int16(clamp(p.Score, math.MinInt16, math.MaxInt16)),
	}
	if p.Alive {
		s.Flags |= FlagAlive
	}
	if p.ProtectTicks > 0 {
		s.Flags |= FlagProtected
	}
	return s
}

// ShotOf converts a game shot event (Kind game.EventShot) fired at tick to the
// wire form.
func ShotOf(tick uint32, e game.Event) Shot {
	return Shot{
		Tick:    tick,
		Shooter: e.Actor,
		Target:  e.Target,
		FromX:   ToFixed(e.From.X),
		FromY:   ToFixed(e.From.Y),
		ToX:     ToFixed(e.To.X),
		ToY:     ToFixed(e.To.Y),
	}
}

// ToFixed converts world units to wire fixed point, round(v*PositionScale),
// clamped to the int32 range; NaN becomes 0. The World keeps positions on the
// 1/PositionScale grid, so for them the conversion is exact.
func ToFixed(v float64) int32 {
	f := math.Round(v * PositionScale)
	switch {
	case f != f: // NaN
		return 0
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}

// FromFixed converts wire fixed point back to world units.
func FromFixed(v int32) float64 { return float64(v) / PositionScale }

// ApplyTo writes a decoded PlayerState into p (for client prediction and
// display): every field the state carries, and nothing else (not Name, not
// LastSeq). Alive comes from FlagAlive; protection from ProtectTicks.
func (s *PlayerState) ApplyTo(p *game.Player) {
	p.ID = s.ID
	p.Pos = game.Vec2{X: FromFixed(s.X), Y: FromFixed(s.Y)}
	p.Vel = game.Vec2{X: FromFixed(s.VX), Y: FromFixed(s.VY)}
	p.Aim = s.Aim
	p.Health = int(s.Health)
	p.Alive = s.Flags&FlagAlive != 0
	p.RespawnTicks = int(s.RespawnTicks)
	p.CooldownTicks = int(s.CooldownTicks)
	p.ProtectTicks = int(s.ProtectTicks)
	p.Kills = int(s.Kills)
	p.Deaths = int(s.Deaths)
	p.Score = int(s.Score)
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
