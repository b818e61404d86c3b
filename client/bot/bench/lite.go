package main

// The light swarm: bench bots without a client.Session, so that a swarm of
// thousands on the server's own machine costs it little. A few drivers,
// one shared ticker each, make every bot's two inputs (bot.BenchBot) 30
// times a second and write them as one Inputs message, as the Session
// does; of what the server sends, only each snapshot's tick is decoded
// (for ack_tick). No prediction, no interpolation, no Ping: what the
// server sees is the same protocol and the same rate of messages a
// Session sends. Buffers are reused: no allocation per message.
//
// How a bot reads (-lite-reads):
//
//   - poll (litepoll.go, the default): after Welcome the bot's socket
//     leaves Go's network poller and its driver reads it without blocking
//     on each tick, right before making the bot's inputs. No goroutine per
//     bot, and a snapshot arriving wakes no thread.
//   - wake (litewake.go): one goroutine per bot blocks reading its
//     netcode/wstest connection, so every snapshot wakes it; on loopback
//     the server pays for that wake inside its write(2).

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"arena/client/bot"
	"arena/netcode"
	"arena/netcode/wstest"
)

// The reads -lite-reads picks.
const (
	readsPoll = "poll" // the drivers read detached sockets on their ticks
	readsWake = "wake" // a goroutine per bot blocks in a read
)

// dialTimeout bounds a light bot's handshake, Hello and Welcome.
const dialTimeout = 10 * time.Second

// liteBot is one bare connection: conn with the wake reads, polled with
// the polled ones.
type liteBot struct {
	conn   *wstest.Conn
	polled *polled
	brain  *bot.BenchBot
	seq    uint32 // the last input's; the drivers' only

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
	reads    string
	mu       sync.Mutex // guards bots, errs
	bots     []*liteBot
	errs     []error
	dropped  atomic.Int64  // connections lost while the run went on
	lost     chan struct{} // closed at the first connection lost
	lostOnce sync.Once
	adds     []chan *liteBot // each driver's new bots
	wg       sync.WaitGroup
	start    time.Time
}

// startLite dials bots bench bots to wsURL, stagger apart, each reading
// as reads says, and plays them until ctx ends.
func startLite(ctx context.Context, wsURL string, bots int, seed uint64, stagger time.Duration, reads string) (*liteSwarm, error) {
	u, err := url.Parse(wsURL)
	if err != nil || u.Scheme != "ws" {
		return nil, fmt.Errorf("light swarm: want a ws:// URL, got %q", wsURL)
	}
	if reads != readsPoll && reads != readsWake {
		return nil, fmt.Errorf("light swarm: reads must be %s or %s, got %q", readsPoll, readsWake, reads)
	}
	s := &liteSwarm{reads: reads, start: time.Now(), lost: make(chan struct{})}
	drivers := runtime.GOMAXPROCS(0)
	s.adds = make([]chan *liteBot, drivers)
	for i := range s.adds {
		s.adds[i] = make(chan *liteBot, bots)
		s.wg.Go(func() { s.drive(ctx, s.adds[i], i, drivers) })
	}
	s.wg.Go(func() {
		for i := range bots {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Until(s.start.Add(time.Duration(i) * stagger))):
			}
			seed := seed ^ (uint64(i+1) * 0x9e3779b97f4a7c15)
			add := s.adds[i%drivers]
			if reads == readsWake {
				s.wg.Go(func() { s.runWake(ctx, u, seed, add) })
				continue
			}
			s.wg.Go(func() {
				b, err := dialPolled(u.Host, u.Path, seed)
				if err != nil {
					s.fail(err)
					return
				}
				s.mu.Lock()
				s.bots = append(s.bots, b)
				s.mu.Unlock()
				add <- b // never blocks: room for every bot; wait closes what no driver took
			})
		}
	})
	return s, nil
}

// driverSlices is how many slices a driver cuts its bots' period into: it
// ticks that many times per input period and serves one slice of its bots
// each time, so that the swarm's messages are spread over the period as
// real clients' are (each on its own clock), not sent by every bot of a
// driver at one instant. With the two drivers of a 2-core machine ticking
// together, a burst of a thousand bots' reads and writes held both cores
// for milliseconds, and the rooms due then started late.
const driverSlices = 16

// drive makes the inputs of the bots it is given, 30 messages of two a
// second each, until ctx ends; a polled bot's socket is read right before.
// Its bots are served in driverSlices slices, one per tick of its ticker
// (driverSlices times per input period), driver i of n starting i/n of a
// slice late. The polled bots are the driver's: it closes them when ctx
// ends.
func (s *liteSwarm) drive(ctx context.Context, add <-chan *liteBot, i, n int) {
	var groups [driverSlices][]*liteBot // the bots of each slice
	added := 0
	enc := netcode.NewEncoder()
	var msg netcode.Inputs
	var frame []byte // a polled bot's frame being written
	slice := time.Second / bot.BenchDecisionsPerSecond / driverSlices
	select {
	case <-ctx.Done():
		return
	case <-time.After(slice * time.Duration(i) / time.Duration(n)):
	}
	t := time.NewTicker(slice)
	defer t.Stop()
	defer func() {
		for _, bots := range groups {
			for _, b := range bots {
				if b.polled != nil && !b.dead.Load() {
					b.leave()
				}
			}
		}
	}()
	for next := 0; ; {
		select {
		case <-ctx.Done():
			return
		case b := <-add:
			groups[added%driverSlices] = append(groups[added%driverSlices], b)
			added++
			continue
		case <-t.C:
		}
		bots := groups[next]
		died := false
		for _, b := range bots {
			if b.dead.Load() {
				died = true
				continue
			}
			if b.polled != nil {
				if err := b.poll(); err != nil {
					s.lose(ctx, b, err)
					continue
				}
			}
			msg.AckTick, msg.N = b.ack.Load(), 2
			for i := range 2 {
				b.seq++
				msg.Frames[i] = netcode.InputFrame{Seq: b.seq, Input: b.brain.Decide(nil)}
			}
			p := enc.Inputs(&msg)
			if b.polled != nil {
				if err := b.send(&frame, p); err != nil {
					s.lose(ctx, b, err)
					continue
				}
			} else if err := b.conn.WriteMessage(p); err != nil {
				continue // the reader sees the connection end
			}
			b.up.Add(uint64(len(p)))
			b.inputMsgs.Add(1)
		}
		if died {
			groups[next] = slices.DeleteFunc(bots, func(b *liteBot) bool { return b.dead.Load() })
		}
		next = (next + 1) % driverSlices
	}
}

// lose records that b's connection ended with err: a disconnect while the
// run goes on. A polled bot's socket is closed.
func (s *liteSwarm) lose(ctx context.Context, b *liteBot, err error) {
	b.dead.Store(true)
	if b.polled != nil {
		_ = b.polled.sock.Close()
	}
	if ctx.Err() != nil {
		return
	}
	s.dropped.Add(1)
	s.fail(fmt.Errorf("connection lost: %w", err))
	s.lostOnce.Do(func() { close(s.lost) })
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
	// Polled bots that joined after their driver stopped.
	for _, add := range s.adds {
		for len(add) > 0 {
			if b := <-add; b.polled != nil {
				b.leave()
			}
		}
	}
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
