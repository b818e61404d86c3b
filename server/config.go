package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"time"

	"arena/assets"
	"arena/game"
)

// Defaults applied by Config.withDefaults for zero fields.
const (
	DefaultTickRate     = game.DefaultTickRate
	DefaultSnapshotRate = 30
	DefaultRoomCapacity = 16
	DefaultHelloTimeout = 5 * time.Second
	DefaultWriteTimeout = 5 * time.Second
	DefaultPingInterval = 5 * time.Second
	DefaultIdleTimeout  = 15 * time.Second
	// DefaultResumeGrace is how long a dropped player's seat is kept for
	// it to resume (see Config.ResumeGrace).
	DefaultResumeGrace = 15 * time.Second
	DefaultSendQueue   = 32
	// DefaultViewWidth and DefaultViewHeight are the interest box: the
	// browser client's 1280x720 screen plus a margin, so an entity is in a
	// client's snapshots a little before it can appear on screen.
	DefaultViewWidth  = 1280 + 2*160
	DefaultViewHeight = 720 + 2*160
	// DefaultLagCompMax caps how far back a shot is resolved (see
	// Config.LagCompMax).
	DefaultLagCompMax = game.DefaultLagCompMax
)

// Limits checked by Config validation.
const (
	MaxTickRate     = 240
	MaxRoomCapacity = game.MaxPlayersPerWorld
	MaxLagCompMax   = game.MaxLagCompMax
	MaxResumeGrace  = 10 * time.Minute
)

// LagCompOff as Config.LagCompMax turns lag compensation off.
const LagCompOff = game.LagCompOff

// Config configures a Server. Zero fields take the defaults above; New
// validates the result. A Config is a plain value: New copies it.
type Config struct {
	// TickRate is the number of simulation ticks per second, 1..MaxTickRate.
	TickRate int
	// SnapshotRate is the number of snapshots per second sent to each
	// client, 1..TickRate. It need not divide TickRate: an accumulator
	// spreads the snapshots evenly over the ticks.
	SnapshotRate int
	// RoomCapacity is the number of players in one room, 1..MaxRoomCapacity.
	RoomCapacity int
	// MapName is the map every room plays, loaded from Maps as
	// "maps/<MapName>.json". Default assets.DefaultMap.
	MapName string
	// Match turns on timed matches on a rotation of maps (rotation.go);
	// the zero value is one endless match on MapName.
	Match MatchConfig
	// Maps holds the maps. Default assets.FS.
	Maps fs.FS
	// Rules makes each room's match: the game mode the Room drives. Default
	// game.NewArena, the arena shooter.
	Rules game.NewRules
	// Logger receives the server's logs. nil discards them.
	Logger *slog.Logger
	// Clock is the time source of rooms and rate limits. nil is the real clock.
	Clock Clock
	// HelloTimeout is how long a new connection has to send Hello before it
	// is closed with netcode.CloseHelloTimeout.
	HelloTimeout time.Duration
	// WriteTimeout is how long one write to a client may take before the
	// client is closed as a slow consumer.
	WriteTimeout time.Duration
	// PingInterval is how long a joined client may send nothing before the
	// server sends it a WebSocket ping (see keepalive.go).
	PingInterval time.Duration
	// IdleTimeout is how long a joined client may send nothing at all (no
	// message, no pong, no byte) before it is closed with
	// netcode.CloseIdleTimeout. It must exceed PingInterval.
	IdleTimeout time.Duration
	// SendQueue is the number of reliable messages (Welcome, Error) a
	// connection may have waiting; one more closes it as a slow consumer.
	SendQueue int
	// ViewWidth and ViewHeight are the size of the box around each player
	// whose entities its snapshots carry (interest management), in world
	// units, 1..65535.
	ViewWidth, ViewHeight int
	// LagCompMax caps lag compensation: a shot is resolved against the
	// other players where its shooter saw them (the render tick of its
	// input), but no further back than this before the tick its input was
	// meant for; see docs/protocol.md. 0..MaxLagCompMax; 0 takes
	// DefaultLagCompMax, and LagCompOff (any negative value) turns lag
	// compensation off: shots hit the positions of the tick they are
	// fired in.
	LagCompMax time.Duration
	// Seed seeds the rooms' Worlds (each room mixes in its own number).
	Seed uint64
	// OriginPatterns lists extra host patterns allowed as the Origin of a
	// browser's WebSocket handshake (see websocket.AcceptOptions); the
	// page's own host is always allowed, and clients without an Origin
	// header (bots, the desktop client) too.
	OriginPatterns []string
	// Limits caps connections in all and per client address, and what
	// one connection may send (limits.go, ratelimit.go).
	Limits Limits
	// ResumeGrace is how long the seat (position, health, score) of a
	// player whose connection dropped is kept for it to resume with
	// Welcome's token (resume.go). 0 takes DefaultResumeGrace; ResumeOff
	// (any negative value) frees seats at once and sends no token.
	ResumeGrace time.Duration
	// Directory places players in rooms. nil is NewLocalDirectory: this
	// process's rooms only.
	Directory RoomDirectory
	// RecordDir, when set, is the directory where each room writes each
	// match it plays (arena mode only) as a game/replay recording
	// (record.go). It must exist.
	RecordDir string
	// MinPlayers, when over 0, fills every room that has people with bots
	// up to this many players, 0..RoomCapacity; a person who joins takes
	// a bot's place (fillbots.go). The Rules must take bots
	// (game.BotRules). 0: no bots.
	MinPlayers int
	// BotLevels are the levels new bots take in turn; empty:
	// DefaultBotLevel.
	BotLevels []game.BotLevel
}

// ResumeOff as Config.ResumeGrace turns resumable sessions off.
const ResumeOff time.Duration = -1

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	c.Limits = c.Limits.withDefaults()
	if c.TickRate == 0 {
		c.TickRate = DefaultTickRate
	}
	if c.SnapshotRate == 0 {
		c.SnapshotRate = min(DefaultSnapshotRate, c.TickRate)
	}
	if c.RoomCapacity == 0 {
		c.RoomCapacity = DefaultRoomCapacity
	}
	if c.MapName == "" {
		c.MapName = assets.DefaultMap
	}
	if c.Maps == nil {
		c.Maps = assets.FS
	}
	if c.Rules == nil {
		c.Rules = game.NewArena
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Clock == nil {
		c.Clock = RealClock()
	}
	if c.HelloTimeout == 0 {
		c.HelloTimeout = DefaultHelloTimeout
	}
	if c.WriteTimeout == 0 {
		c.WriteTimeout = DefaultWriteTimeout
	}
	if c.PingInterval == 0 {
		c.PingInterval = DefaultPingInterval
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.SendQueue == 0 {
		c.SendQueue = DefaultSendQueue
	}
	if c.ViewWidth == 0 {
		c.ViewWidth = DefaultViewWidth
	}
	if c.ViewHeight == 0 {
		c.ViewHeight = DefaultViewHeight
	}
	if c.LagCompMax == 0 {
		c.LagCompMax = DefaultLagCompMax
	}
	if c.ResumeGrace == 0 {
		c.ResumeGrace = DefaultResumeGrace
	}
	return c
}

// validate checks c (after withDefaults) and loads its map.
func (c Config) validate() (*game.Map, error) {
	var errs []error
	if c.TickRate < 1 || c.TickRate > MaxTickRate {
		errs = append(errs, fmt.Errorf("tick rate %d out of range 1..%d", c.TickRate, MaxTickRate))
	}
	if c.SnapshotRate < 1 || c.SnapshotRate > c.TickRate {
		errs = append(errs, fmt.Errorf("snapshot rate %d out of range 1..tick rate (%d)", c.SnapshotRate, c.TickRate))
	}
	if c.RoomCapacity < 1 || c.RoomCapacity > MaxRoomCapacity {
		errs = append(errs, fmt.Errorf("room capacity %d out of range 1..%d", c.RoomCapacity, MaxRoomCapacity))
	}
	if c.HelloTimeout < 0 || c.WriteTimeout < 0 {
		errs = append(errs, errors.New("timeouts must not be negative"))
	}
	if c.PingInterval < 0 || c.IdleTimeout <= c.PingInterval {
		errs = append(errs, fmt.Errorf("idle timeout %v must exceed the ping interval %v (and neither be negative)",
			c.IdleTimeout, c.PingInterval))
	}
	if c.SendQueue < 1 {
		errs = append(errs, errors.New("send queue size must be positive"))
	}
	if c.ViewWidth < 1 || c.ViewWidth > 65535 || c.ViewHeight < 1 || c.ViewHeight > 65535 {
		errs = append(errs, fmt.Errorf("view %dx%d out of range 1..65535", c.ViewWidth, c.ViewHeight))
	}
	if c.LagCompMax > MaxLagCompMax {
		errs = append(errs, fmt.Errorf("lag compensation cap %v out of range 0..%v", c.LagCompMax, MaxLagCompMax))
	}
	if c.ResumeGrace > MaxResumeGrace {
		errs = append(errs, fmt.Errorf("resume grace %v out of range 0..%v", c.ResumeGrace, MaxResumeGrace))
	}
	if c.RecordDir != "" {
		if fi, err := os.Stat(c.RecordDir); err != nil {
			errs = append(errs, fmt.Errorf("record dir: %w", err))
		} else if !fi.IsDir() {
			errs = append(errs, fmt.Errorf("record dir %s: not a directory", c.RecordDir))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	m, err := game.LoadMap(c.Maps, c.MapName)
	if err != nil {
		return nil, fmt.Errorf("map %q: %w", c.MapName, err)
	}
	if err := c.checkBots(m); err != nil {
		return nil, err
	}
	return m, nil
}
