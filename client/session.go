package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"strings"
	"sync"
	"time"

	websocket "arena/client/internal/ws"

	"arena/game"
	"arena/netcode"
)

// Options configures Dial. nil means defaults. Dial copies what it needs.
type Options struct {
	Name string // player name sent in Hello
	// Room is the room to join exactly: a room id, or a private room's
	// code in any case. "" is quick play (the fullest public room). A
	// room that does not exist or is full ends Dial with a *CloseError of
	// CloseNoSuchRoom or CloseRoomFull; it never falls back.
	Room string
	// Private makes a new private room and joins it: Info().Room is its
	// code, to share (its link is the page with ?room=CODE). Room must be "".
	Private bool
	Logger  *slog.Logger // nil = discard
	// InputBatch is how many inputs go in one Inputs message: the writer
	// is woken every InputBatch inputs. 0 means the server's ticks per
	// snapshot (2 at 60 Hz ticks and 30 Hz snapshots), so inputs travel
	// at the snapshot rate; 1 sends every input at once.
	InputBatch int
	// Maps is where the map the server plays is loaded from; nil means
	// the maps built into the client (package assets). Sessions sharing
	// a Maps share the parsed map.
	Maps *Maps
	// Dialer, when set, makes the TCP connection (native builds only; in
	// the browser the page's WebSocket does), for example through
	// netcode/impair to test the netcode over a bad link.
	Dialer func(ctx context.Context, network, addr string) (net.Conn, error)
	// TLSConfig, when set, is used for wss: URLs, for example to trust a
	// test's own certificate (native builds only; the browser trusts what
	// the page trusts).
	TLSConfig *tlsConfig // a *tls.Config; an empty type in the browser build
	// NoReconnect turns off resuming the session on a new connection when
	// the link is lost (reconnect.go): the session then ends with the
	// link, as tools and tests of that behaviour want.
	NoReconnect bool
}

// ErrClosed is returned (wrapped) by SendInput and SendChat once the session
// has ended; Err says why it ended.
var ErrClosed = errors.New("client: session closed")

// Session is one player's session with a game server: it has said Hello,
// received Welcome, and keeps the latest state up to date. The session
// outlives its connection: when the link (link.go) is lost in a way the
// server keeps the seat for, the Session opens a new one and resumes with
// Welcome's token (reconnect.go), keeping prediction, interpolation and the
// clock. All methods may be called concurrently.
type Session struct {
	url     string
	log     *slog.Logger
	welcome netcode.Welcome // the first Welcome; ResumeToken, Roster and Map (mu) follow resumes and matches
	m       *game.Map       // the map played now (mu; matchinfo.go)
	maps    *Maps           // where new matches' maps load from
	start   time.Time       // Ping.ClientTime counts monotonic µs since start
	batch   int             // inputs per Inputs message
	resume  resumeConfig

	// life ends when Close is called: it cancels a reconnect in progress.
	life      context.Context
	endLife   context.CancelFunc
	done      chan struct{} // closed when the session has ended and err is final
	closeOnce sync.Once
	closeErr  error

	// out is what the current link's writer goroutine sends.
	out *outbox

	// encMu guards enc and inputs. Lock order: encMu, then mu.
	encMu  sync.Mutex
	enc    *netcode.Encoder
	inputs inputLog

	// mu guards everything below.
	mu           sync.Mutex
	link         *link // the current connection; nil while reconnecting and after the end
	token        []byte
	reconnecting bool
	attempt      int          // reconnect attempts since the link was lost
	lostAt       time.Time    // when the link was lost
	view         netcode.View // what the snapshots say, applied in order
	interp       interpolator
	pred         predictor
	pace         pacer
	clock        netClock
	renderTick   float64 // the tick others were last drawn at
	lastAim      uint16  // aim of the newest input
	lastSnapAt   time.Time
	names        map[game.PlayerID]string
	events       eventQueue
	match        MatchInfo // the match cycle (matchinfo.go)
	stats        Stats
	scratch      []PlayerView // others, for the predicted shots' tracers
	rockets      projectiles  // projectiles.go
	cause        killCause    // the shot or explosion the next kill may come from
	closing      bool         // Close was called: the ending is not an error
	err          error
}

// Info is what a session knows of its match from the start: a plain value.
type Info struct {
	PlayerID game.PlayerID
	// Room is the room's id; in a private room its code, which joins it
	// (Options.Room) and makes its link (the page with ?room=CODE).
	Room         string
	Private      bool      // the room is private: joined by its code only, not listed
	Mode         string    // the game mode, game.ModeArena
	MapName      string    // as the server names it; a new match may change it (see Match)
	Map          *game.Map // loaded from Options.Maps; shared, do not change it
	TickRate     int       // server ticks (and inputs) per second
	SnapshotRate int       // snapshots per second
}

// Info returns what the session knows of its match. It may be called
// concurrently.
func (s *Session) Info() Info {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Info{
		PlayerID: s.welcome.PlayerID, Room: s.welcome.RoomID, Private: s.welcome.RoomFlags&netcode.RoomPrivate != 0, Mode: s.welcome.Mode,
		MapName: s.welcome.Map, Map: s.m, TickRate: s.tickRate(), SnapshotRate: s.snapshotRate(),
	}
}

// Welcome returns the server's Welcome, for tools and tests that look at
// the wire; a game uses Info. After a resume its ResumeToken and Roster
// are the newest Welcome's. It may be called concurrently.
func (s *Session) Welcome() netcode.Welcome {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.welcome
}

// LocalID returns this session's player id. It may be called concurrently.
func (s *Session) LocalID() game.PlayerID { return s.welcome.PlayerID }

// PlayerView is one player as a renderer or a bot sees it: a plain value.
type PlayerView struct {
	ID                   game.PlayerID
	Name                 string
	Local                bool
	Pos, Vel             game.Vec2
	Aim                  float64 // radians
	Health               int
	Alive, Protected     bool
	Bot                  bool // driven by the server's AI, not a person (netcode.FlagBot)
	RespawnIn            time.Duration
	Kills, Deaths, Score int
	CooldownTicks        int
	// Weapon is the weapon held (others': from their flags). Ammo is the
	// local player's rockets (0 for others: not sent). Cooldown is how
	// long until the local player's weapon is ready, CooldownTicks as time.
	Weapon   game.Weapon
	Ammo     int
	Cooldown time.Duration
	// Muzzle is, for the local player, where its next shot leaves from as
	// far as the session knows: the newest predicted position, without
	// the smoothing of what is drawn, one tick along its velocity. Pos is
	// where to draw it; aim from Muzzle to hit what you see.
	Muzzle game.Vec2
}

// Players appends to dst the players to show at time now, ordered by ID,
// and returns it: others interpolated on the server's tick timeline (see
// Stats.InterpDelay), the local player predicted from its own inputs
// (Local set). Others outside the server's view box around the local
// player are not sent, so not shown. It may be called concurrently.
func (s *Session) Players(now time.Time, dst []PlayerView) []PlayerView {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := len(dst)
	l := now.Sub(s.start).Seconds()
	if recv, ok := s.clock.recvTick(l); ok {
		if r, ok := s.interp.renderTick(recv, l); ok {
			s.renderTick = r
			dst = s.interp.appendOthers(dst, r, s.m, s.names)
		}
	}
	if v, ok := s.localViewLocked(now); ok {
		dst = append(dst, v)
	}
	sortViews(dst[start:])
	return dst
}

// localViewLocked returns the local player as predicted, to be drawn at
// now. The caller holds mu.
func (s *Session) localViewLocked(now time.Time) (PlayerView, bool) {
	alpha := 1.0
	if s.pace.started {
		alpha = s.pace.fraction()
	}
	p, ok := s.pred.drawn(alpha, now)
	if !ok {
		return PlayerView{}, false
	}
	latest, _ := s.pred.drawnLatest()
	return PlayerView{
		ID:            s.welcome.PlayerID,
		Name:          s.names[s.welcome.PlayerID],
		Local:         true,
		Pos:           p.Pos,
		Vel:           p.Vel,
		Aim:           game.AimToAngle(s.lastAim), // the server does not send your own aim
		Health:        p.Health,
		Alive:         p.Alive,
		Protected:     p.ProtectTicks > 0,
		RespawnIn:     time.Duration(p.RespawnTicks) * time.Second / time.Duration(s.tickRate()),
		Kills:         p.Kills,
		Deaths:        p.Deaths,
		Score:         p.Score,
		CooldownTicks: p.CooldownTicks,
		Weapon:        p.Weapon,
		Ammo:          p.Ammo,
		Cooldown:      time.Duration(p.CooldownTicks) * time.Second / time.Duration(s.tickRate()),
		Muzzle:        latest.Pos.Add(latest.Vel.Scale(1 / float64(s.tickRate()))),
	}, true
}

// EventKind says what an Event is.
type EventKind uint8

// Event kinds delivered by DrainEvents.
const (
	EventShot  EventKind = iota + 1 // Player fired from From to To; Other is who was hit (0 = missed)
	EventKill                       // Player killed Other
	EventJoin                       // Player (Name) joined
	EventLeave                      // Player (Name) left
	EventChat                       // Player (Name) said Text
	// EventExplosion: Player's rocket Item exploded at From (To equals
	// From); Other is the player it hit directly (0 = none).
	EventExplosion
	// EventPickup: Player took pickup Item, of kind Pickup, at From.
	EventPickup
)

// Event is something to show: a tracer, a kill-feed line, a chat line; a
// plain value. Name is the name of Player for every kind when it is known
// (the shooter, the killer, the one joining, leaving or chatting).
type Event struct {
	Kind          EventKind
	Tick          uint32 // the server tick it happened at
	Player, Other game.PlayerID
	Name, Text    string
	From, To      game.Vec2 // EventShot: muzzle and where the ray stopped, world units
	// Predicted marks the local player's own shot, shown the moment its
	// input is made (To: the first wall or other player as drawn). The
	// server's account of the same shot follows as an EventShot of the
	// local player without Predicted: its Other says what it hit.
	Predicted bool
	// Item is an explosion's projectile id or a pickup's id; Pickup the
	// kind of pickup taken.
	Item   uint16
	Pickup game.PickupKind
	// OtherName is, for EventKill, the victim's name when the session
	// knows it (the roster and joins), whether or not it is in view.
	OtherName string
	// Weapon is, for EventKill, the weapon that killed (the server says
	// it by the event before: a shot or an explosion of the killer at the
	// same tick); for EventShot the blaster, for EventExplosion the
	// rocket launcher.
	Weapon game.Weapon
}

// DrainEvents appends the events received since the last call to dst and
// returns it. At most maxEvents are kept between calls (the oldest are
// dropped, counted in Stats.EventsDropped). It may be called concurrently.
func (s *Session) DrainEvents(dst []Event) []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.events.drain(dst)
}

// Done is closed when the session has ended: a close by the server, a
// network error it could not resume from (see Reconnecting), or Close. A
// connection resumed on a new one does not end it. It may be called
// concurrently.
func (s *Session) Done() <-chan struct{} { return s.done }

// Err returns why the session ended (nil while it runs, or after a clean Close).
// A close by the server is a *CloseError. It may be called concurrently.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close sends Leave, closes with 1000 and waits for the session's
// goroutines to stop; a reconnect in progress is abandoned. It returns an
// error only when the close handshake itself failed on a session that was
// still running; Err keeps why an already ended session ended. It may be
// called concurrently and more than once.
func (s *Session) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closing = true
		l := s.link
		s.mu.Unlock()
		s.endLife()
		if l != nil {
			// No Ping or Inputs may follow Leave: stop both senders first.
			l.stopSenders()
			select {
			case <-l.dead:
				// Already lost; the session ends without it.
			default:
				s.encMu.Lock()
				err := l.write(s, s.enc.Leave())
				s.encMu.Unlock()
				if err != nil {
					s.log.Debug("send leave", "err", err)
				}
				if err := l.conn.Close(websocket.StatusNormalClosure, "leave"); err != nil {
					select {
					case <-l.dead:
					default:
						s.closeErr = fmt.Errorf("close %s: %w", s.url, err)
					}
				}
			}
		}
		<-s.done
	})
	return s.closeErr
}

// CloseError is the server's close code and reason; a plain value.
type CloseError struct {
	Code   netcode.CloseCode
	Reason string
}

// Error reads like "server closed the connection: 4000 bad message: hello:
// name too long".
func (e *CloseError) Error() string {
	msg := fmt.Sprintf("server closed the connection: %d", e.Code)
	if name := e.Code.String(); name != "unknown" {
		if strings.HasPrefix(e.Reason, name) {
			return msg + " " + e.Reason // the reason already names the code
		}
		msg += " " + name
	}
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// tickRate is the server's tick rate from Welcome (never 0).
func (s *Session) tickRate() int {
	if s.welcome.TickRate == 0 {
		return game.DefaultTickRate
	}
	return int(s.welcome.TickRate)
}

// snapshotRate is the server's snapshot rate from Welcome (never 0).
func (s *Session) snapshotRate() int {
	if s.welcome.SnapshotRate == 0 {
		return s.tickRate()
	}
	return int(s.welcome.SnapshotRate)
}

// renderTickWire is the tick others are drawn at, as an input reports it.
func (s *Session) renderTickWire() uint32 {
	return uint32(math.Max(0, math.Round(s.renderTick)))
}
