package netcode

// Quantization of game state for the wire, and the per-snapshot Frame.

import (
	"math"

	"arena/game"
)

// Frame is the room's state captured once per snapshot tick. Each client's
// Snapshot is then a delta between two Frames, restricted to what that
// client sees (see Snapshot.Build), without touching the World again.
type Frame struct {
	Tick    uint32
	Players []PlayerState // every player, ordered by ID, exact
	// Projectiles and Pickups are the other entities, ordered by ID
	// (CaptureEntities); empty for a Rules without them.
	Projectiles []ProjectileState
	Pickups     []PickupState
}

// Capture fills f from the World's players (ordered by ID), reusing f's
// slices, with no other entities (see CaptureEntities).
func Capture(f *Frame, tick uint32, players []*game.Player) {
	f.Tick = tick
	f.Projectiles, f.Pickups = f.Projectiles[:0], f.Pickups[:0]
	f.Players = f.Players[:0]
	for _, p := range players {
		f.Players = append(f.Players, PlayerStateOf(p))
	}
}

// Player returns the state of player id in f, or nil.
func (f *Frame) Player(id game.PlayerID) *PlayerState {
	i, ok := f.index(id)
	if !ok {
		return nil
	}
	return &f.Players[i]
}

// index finds id in f.Players by binary search.
func (f *Frame) index(id game.PlayerID) (int, bool) {
	lo, hi := 0, len(f.Players)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if f.Players[mid].ID < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(f.Players) && f.Players[lo].ID == id
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
		Weapon:        uint8(p.Weapon),
		Ammo:          uint8(clamp(p.Ammo, 0, math.MaxUint8)),
	}
	if p.Weapon == game.WeaponRocket {
		s.Flags |= FlagRocket
	}
	if p.Alive {
		s.Flags |= FlagAlive
	}
	if p.ProtectTicks > 0 {
		s.Flags |= FlagProtected
	}
	if p.Bot {
		s.Flags |= FlagBot
	}
	return s
}

// RemoteOf is how a client other than its owner sees player s: position at
// RemoteScale, aim in 1/256 turn, and no velocity or timers.
func RemoteOf(s *PlayerState) RemotePlayer {
	return RemotePlayer{
		ID:     s.ID,
		X:      remoteCoord(s.X),
		Y:      remoteCoord(s.Y),
		Aim:    RemoteAim(s.Aim),
		Health: s.Health,
		Flags:  s.Flags,
		Kills:  s.Kills,
		Deaths: s.Deaths,
		Score:  s.Score,
	}
}

// remoteCoord converts a PositionScale coordinate to RemoteScale, rounding
// halves up: floor((v + 4) / 8).
func remoteCoord(v int32) int32 {
	const k = PositionScale / RemoteScale
	return int32((int64(v) + k/2) >> 3)
}

// RemoteAim converts a 16-bit aim to the 8-bit one other clients see,
// rounding to the nearest 1/256 turn: ((aim + 128) >> 8) mod 256.
func RemoteAim(aim uint16) uint8 { return uint8((uint32(aim) + 128) >> 8) }

// ShotOf converts a game shot event (Kind game.EventShot) fired at tick to
// the wire form.
func ShotOf(tick uint32, e game.Event) Event {
	return Event{
		Kind:   EventShot,
		Tick:   tick,
		Player: e.Actor,
		Other:  e.Target,
		FromX:  ToRemote(e.From.X),
		FromY:  ToRemote(e.From.Y),
		ToX:    ToRemote(e.To.X),
		ToY:    ToRemote(e.To.Y),
	}
}

// ToFixed converts world units to wire fixed point, round(v*PositionScale),
// clamped to the int32 range; NaN becomes 0. The World keeps positions on the
// 1/PositionScale grid, so for them the conversion is exact.
func ToFixed(v float64) int32 { return scaleTo(v, PositionScale) }

// FromFixed converts wire fixed point back to world units.
func FromFixed(v int32) float64 { return float64(v) / PositionScale }

// ToRemote converts world units to RemoteScale fixed point, floor(v*2+0.5),
// clamped to the int32 range.
func ToRemote(v float64) int32 { return scaleTo(v, RemoteScale) }

// FromRemote converts RemoteScale fixed point back to world units.
func FromRemote(v int32) float64 { return float64(v) / RemoteScale }

func scaleTo(v, scale float64) int32 {
	// Not math.Floor(x + 0.5): the addition rounds the largest float64
	// below a half up to 1. x - Floor(x) is exact.
	x := v * scale
	f := math.Floor(x)
	if x-f >= 0.5 {
		f++
	}
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

// ApplyTo writes a player's exact state into p (for client prediction and
// display): every field the state carries, and nothing else (not Name).
// Alive comes from FlagAlive; protection from ProtectTicks.
func (s *PlayerState) ApplyTo(p *game.Player) {
	p.ID = s.ID
	p.Pos = game.Vec2{X: FromFixed(s.X), Y: FromFixed(s.Y)}
	p.Vel = game.Vec2{X: FromFixed(s.VX), Y: FromFixed(s.VY)}
	p.Aim = s.Aim
	p.Health = int(s.Health)
	p.Alive = s.Flags&FlagAlive != 0
	p.Bot = s.Flags&FlagBot != 0
	p.RespawnTicks = int(s.RespawnTicks)
	p.CooldownTicks = int(s.CooldownTicks)
	p.ProtectTicks = int(s.ProtectTicks)
	p.Kills = int(s.Kills)
	p.Deaths = int(s.Deaths)
	p.Score = int(s.Score)
	p.Weapon = game.Weapon(s.Weapon)
	p.Ammo = int(s.Ammo)
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
