package server_test

import (
	"context"
	"fmt"
	"net"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
	"arena/server"
)

// The never-reader test's figures.
const (
	// neverReadHonest is how many honest players share the room with the
	// one that never reads.
	neverReadHonest = 50
	// neverReadWriteTimeout is the server's write timeout in the test, so
	// the never-reader is cut in about a second rather than the default 5.
	neverReadWriteTimeout = 500 * time.Millisecond
	// neverReadMaxGap is the longest an honest player may wait between two
	// snapshots: three snapshot intervals (33 ms at 30 Hz). One interval
	// is the pace; a loaded 2-core machine that runs 51 readers, their
	// writers and the room delays a snapshot by up to another interval
	// or two, never by more unless someone delays the room.
	neverReadMaxGap = 100 * time.Millisecond
	// neverReadLatenessP99 bounds the 99th percentile of how late the
	// room's ticks start: the 2 ms. Measured at 1-2 ms (the
	// histogram's bucket; the worst tick 1.1 ms), and the same under
	// -race, and with two CPU burners beside it (worst tick 2.1 ms), so
	// one bound serves both builds.
	neverReadLatenessP99 = 2 * time.Millisecond
)

// TestNeverReaderDoesNotDelayOthers: in a room of 50 honest players (each
// reading every snapshot and sending two inputs per snapshot, as the real
// client does), one that says Hello and never reads fills its socket; the
// server's direct write then finds no room, the writer goroutine's write
// stalls, and the write timeout cuts it (counted as 4003). Meanwhile the
// room's ticks start on time (tick lateness p99 at most
// neverReadLatenessP99, 2 ms) and no honest player waits
// more than neverReadMaxGap between snapshots.
func TestNeverReaderDoesNotDelayOthers(t *testing.T) {
	// Not parallel: it measures real-time figures, so it runs before the
	// parallel tests instead of competing with them for the CPU. The rest
	// of make test (other packages, all under -race) can still starve the
	// room's goroutine of a core, which is lateness the code did not
	// cause: a run that misses a figure is measured again, twice at most.
	for attempt := 1; ; attempt++ {
		r := neverReadRun(t)
		t.Logf("run %d: %s", attempt, r)
		if t.Failed() || r.p99 <= neverReadLatenessP99 && r.worstGap <= neverReadMaxGap {
			return
		}
		if attempt == 3 {
			t.Errorf("in 3 runs, tick lateness p99 %v (want at most %v), honest players' longest snapshot gap %v (want at most %v), %d tick overruns",
				r.p99, neverReadLatenessP99, r.worstGap, neverReadMaxGap, r.overruns)
			return
		}
		t.Logf("run %d missed a figure: measuring again", attempt)
	}
}

// neverReadResult is what one run of the never-reader test measured.
type neverReadResult struct {
	p99, max        time.Duration // tick lateness: p99 over the run (its bucket's bound), max over the server's life
	ticks           uint64        // ticks in the lateness figures
	worstGap        time.Duration // honest players' longest wait between snapshots
	skipped         int           // snapshots honest players never got (tick jumps past the snapshot interval)
	snapshots       int64         // snapshots the honest players read during the run
	cutAfter        time.Duration // from the never-reader's Hello to its cut
	overruns        uint64
	neverReaderSeen string // what the never-reader found once it read
}

func (r neverReadResult) String() string {
	return fmt.Sprintf("tick lateness p99 <= %v (max %v, %d ticks); honest: longest snapshot gap %v, %d snapshots read, %d skipped; never-reader cut %v after its Hello (then read: %s); %d overruns",
		r.p99, r.max, r.ticks, r.worstGap, r.snapshots, r.skipped, r.cutAfter.Round(time.Millisecond), r.neverReaderSeen, r.overruns)
}

// neverReadRun runs the scene once on a fresh server.
func neverReadRun(t *testing.T) neverReadResult {
	t.Helper()
	srv, err := server.New(server.Config{Maps: testMaps(), MapName: "test",
		RoomCapacity: neverReadHonest + 1, WriteTimeout: neverReadWriteTimeout,
		ResumeGrace: server.ResumeOff}) // the cut player's seat is freed at once, not held for a resume
	if err != nil {
		t.Fatal(err)
	}
	ln := &shrinkNextListener{Listener: newLocalListener(t)}
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Listener = ln
	hs.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		hs.Close()
	})
	addr := hs.Listener.Addr().String()
	m := srv.Metrics()

	honest := make([]*honestPeer, neverReadHonest)
	for i := range honest {
		p, err := dialHonest(addr, fmt.Sprintf("honest-%d", i))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = p.ws.Close() })
		honest[i] = p
	}
	waitFor(t, 10*time.Second, "every honest player's first snapshots", func() bool {
		for _, p := range honest {
			if p.snapshots.Load() < 3 {
				return false
			}
		}
		return true
	})

	// The never-reader: 4 KiB socket buffers (its receive buffer, the
	// server's send buffer), so the server's writes to it stall after a
	// few kilobytes rather than the megabytes loopback buffers grow to.
	ln.shrinkNext.Store(true)
	nr, err := wstest.Dial(addr, "/ws", netcode.Subprotocol)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = nr.Close() })
	if err := nr.Raw().(*net.TCPConn).SetReadBuffer(4096); err != nil {
		t.Fatal(err)
	}

	before := m.TickLateness.Snapshot()
	overruns0 := m.TickOverruns.Load()
	for _, p := range honest {
		p.startMeasuring()
	}
	t0 := time.Now()
	if err := nr.WriteMessage(hello("never-reader")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the never-reader to be cut as a slow consumer", func() bool {
		return m.Disconnects.Get("4003") == 1
	})
	var r neverReadResult
	r.cutAfter = time.Since(t0)
	// The room must have been through the cut and a while after it.
	deadline := time.Now().Add(500 * time.Millisecond)
	waitFor(t, 10*time.Second, "the room to let the never-reader go", func() bool {
		rooms := srv.Rooms()
		return time.Now().After(deadline) && len(rooms) == 1 && rooms[0].Players == neverReadHonest
	})
	after := m.TickLateness.Snapshot()
	r.overruns = m.TickOverruns.Load() - overruns0
	r.p99, r.ticks = latenessQuantile(before, after, 0.99)
	r.max = after.Max

	for _, p := range honest {
		p.mu.Lock()
		r.worstGap = max(r.worstGap, p.worstGap)
		r.skipped += p.skipped
		err := p.err
		p.mu.Unlock()
		r.snapshots += p.measured.Load()
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
	}
	if want := int64(neverReadHonest) * int64(r.cutAfter/(40*time.Millisecond)); r.snapshots < want {
		t.Errorf("honest players read %d snapshots in %v, want at least %d", r.snapshots, r.cutAfter, want)
	}

	// The never-reader finds what was buffered and then the end: the
	// server cut the TCP connection (EOF or a reset), since part of a
	// frame may have been on the wire and no close frame could follow.
	_ = nr.Raw().SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, err := nr.ReadMessage()
		if err != nil {
			r.neverReaderSeen = err.Error()
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Errorf("the never-reader's connection is still open after the cut")
			}
			break
		}
	}
	return r
}

// shrinkNextListener gives the next connection it accepts once shrinkNext
// is set a 4 KiB send buffer.
type shrinkNextListener struct {
	net.Listener
	shrinkNext atomic.Bool
}

func (l *shrinkNextListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok && l.shrinkNext.CompareAndSwap(true, false) {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}

// newLocalListener listens on a free 127.0.0.1 port until the test ends.
func newLocalListener(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// latenessQuantile returns the upper bound of the bucket that holds the q
// quantile of the ticks observed between before and after (two snapshots
// of one histogram), and how many ticks that is.
func latenessQuantile(before, after server.HistogramSnapshot, q float64) (time.Duration, uint64) {
	n := after.Count - before.Count
	var cum uint64
	for i := range after.Counts {
		cum += after.Counts[i] - before.Counts[i]
		if float64(cum) >= q*float64(n) {
			if i < len(after.Bounds) {
				return after.Bounds[i], n
			}
			return after.Max, n
		}
	}
	return after.Max, n
}

// honestPeer is a bare client that plays as the real one does on the wire:
// it reads every message and answers each snapshot with an Inputs message
// of two new inputs, acknowledging it. Once measuring it records its
// longest wait between snapshots and the snapshots it never got.
type honestPeer struct {
	name      string
	ws        *wstest.Conn
	enc       *netcode.Encoder
	inputs    netcode.Inputs
	seq       uint32
	snapshots atomic.Int64
	measured  atomic.Int64 // snapshots read since startMeasuring
	measuring atomic.Bool

	mu       sync.Mutex // mu guards the fields below
	worstGap time.Duration
	skipped  int
	err      error
}

func dialHonest(addr, name string) (*honestPeer, error) {
	ws, err := wstest.Dial(addr, "/ws", netcode.Subprotocol)
	if err != nil {
		return nil, err
	}
	p := &honestPeer{name: name, ws: ws, enc: netcode.NewEncoder()}
	if err := ws.WriteMessage(hello(name)); err != nil {
		_ = ws.Close()
		return nil, err
	}
	go p.readLoop()
	return p, nil
}

// startMeasuring makes the next snapshot the start of the figures.
func (p *honestPeer) startMeasuring() { p.measuring.Store(true) }

func (p *honestPeer) readLoop() {
	var last time.Time
	var lastTick uint32
	for {
		b, err := p.ws.ReadMessage()
		if err != nil {
			p.mu.Lock()
			if p.measuring.Load() && !isClosedByTest(err) {
				p.err = err
			}
			p.mu.Unlock()
			return
		}
		if len(b) < 3 || b[1] != byte(netcode.MsgSnapshot) {
			continue // Welcome
		}
		tick := snapshotTick(b)
		now := time.Now()
		p.snapshots.Add(1)
		if p.measuring.Load() {
			if p.measured.Add(1) > 1 {
				p.mu.Lock()
				p.worstGap = max(p.worstGap, now.Sub(last))
				if tick-lastTick > 2 { // 60 Hz ticks, 30 Hz snapshots
					p.skipped += int(tick-lastTick)/2 - 1
				}
				p.mu.Unlock()
			}
		}
		last, lastTick = now, tick
		p.sendInputs(tick)
	}
}

// isClosedByTest reports whether err is the test closing the socket at
// its end.
func isClosedByTest(err error) bool {
	ne, ok := err.(*net.OpError)
	return ok && ne.Err.Error() == "use of closed network connection"
}

// sendInputs writes two new inputs acknowledging tick.
func (p *honestPeer) sendInputs(tick uint32) {
	m := &p.inputs
	m.AckTick, m.N = tick, 2
	for k := range 2 {
		p.seq++
		m.Frames[k] = netcode.InputFrame{Seq: p.seq, RenderTick: tick,
			Input: game.Input{MoveX: int8(p.seq%200) - 100, MoveY: 50, Aim: uint16(p.seq * 997)}}
	}
	if err := p.ws.WriteMessage(p.enc.Inputs(m)); err != nil {
		p.mu.Lock()
		if p.err == nil && p.measuring.Load() {
			p.err = err
		}
		p.mu.Unlock()
	}
}

// snapshotTick reads a Snapshot message's tick: [17, tick, ...], the tick
// an unsigned msgpack integer.
func snapshotTick(b []byte) uint32 {
	b = b[2:]
	switch {
	case b[0] < 0x80:
		return uint32(b[0])
	case b[0] == 0xcc && len(b) > 1:
		return uint32(b[1])
	case b[0] == 0xcd && len(b) > 2:
		return uint32(b[1])<<8 | uint32(b[2])
	case b[0] == 0xce && len(b) > 4:
		return uint32(b[1])<<24 | uint32(b[2])<<16 | uint32(b[3])<<8 | uint32(b[4])
	}
	return 0
}
