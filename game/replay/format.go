package replay

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"time"

	"arena/game"
)

// Magic opens every recording.
const Magic = "ARENAREC"

// FormatVersion is the version of the file format this package writes and
// reads.
const FormatVersion = 1

// FileExt is the extension of recording files.
const FileExt = ".arenarec"

// MaxCommands is the most commands one record may give a player for one
// Step (a server takes at most a few per tick to catch up).
const MaxCommands = 16

// MaxTicks is the most Steps a recording may hold: 19 hours at 60 Hz, far
// beyond a match, so that a damaged run length cannot make a replay step
// for days.
const MaxTicks = 1 << 22

// Limits a parser enforces so that a corrupt file cannot make it allocate
// without bound.
const (
	maxString = 1024
	maxParams = 256
)

// Record tags.
const (
	tagStep     = 0
	tagSteps    = 1
	tagJoin     = 2
	tagLeave    = 3
	tagCommands = 4
	tagEnd      = 5
	tagJoinBot  = 6
	tagPhase    = 7
	tagPresent  = 8
)

// Command flag bits.
const (
	cmdMove    = 0x01
	cmdAim     = 0x02
	cmdButtons = 0x04
	cmdView    = 0x08
	cmdLate    = 0x10
	cmdNoView  = 0x20
	cmdKnown   = cmdMove | cmdAim | cmdButtons | cmdView | cmdLate | cmdNoView
)

// ErrDiverged is wrapped by a Replay's errors when the World it steps does
// not do what the recording says the recorded one did.
var ErrDiverged = errors.New("diverged from the recording")

// Header is what a recording says of its match before the first tick.
type Header struct {
	Format    int    // FormatVersion of the writer
	Protocol  int    // the writer's netcode protocol version
	Mode      string // game.ModeArena
	Room      string
	Seq       int       // the room's recording number, 1 first
	Started   time.Time // when recording began, to the second (metadata only)
	Map       string    // the map's name, as the server names it
	MapDigest uint64    // Digest of the map played
	TickRate  int
	Seed      uint64
	// LagCompMax is the World's Config.LagCompMax as given (0: default,
	// negative: off).
	LagCompMax time.Duration
	StartTick  uint32 // the World's tick before the first record
	Params     []game.Param
	// Match is the World's match cycle; nil: one endless match on Map.
	Match *MatchHeader
	// Prev, when set, is the file name (no directory) of the recording
	// this one continues: the same World, whose match StartTick begins
	// where Prev ends. Replaying starts from the first of the chain.
	Prev string
}

// MatchHeader is a recorded World's Config.Match: the rotation by name
// and digest, and the phases' lengths.
type MatchHeader struct {
	Maps                            []MapRef
	Countdown, Length, Intermission time.Duration
}

// MapRef names a map and its Digest.
type MapRef struct {
	Name   string
	Digest uint64
}

// NewHeader returns the header of a match a World plays with cfg: every
// field the World's Config has, the protocol version and the mode's
// Params (rules.Params()). Room, Seq and Started are the caller's.
func NewHeader(cfg game.Config, protocol int, rules game.Rules) Header {
	h := Header{
		Protocol: protocol, Mode: rules.Mode(), TickRate: cfg.TickRate, Seed: cfg.Seed,
		LagCompMax: cfg.LagCompMax, Params: rules.Params(), StartTick: rules.Tick(),
	}
	if h.TickRate == 0 {
		h.TickRate = game.DefaultTickRate
	}
	m := cfg.Map
	if mc := cfg.Match; mc != nil {
		h.Match = &MatchHeader{Countdown: mc.Countdown, Length: mc.Length, Intermission: mc.Intermission}
		for _, m := range mc.Maps {
			h.Match.Maps = append(h.Match.Maps, MapRef{m.Name, Digest(m)})
		}
		if len(mc.Maps) > 0 {
			m = mc.Maps[0]
		}
	}
	if m != nil {
		h.Map, h.MapDigest = m.Name, Digest(m)
	}
	return h
}

// Config returns the World's Config for the header, with its maps loaded
// by load (by name; each must have the recorded digest).
func (h *Header) Config(load func(name string) (*game.Map, error)) (game.Config, error) {
	cfg := game.Config{TickRate: h.TickRate, Seed: h.Seed, LagCompMax: h.LagCompMax}
	get := func(name string, digest uint64) (*game.Map, error) {
		m, err := load(name)
		if err != nil {
			return nil, fmt.Errorf("replay: map %s: %w", name, err)
		}
		if d := Digest(m); d != digest {
			return nil, fmt.Errorf("replay: map %s here is not the map %s that was recorded (digest %016x, recorded %016x)", m.Name, name, d, digest)
		}
		return m, nil
	}
	if h.Match == nil {
		m, err := get(h.Map, h.MapDigest)
		cfg.Map = m
		return cfg, err
	}
	mc := &game.MatchConfig{Countdown: h.Match.Countdown, Length: h.Match.Length, Intermission: h.Match.Intermission}
	for _, r := range h.Match.Maps {
		m, err := get(r.Name, r.Digest)
		if err != nil {
			return cfg, err
		}
		mc.Maps = append(mc.Maps, m)
	}
	cfg.Match = mc
	return cfg, nil
}

// Score is a player's tally at the end of a recording.
type Score struct {
	ID                   game.PlayerID
	Kills, Deaths, Score int
}

// CheckProtocol returns nil when a recording of h may be played by a build
// of netcode protocol version protocol, else an error naming both
// versions.
func (h *Header) CheckProtocol(protocol int) error {
	if h.Protocol != protocol {
		return fmt.Errorf("replay: recorded by protocol version %d, this build plays version %d", h.Protocol, protocol)
	}
	return nil
}

// Digest is a hash of what a map means to the simulation: its size,
// walls, spawn points and pickups. A replay on a map of the same name but another
// digest would not reproduce the match.
func Digest(m *game.Map) uint64 {
	h := fnv.New64a()
	var b [8]byte
	f := func(v float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	f(m.Width)
	f(m.Height)
	f(float64(len(m.Walls)))
	for _, r := range m.Walls {
		f(r.Min.X)
		f(r.Min.Y)
		f(r.Max.X)
		f(r.Max.Y)
	}
	f(float64(len(m.Spawns)))
	for _, s := range m.Spawns {
		f(s.X)
		f(s.Y)
	}
	f(float64(len(m.Pickups)))
	for _, p := range m.Pickups {
		f(float64(p.Kind))
		f(p.Pos.X)
		f(p.Pos.Y)
	}
	return h.Sum64()
}

// appendHeader appends h's encoding (with Magic) to b.
func appendHeader(b []byte, h *Header) []byte {
	b = append(b, Magic...)
	b = binary.AppendUvarint(b, FormatVersion)
	b = binary.AppendUvarint(b, uint64(h.Protocol))
	b = appendString(b, h.Mode)
	b = appendString(b, h.Room)
	b = binary.AppendUvarint(b, uint64(h.Seq))
	var started int64
	if !h.Started.IsZero() {
		started = h.Started.Unix()
	}
	b = binary.AppendVarint(b, started)
	b = appendString(b, h.Map)
	b = binary.LittleEndian.AppendUint64(b, h.MapDigest)
	b = binary.AppendUvarint(b, uint64(h.TickRate))
	b = binary.LittleEndian.AppendUint64(b, h.Seed)
	b = binary.AppendVarint(b, int64(h.LagCompMax))
	b = binary.AppendUvarint(b, uint64(h.StartTick))
	b = binary.AppendUvarint(b, uint64(len(h.Params)))
	for _, p := range h.Params {
		b = appendString(b, p.Name)
		b = binary.AppendVarint(b, p.Value)
	}
	if h.Match == nil {
		b = binary.AppendUvarint(b, 0)
		return appendString(b, h.Prev)
	}
	b = binary.AppendUvarint(b, uint64(len(h.Match.Maps)))
	for _, m := range h.Match.Maps {
		b = appendString(b, m.Name)
		b = binary.LittleEndian.AppendUint64(b, m.Digest)
	}
	b = binary.AppendVarint(b, int64(h.Match.Countdown))
	b = binary.AppendVarint(b, int64(h.Match.Length))
	b = binary.AppendVarint(b, int64(h.Match.Intermission))
	return appendString(b, h.Prev)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
