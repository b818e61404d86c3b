package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	websocket "arena/client/internal/ws"

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

	if opts.Private && opts.Room != "" {
		return nil, fmt.Errorf("connect %s: %w", url, ErrPrivateWithRoom)
	}
	dopts, err := dialOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	dial := func(ctx context.Context) (*websocket.Conn, error) {
		conn, _, err := websocket.Dial(ctx, url, dopts)
		if err != nil {
			return nil, err
		}
		conn.SetReadLimit(netcode.MaxServerFrame)
		return conn, nil
	}
	conn, err := dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}

	s := &Session{
		url:   url,
		log:   log.With("url", url),
		start: time.Now(),
		done:  make(chan struct{}),
		out:   newOutbox(),
		enc:   netcode.NewEncoder(),
		names: make(map[game.PlayerID]string),
		resume: resumeConfig{
			off: opts.NoReconnect, name: opts.Name, room: opts.Room, dial: dial,
		},
	}
	s.life, s.endLife = context.WithCancel(context.Background())
	s.events.init()

	dec := netcode.NewDecoder()
	h := netcode.Hello{Version: netcode.Version, Name: opts.Name, Room: opts.Room}
	if opts.Private {
		h.Flags = netcode.HelloPrivate
	}
	hello := s.enc.Hello(&h)
	s.stats.BytesUp += uint64(len(hello))
	welcome, down, err := handshake(ctx, conn, hello, dec, s.log)
	s.stats.BytesDown += uint64(down)
	if err != nil {
		s.endLife()
		var ce *CloseError
		if errors.As(err, &ce) {
			conn.CloseNow()
			return nil, ce
		}
		conn.Close(websocket.StatusNormalClosure, "")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	if err := checkRules(welcome); err != nil {
		s.endLife()
		conn.Close(websocket.StatusNormalClosure, "unsupported rules")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	maps := opts.Maps
	if maps == nil {
		maps = builtinMaps
	}
	m, err := maps.Load(welcome.Map)
	if err != nil {
		s.endLife()
		conn.Close(websocket.StatusNormalClosure, "unknown map")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	s.m, s.maps = m, maps
	now := time.Now()
	s.welcome = *welcome
	s.welcome.ResumeToken = bytes.Clone(welcome.ResumeToken)
	s.welcome.Rules = slices.Clone(welcome.Rules)
	s.welcome.Roster = slices.Clone(welcome.Roster)
	s.token = s.welcome.ResumeToken
	s.resume.grace = resumeGrace(welcome, s.tickRate())
	s.view.Self = welcome.PlayerID
	s.stats.Connected = now
	s.clock = newNetClock(s.tickRate())
	s.interp = newInterpolator(s.tickRate(), s.snapshotRate(), lagCompTicks(welcome, s.tickRate()))
	s.pred = newPredictor(m, s.tickRate())
	s.pred.mode = welcome.Mode
	for _, r := range welcome.Roster {
		s.names[r.ID] = r.Name
	}
	if err := s.matchLocked(welcome.Match); err != nil { // a match on another map than Welcome's
		s.endLife()
		conn.Close(websocket.StatusNormalClosure, "unknown map")
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	s.batch = opts.InputBatch
	if s.batch <= 0 {
		s.batch = max(1, int(welcome.TickRate)/int(welcome.SnapshotRate))
	}
	s.log = s.log.With("player", welcome.PlayerID, "room", welcome.RoomID)
	s.log.Debug("connected", "map", welcome.Map, "tick_rate", welcome.TickRate, "snapshot_rate", welcome.SnapshotRate,
		"resume_grace", s.resume.grace)

	l := newLink(conn, dec)
	s.link = l
	l.start(s)
	go s.run(l)
	return s, nil
}

// handshake sends hello on conn and reads until Welcome; it returns the
// Welcome (the decoder's: copy what you keep) and the bytes read. A close
// by the server is a *CloseError.
func handshake(ctx context.Context, conn *websocket.Conn, hello []byte, dec *netcode.Decoder, log *slog.Logger) (*netcode.Welcome, int, error) {
	if err := conn.Write(ctx, websocket.MessageBinary, hello); err != nil {
		if ce := closeErrorOf(err); ce != nil {
			return nil, 0, ce
		}
		return nil, 0, fmt.Errorf("send hello: %w", err)
	}
	down := 0
	var msg netcode.ServerMessage
	for {
		typ, b, err := conn.Read(ctx)
		if err != nil {
			if ce := closeErrorOf(err); ce != nil {
				return nil, down, ce
			}
			return nil, down, fmt.Errorf("wait for welcome: %w", err)
		}
		down += len(b)
		if typ != websocket.MessageBinary {
			return nil, down, errors.New("wait for welcome: server sent a text message")
		}
		if err := dec.DecodeServer(b, &msg); err != nil {
			return nil, down, fmt.Errorf("wait for welcome: %w", err)
		}
		switch msg.Type {
		case netcode.MsgWelcome:
			return &msg.Welcome, down, nil
		case netcode.MsgError:
			log.Warn("server error before welcome", "code", msg.Error.Code, "message", msg.Error.Message)
		default:
			log.Debug("ignoring message before welcome", "type", msg.Type)
		}
	}
}

// checkRules refuses a server whose game mode or constants differ from this
// client's game package: its prediction would drift from the server.
func checkRules(w *netcode.Welcome) error {
	_, params, ok := game.PredictMode(w.Mode, int(w.TickRate))
	if !ok {
		return fmt.Errorf("the server plays mode %q at %d ticks a second, which this client does not support", w.Mode, w.TickRate)
	}
	want := map[string]int64{}
	for _, p := range params {
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
