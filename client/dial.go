package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

const (
	// dialTimeout bounds Dial when ctx has no deadline, so a server that
	// accepts the WebSocket but never says Welcome cannot hang the caller.
	dialTimeout = 10 * time.Second
	// writeTimeout bounds every write; coder/websocket closes the connection
	// when a write's ctx expires, which ends the session.
	writeTimeout = 2 * time.Second
)

// Dial connects to a gameserver WebSocket URL (ws:// or wss://, e.g.
// "ws://127.0.0.1:8080/ws"), offers netcode.Subprotocol, sends Hello and waits
// for Welcome. It works natively and in the browser (GOOS=js). Errors say what
// failed ("connect ws://...: ...", or a *CloseError when the server refused).
// When ctx has no deadline, Dial gives up after 10 s.
func Dial(ctx context.Context, url string, opts *Options) (*Session, error) {
	if opts == nil {
		opts = &Options{}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, dialTimeout)
		defer cancel()
	}

	dopts, err := dialOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	conn, _, err := websocket.Dial(ctx, url, dopts)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	conn.SetReadLimit(netcode.MaxServerFrame)

	s := &Session{
		conn:       conn,
		url:        url,
		log:        log.With("url", url),
		start:      time.Now(),
		done:       make(chan struct{}),
		pingDone:   make(chan struct{}),
		out:        newOutbox(),
		stopWriter: make(chan struct{}),
		writerDone: make(chan struct{}),
		enc:        netcode.NewEncoder(),
		wenc:       netcode.NewEncoder(),
		names:      make(map[game.PlayerID]string),
	}
	s.watchdog = newWatchdog(s.writeStalled)
	s.events.init()

	dec := netcode.NewDecoder()
	welcome, err := s.handshake(ctx, dec, opts)
	if err != nil {
		var ce *CloseError
		if errors.As(err, &ce) {
			conn.CloseNow()
			return nil, ce
		}
		conn.Close(websocket.StatusNormalClosure, "")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	if err := checkRules(welcome); err != nil {
		conn.Close(websocket.StatusNormalClosure, "unsupported rules")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	maps := opts.Maps
	if maps == nil {
		maps = builtinMaps
	}
	m, err := maps.Load(welcome.Map)
	if err != nil {
		conn.Close(websocket.StatusNormalClosure, "unknown map")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	s.m = m
	now := time.Now()
	s.welcome = *welcome
	s.welcome.ResumeToken = bytes.Clone(welcome.ResumeToken)
	s.welcome.Rules = slices.Clone(welcome.Rules)
	s.welcome.Roster = slices.Clone(welcome.Roster)
	s.view.Self = welcome.PlayerID
	s.stats.Connected = now
	s.clock = newNetClock(s.tickRate())
	s.interp = newInterpolator(s.tickRate(), s.snapshotRate(), lagCompTicks(welcome, s.tickRate()))
	s.pred = newPredictor(m, s.tickRate())
	for _, r := range welcome.Roster {
		s.names[r.ID] = r.Name
	}
	s.batch = opts.InputBatch
	if s.batch <= 0 {
		s.batch = max(1, int(welcome.TickRate)/int(welcome.SnapshotRate))
	}
	s.log = s.log.With("player", welcome.PlayerID, "room", welcome.RoomID)
	s.log.Debug("connected", "map", welcome.Map, "tick_rate", welcome.TickRate, "snapshot_rate", welcome.SnapshotRate)

	// The reader's ctx never ends: an expired Read ctx closes the connection
	// at once, and Close wants the close handshake. It ends with conn.
	pingCtx, stop := context.WithCancel(context.Background())
	s.stop = stop
	go s.readLoop(context.Background(), dec)
	go s.writeLoop()
	go s.pingLoop(pingCtx)
	return s, nil
}

// handshake sends Hello and reads until Welcome. A close by the server is a
// *CloseError.
func (s *Session) handshake(ctx context.Context, dec *netcode.Decoder, opts *Options) (*netcode.Welcome, error) {
	hello := netcode.Hello{Version: netcode.Version, Name: opts.Name, Room: opts.Room}
	b := s.enc.Hello(&hello)
	if err := s.conn.Write(ctx, websocket.MessageBinary, b); err != nil {
		if ce := closeErrorOf(err); ce != nil {
			return nil, ce
		}
		return nil, fmt.Errorf("send hello: %w", err)
	}
	s.stats.BytesUp += uint64(len(b))

	var msg netcode.ServerMessage
	for {
		typ, b, err := s.conn.Read(ctx)
		if err != nil {
			if ce := closeErrorOf(err); ce != nil {
				return nil, ce
			}
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		s.stats.BytesDown += uint64(len(b))
		if typ != websocket.MessageBinary {
			return nil, errors.New("wait for welcome: server sent a text message")
		}
		if err := dec.DecodeServer(b, &msg); err != nil {
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		switch msg.Type {
		case netcode.MsgWelcome:
			return &msg.Welcome, nil
		case netcode.MsgError:
			s.log.Warn("server error before welcome", "code", msg.Error.Code, "message", msg.Error.Message)
		default:
			s.log.Debug("ignoring message before welcome", "type", msg.Type)
		}
	}
}

// checkRules refuses a server whose game mode or constants differ from this
// client's game package: its prediction would drift from the server.
func checkRules(w *netcode.Welcome) error {
	if w.Mode != game.ModeArena {
		return fmt.Errorf("the server plays mode %q, which this client does not support", w.Mode)
	}
	want := map[string]int64{}
	for _, p := range game.ArenaParams(int(w.TickRate)) {
		want[p.Name] = p.Value
	}
	for _, r := range w.Rules {
		if v, ok := want[r.Name]; ok && v != r.Value {
			return fmt.Errorf("the server's rule %s is %d, this client's is %d: update the client", r.Name, r.Value, v)
		}
	}
	return nil
}

// lagCompTicks returns the server's lag compensation cap in ticks from
// Welcome's rules, or the default cap when it does not say.
func lagCompTicks(w *netcode.Welcome, tickRate int) float64 {
	for _, r := range w.Rules {
		if r.Name == game.ParamLagCompTicks {
			return float64(max(0, r.Value))
		}
	}
	return defaultLagComp.Seconds() * float64(tickRate)
}

// closeErrorOf returns the server's close as a *CloseError, or nil when err is
// not a close frame from the server.
func closeErrorOf(err error) *CloseError {
	var wce websocket.CloseError
	if !errors.As(err, &wce) {
		return nil
	}
	return &CloseError{Code: netcode.CloseCode(wce.Code), Reason: wce.Reason}
}
