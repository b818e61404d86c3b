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
	Match     int       // the room's match number, 1 first
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
}

// Config returns the World's Config for the header and m.
func (h *Header) Config(m *game.Map) game.Config {
	return game.Config{TickRate: h.TickRate, Seed: h.Seed, Map: m, LagCompMax: h.LagCompMax}
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
// walls and spawn points. A replay on a map of the same name but another
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
	return h.Sum64()
}

// appendHeader appends h's encoding (with Magic) to b.
func appendHeader(b []byte, h *Header) []byte {
	b = append(b, Magic...)
	b = binary.AppendUvarint(b, FormatVersion)
	b = binary.AppendUvarint(b, uint64(h.Protocol))
	b = appendString(b, h.Mode)
	b = appendString(b, h.Room)
	b = binary.AppendUvarint(b, uint64(h.Match))
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
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
