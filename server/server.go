package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

// errShuttingDown is returned to joins after Shutdown began.
var errShuttingDown = errors.New("server shutting down")

// Server hosts rooms and their players' connections. It does not listen:
// Handler adapts it to HTTP. All methods may be called concurrently.
type Server struct {
	cfg     Config
	gameMap *game.Map
	maps    []*game.Map // the rotation of timed matches, nil when they are off
	log     *slog.Logger
	clock   Clock
	metrics *Metrics
	dir     RoomDirectory
	resumes *resumeTable // nil when Config.ResumeGrace is off
	epoch   time.Time    // every room's ticks fall on this grid

	nextConn atomic.Uint64
	nextRoom atomic.Uint64
	wg       sync.WaitGroup // rooms and connections; Add only under mu while !closing

	mu      sync.RWMutex // mu guards closing, conns and addrs
	closing bool
	conns   map[*conn]netip.Addr // the address each counts against (limits.go)
	addrs   map[netip.Addr]*admission
}

// New validates cfg (after applying defaults), loads its map and returns a
// Server with no rooms.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	m, err := cfg.validate()
	if err != nil {
		return nil, fmt.Errorf("server config: %w", err)
	}
	rotation, err := cfg.Match.rotation(cfg.Maps, cfg.MapName)
	if err != nil {
		return nil, fmt.Errorf("server config: %w", err)
	}
	dir := cfg.Directory
	if dir == nil {
		dir = NewLocalDirectory()
	}
	var resumes *resumeTable
	if cfg.ResumeGrace > 0 {
		resumes = newResumeTable()
	}
	return &Server{
		resumes: resumes,
		cfg:     cfg,
		gameMap: m,
		maps:    rotation,
		log:     cfg.Logger,
		clock:   cfg.Clock,
		metrics: newMetrics(),
		dir:     dir,
		epoch:   cfg.Clock.Now(),
		addrs:   make(map[netip.Addr]*admission),
		conns:   make(map[*conn]netip.Addr),
	}, nil
}

// Config returns the Server's configuration with defaults applied.
func (s *Server) Config() Config { return s.cfg }

// Metrics returns the Server's live metrics.
func (s *Server) Metrics() *Metrics { return s.metrics }

// Rooms describes the open rooms, oldest first.
func (s *Server) Rooms() []RoomInfo {
	rooms := s.dir.Rooms()
	out := make([]RoomInfo, len(rooms))
	for i, r := range rooms {
		out[i] = r.Info()
	}
	return out
}

// Accepting reports whether the Server takes new connections (false once
// Shutdown began).
func (s *Server) Accepting() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return !s.closing
}

// ServeConn runs an accepted WebSocket until it ends; remote names the peer
// in logs. Handler's /ws does the same after websocket.Accept with
// netcode.Subprotocol offered, but also keeps the hijacked socket, so that
// rooms write snapshots to it directly; through ServeConn every frame goes
// through the writer goroutine and ws.
func (s *Server) ServeConn(ws *websocket.Conn, remote string) {
	addr := netip.Addr{} // counts against the global cap only, unless remote is an address
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		addr = ap.Addr().Unmap()
	}
	s.serveConn(newConn(s, ws, nil, nil, s.nextConn.Add(1), remote), addr)
}

func (s *Server) serveConn(c *conn, addr netip.Addr) {
	ws := c.ws
	ws.SetReadLimit(-1) // readMessage enforces netcode.MaxClientFrame itself, with our close reason
	if reason := s.register(c, addr); reason != "" {
		s.metrics.ConnsRefused.Add(1)
		s.log.Info("connection refused", "remote", addr, "reason", reason)
		_ = ws.Close(websocket.StatusCode(netcode.CloseTryAgainLater), reason)
		return
	}
	c.serve() // unregisters c when it ends
}

// register admits c, from addr, against the limits; it returns why not,
// or "".
func (s *Server) register(c *conn, addr netip.Addr) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return "server shutting down"
	}
	if reason := s.admitLocked(addr, s.clock.Now()); reason != "" {
		return reason
	}
	s.conns[c] = addr
	s.wg.Add(1)
	return ""
}

func (s *Server) unregister(c *conn) {
	s.mu.Lock()
	if addr, ok := s.conns[c]; ok {
		s.releaseLocked(addr)
		delete(s.conns, c)
	}
	s.mu.Unlock()
	s.wg.Done()
}

// join reserves a seat and adds the player to that room; inputs is the
// buffer the player's reader fills.
func (s *Server) join(name string, wish Wish, p peer, inputs *inputBuffer) (*Room, game.PlayerID, error) {
	s.mu.RLock()
	if s.closing {
		s.mu.RUnlock()
		return nil, 0, errShuttingDown
	}
	r, err := s.dir.Reserve(wish, s.newRoomLocked)
	s.mu.RUnlock()
	if err != nil {
		return nil, 0, err
	}
	id, err := r.requestJoin(name, p, inputs)
	if err != nil {
		return nil, 0, err
	}
	return r, id, nil
}

// newRoomLocked creates and starts a room with the id the directory chose.
// The caller holds s.mu (read) with closing false, so the WaitGroup is not
// being waited on.
func (s *Server) newRoomLocked(id string, private bool) (*Room, error) {
	n := s.nextRoom.Add(1)
	r, err := newRoom(roomConfig{
		id:      id,
		private: private,
		cfg:     s.cfg,
		gameMap: s.gameMap,
		maps:    s.maps,
		epoch:   tickPhase(s.epoch, n, s.cfg.TickRate),
		lane:    snapshotLane(n),
		seed:    s.cfg.Seed + n*0x9e3779b97f4a7c15,
		metrics: s.metrics,
		release: s.releaseSeat,
		resumes: s.resumes,
	})
	if err != nil {
		return nil, err
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		r.run()
	}()
	return r, nil
}

// releaseSeat gives back a seat in r (from r's goroutine, after a player
// left) and stops r when it is empty.
func (s *Server) releaseSeat(r *Room) {
	if s.dir.Release(r) {
		r.stop()
	}
}

// Shutdown stops the Server: it refuses new connections, closes every client
// with 1001 "server shutting down", stops the rooms and waits for all of
// their goroutines, or for ctx. It is safe to call more than once.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	first := !s.closing
	s.closing = true
	conns := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	if first {
		s.log.Info("shutting down", "connections", len(conns))
	}
	// The rooms stop first: a room ends with the players it had when the
	// shutdown began (its recording's final scores name them all), not
	// with whoever was left after some of the leaves below reached it.
	for _, r := range s.dir.Rooms() {
		r.stop()
	}
	for _, c := range conns {
		c.closeWith(netcode.CloseGoingAway, "server shutting down", true)
	}
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		for _, c := range conns {
			// CloseNow may wait for a close handshake in progress.
			go c.closeNow()
		}
		return fmt.Errorf("server shutdown: %w", ctx.Err())
	}
}
