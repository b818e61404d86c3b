package main

// The light swarm: bench bots without a client.Session, so that a swarm of
// thousands on the server's own machine costs it little. Each bot is a bare
// WebSocket (netcode/wstest: reused buffers, no allocation per message)
// with one goroutine that reads and counts snapshots, decoding of each only
// its tick (for ack_tick); a few drivers, one shared ticker each, make
// every bot's two inputs (bot.BenchBot) 30 times a second and write them
// as one Inputs message, as the Session does. No prediction, no
// interpolation, no Ping: what the server sees is the same protocol and
// the same rate of messages a Session sends.

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"arena/client/bot"
	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
)

// dialTimeout bounds a light bot's handshake, Hello and Welcome.
const dialTimeout = 10 * time.Second

// liteBot is one bare connection.
type liteBot struct {
	conn  *wstest.Conn
	brain *bot.BenchBot
	seq   uint32 // the last input's; the drivers' only

	ack       atomic.Uint32 // the newest snapshot tick read
	down, up  atomic.Uint64 // message bytes (WebSocket payload), as client.Stats counts them
	snapshots atomic.Uint64
	inputMsgs atomic.Uint64
	dead      atomic.Bool
}

// traffic is what every bot of a swarm has sent and received so far.
type traffic struct {
	at                        time.Time
	down, up, snaps, inputMsg uint64
}

// liteSwarm is a running light swarm.
type liteSwarm struct {
	mu      sync.Mutex // guards bots, errs
	bots    []*liteBot
	errs    []error
	dropped atomic.Int64 // connections lost while the run went on
	wg      sync.WaitGroup
	start   time.Time
}

// startLite dials bots bench bots to wsURL, stagger apart, and plays them
// until ctx ends.
func startLite(ctx context.Context, wsURL string, bots int, seed uint64, stagger time.Duration) (*liteSwarm, error) {
	u, err := url.Parse(wsURL)
	if err != nil || u.Scheme != "ws" {
		return nil, fmt.Errorf("light swarm: want a ws:// URL, got %q", wsURL)
	}
	s := &liteSwarm{start: time.Now()}
	drivers := runtime.GOMAXPROCS(0)
	adds := make([]chan *liteBot, drivers)
	for i := range adds {
		adds[i] = make(chan *liteBot, bots)
		s.wg.Go(func() { s.drive(ctx, adds[i]) })
	}
	s.wg.Go(func() {
		for i := range bots {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Until(s.start.Add(time.Duration(i) * stagger))):
			}
			s.wg.Go(func() {
				b, err := dialLite(u.Host, u.Path, seed^(uint64(i+1)*0x9e3779b97f4a7c15))
				if err != nil {
					s.fail(err)
					return
				}
				s.mu.Lock()
				s.bots = append(s.bots, b)
				s.mu.Unlock()
				// The end of the run closes the bot (with a close frame, so
				// the server frees its seat at once), whenever it joined.
				stop := context.AfterFunc(ctx, func() {
					_ = b.conn.WriteClose(1000, "")
					b.conn.Close()
				})
				defer stop()
				adds[i%drivers] <- b
				s.read(ctx, b)
			})
		}
	})
	return s, nil
}

// dialLite opens one bot's connection: Hello, then Welcome, which must
// name the bench rule.
func dialLite(host, path string, seed uint64) (*liteBot, error) {
	conn, err := wstest.Dial(host, path, netcode.Subprotocol)
	if err != nil {
		return nil, err
	}
	// A server that never answers must not hold the run.
	_ = conn.Raw().SetDeadline(time.Now().Add(dialTimeout))
	enc := netcode.NewEncoder()
	if err := conn.WriteMessage(enc.Hello(&netcode.Hello{Version: netcode.Version, Name: "bench"})); err != nil {
		conn.Close()
		return nil, err
	}
	dec := netcode.NewDecoder()
	var msg netcode.ServerMessage
	for {
		p, err := conn.ReadMessage()
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		if err := dec.DecodeServer(p, &msg); err != nil {
			conn.Close()
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		if msg.Type != netcode.MsgWelcome {
			continue
		}
		if msg.Welcome.Mode != game.ModeBench {
			conn.Close()
			return nil, fmt.Errorf("bench bots need a server playing the bench rule (gameserver -mode bench); this one plays %q", msg.Welcome.Mode)
		}
		_ = conn.Raw().SetDeadline(time.Time{})
		return &liteBot{conn: conn, brain: bot.NewBench(seed, int(msg.Welcome.TickRate))}, nil
	}
}

// read counts b's messages until its connection ends.
func (s *liteSwarm) read(ctx context.Context, b *liteBot) {
	for {
		p, err := b.conn.ReadMessage()
		if err != nil {
			b.dead.Store(true)
			if ctx.Err() == nil {
				s.dropped.Add(1)
				s.fail(fmt.Errorf("connection lost: %w", err))
			}
			return
		}
		b.down.Add(uint64(len(p)))
		if tick, ok := snapshotTick(p); ok {
			b.snapshots.Add(1)
			if tick > b.ack.Load() {
				b.ack.Store(tick)
			}
		}
	}
}

// drive makes the inputs of the bots it is given, 30 messages of two a
// second each, on one ticker, until ctx ends.
func (s *liteSwarm) drive(ctx context.Context, add <-chan *liteBot) {
	var bots []*liteBot
	enc := netcode.NewEncoder()
	var msg netcode.Inputs
	t := time.NewTicker(time.Second / bot.BenchDecisionsPerSecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case b := <-add:
			bots = append(bots, b)
			continue
		case <-t.C:
		}
		for _, b := range bots {
			if b.dead.Load() {
				continue
			}
			msg.AckTick, msg.N = b.ack.Load(), 2
			for i := range 2 {
				b.seq++
				msg.Frames[i] = netcode.InputFrame{Seq: b.seq, Input: b.brain.Decide(nil)}
			}
			p := enc.Inputs(&msg)
			if err := b.conn.WriteMessage(p); err != nil {
				continue // the reader sees the connection end
			}
			b.up.Add(uint64(len(p)))
			b.inputMsgs.Add(1)
		}
	}
}

// fail records a bot's error.
func (s *liteSwarm) fail(err error) {
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
}

// sample sums every bot's counters now.
func (s *liteSwarm) sample() traffic {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := traffic{at: time.Now()}
	for _, b := range s.bots {
		t.down += b.down.Load()
		t.up += b.up.Load()
		t.snaps += b.snapshots.Load()
		t.inputMsg += b.inputMsgs.Load()
	}
	return t
}

// wait waits for every goroutine of the swarm (after ctx ended) and
// returns the bots that failed to join, those dropped, and the first error.
func (s *liteSwarm) wait() (failed, dropped int, first error) {
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	dropped = int(s.dropped.Load())
	failed = len(s.errs) - dropped
	return failed, dropped, errors.Join(s.errs[:min(len(s.errs), 1)]...)
}

// snapshotTick returns the tick of a Snapshot message (a msgpack array
// whose first two elements are its type and its tick), decoding nothing
// else; ok is false for any other message.
func snapshotTick(p []byte) (uint32, bool) {
	switch {
	case len(p) > 0 && p[0]&0xf0 == 0x90: // fixarray
		p = p[1:]
	case len(p) > 2 && p[0] == 0xdc: // array 16
		p = p[3:]
	default:
		return 0, false
	}
	if len(p) < 2 || p[0] != byte(netcode.MsgSnapshot) {
		return 0, false
	}
	p = p[1:]
	switch c := p[0]; {
	case c <= 0x7f:
		return uint32(c), true
	case c == 0xcc && len(p) >= 2:
		return uint32(p[1]), true
	case c == 0xcd && len(p) >= 3:
		return uint32(p[1])<<8 | uint32(p[2]), true
	case c == 0xce && len(p) >= 5:
		return uint32(p[1])<<24 | uint32(p[2])<<16 | uint32(p[3])<<8 | uint32(p[4]), true
	}
	return 0, false
}
