package netcode

import "arena/game"

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
func Capture(f *Frame, tick uint32, players []*game.Player, shots []Shot) { panic("TODO") }

// PlayerStateOf quantizes one player for the wire.
func PlayerStateOf(p *game.Player) PlayerState { panic("TODO") }

// ShotOf converts a game shot event fired at tick to the wire form.
func ShotOf(tick uint32, e game.Event) Shot { panic("TODO") }

// ToFixed converts world units to wire fixed point; FromFixed converts back.
func ToFixed(v float64) int32   { panic("TODO") }
func FromFixed(v int32) float64 { return float64(v) / PositionScale }

// ApplyTo writes a decoded PlayerState into p (for client prediction and display).
func (s *PlayerState) ApplyTo(p *game.Player) { panic("TODO") }
