package client

// This file is the CONTRACT of the client Session (implementation TODO). The
// Ebiten UI, the bots and the tests code against it.

import (
	"context"
	"log/slog"
	"time"

	"arena/game"
	"arena/netcode"
)

// Options configures Dial. nil means defaults.
type Options struct {
	Name   string       // player name sent in Hello
	Room   string       // room wish, "" = any
	Logger *slog.Logger // nil = discard
	// InputRate is how many inputs per second the caller will send (the
	// server's tick rate by default); informational for stats.
}

// Session is one connection to a game server: it has said Hello, received
// Welcome, and keeps the latest state up to date from a reader goroutine.
// All methods may be called concurrently.
type Session struct{}

// Dial connects to a gameserver WebSocket URL (ws:// or wss://, e.g.
// "ws://127.0.0.1:8080/ws"), offers netcode.Subprotocol, sends Hello and waits
// for Welcome. It works natively and in the browser (GOOS=js). Errors say what
// failed ("connect ws://...: ...", or a *CloseError when the server refused).
func Dial(ctx context.Context, url string, opts *Options) (*Session, error) { panic("TODO") }

// Welcome returns the server's Welcome.
func (s *Session) Welcome() netcode.Welcome { panic("TODO") }

// LocalID returns this session's player id.
func (s *Session) LocalID() game.PlayerID { panic("TODO") }

// SendInput sends one tick of input: it stamps the next sequence number and
// the estimated server tick, and sends it together with the few inputs before
// it (netcode.Inputs). Call it once per tick (TickRate times per second).
func (s *Session) SendInput(in game.Input) error { panic("TODO") }

// SendChat sends a chat line.
func (s *Session) SendChat(text string) error { panic("TODO") }

// PlayerView is one player as a renderer or a bot sees it.
type PlayerView struct {
	ID                   game.PlayerID
	Name                 string
	Local                bool
	Pos, Vel             game.Vec2
	Aim                  float64 // radians
	Health               int
	Alive, Protected     bool
	RespawnIn            time.Duration
	Kills, Deaths, Score int
	CooldownTicks        int
}

// Players appends to dst the players to show at time now (others
// interpolated between the last snapshots, the local player at its latest
// server state) ordered by ID, and returns it.
func (s *Session) Players(now time.Time, dst []PlayerView) []PlayerView { panic("TODO") }

// EventKind says what an Event is.
type EventKind uint8

// Event kinds delivered by DrainEvents.
const (
	EventShot  EventKind = iota + 1 // Shot is set
	EventKill                       // Player killed Other
	EventJoin                       // Player (Name) joined
	EventLeave                      // Player (Name) left
	EventChat                       // Player (Name) said Text
)

// Event is something to show: a tracer, a kill-feed line, a chat line.
type Event struct {
	Kind          EventKind
	Shot          netcode.Shot
	Player, Other game.PlayerID
	Name, Text    string
}

// DrainEvents appends the events received since the last call to dst and returns it.
func (s *Session) DrainEvents(dst []Event) []Event { panic("TODO") }

// Stats are the session's network counters.
type Stats struct {
	RTT               time.Duration // smoothed
	LastRTT           time.Duration
	SnapshotsReceived uint64
	BytesDown         uint64 // WebSocket message payload bytes received
	BytesUp           uint64
	ServerTick        uint32 // latest snapshot tick
	Connected         time.Time
}

// Stats returns a copy of the counters.
func (s *Session) Stats() Stats { panic("TODO") }

// Done is closed when the session has ended (server close, network error or Close).
func (s *Session) Done() <-chan struct{} { panic("TODO") }

// Err returns why the session ended (nil while it runs, or after a clean Close).
// A close by the server is a *CloseError.
func (s *Session) Err() error { panic("TODO") }

// Close sends Leave, closes with 1000 and waits for the reader to stop.
func (s *Session) Close() error { panic("TODO") }

// CloseError is the server's close code and reason.
type CloseError struct {
	Code   netcode.CloseCode
	Reason string
}

func (e *CloseError) Error() string { panic("TODO") }
