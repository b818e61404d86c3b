package server

import (
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
)

// BenchmarkSnapshotDelivery measures the server's hot path as production
// runs it: a full room of real loopback WebSocket clients, each sending one
// Inputs message (two inputs) per snapshot tick and reading every snapshot.
// One op is one snapshot tick: the room polls every socket, applies the
// inputs, steps twice, encodes a delta per client and writes it to the
// socket. The clients are bare wstest peers that allocate nothing, so
// allocs/delivered (allocations per snapshot a client received) is the
// server's own; it should be 0.
func BenchmarkSnapshotDelivery(b *testing.B) {
	clock := newFakeClock()
	cfg := Config{Maps: fstest.MapFS{"maps/t.json": {Data: []byte(roomTestMap)}}, MapName: "t",
		Clock: clock, TickRate: 60, SnapshotRate: 30}
	s, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	defer hs.Close()
	addr := strings.TrimPrefix(hs.URL, "http://")

	clients := make([]*benchClient, DefaultRoomCapacity)
	for i := range clients {
		c, err := dialBenchClient(addr)
		if err != nil {
			b.Fatal(err)
		}
		defer c.ws.Close()
		clients[i] = c
	}
	period := time.Second / 60
	// oneSnapshot sends each client's inputs, advances the clock by a
	// snapshot period and waits until every client has the new snapshot.
	want := uint64(0)
	oneSnapshot := func(i int) {
		for _, c := range clients {
			c.sendInputs(i)
		}
		want++
		clock.Advance(2 * period)
		deadline := time.Now().Add(10 * time.Second)
		for _, c := range clients {
			for c.snapshots.Load() < want {
				if c.err.Load() != nil {
					b.Fatalf("client: %v", *c.err.Load())
				}
				if time.Now().After(deadline) {
					b.Fatalf("a client has %d snapshots, want %d", c.snapshots.Load(), want)
				}
				runtime.Gosched()
			}
		}
	}
	// Let the room seat everyone (joins are drained at ticks), then warm
	// the buffers up.
	deadline := time.Now().Add(10 * time.Second)
	for _, c := range clients {
		for !c.welcomed.Load() {
			if c.err.Load() != nil {
				b.Fatalf("client: %v", *c.err.Load())
			}
			if time.Now().After(deadline) {
				b.Fatal("not every client was welcomed")
			}
			clock.Advance(period)
			time.Sleep(time.Millisecond)
		}
	}
	for _, c := range clients { // what the clock moved past is not counted
		c.snapshots.Store(0)
	}
	for i := range 200 {
		oneSnapshot(i)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		oneSnapshot(200 + i)
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	delivered := float64(b.N * len(clients))
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/delivered, "allocs/delivered")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/delivered, "B/delivered")
	if got := s.Metrics().SnapshotsDirect.Load(); got == 0 {
		b.Fatal("no snapshot took the direct write path")
	}
}

// benchClient is a bot reduced to its wire traffic: it sends inputs and
// counts the snapshots it reads, in reused buffers.
type benchClient struct {
	ws        *wstest.Conn
	enc       *netcode.Encoder
	seq       uint32
	inputs    netcode.Inputs
	lastTick  atomic.Uint32
	snapshots atomic.Uint64
	welcomed  atomic.Bool
	err       atomic.Pointer[error]
}

func dialBenchClient(addr string) (*benchClient, error) {
	ws, err := wstest.Dial(addr, "/ws", netcode.Subprotocol)
	if err != nil {
		return nil, err
	}
	c := &benchClient{ws: ws, enc: netcode.NewEncoder()}
	if err := ws.WriteMessage(c.enc.Hello(&netcode.Hello{Version: netcode.Version, Name: "bench"})); err != nil {
		return nil, err
	}
	go c.readLoop()
	return c, nil
}

func (c *benchClient) readLoop() {
	for {
		p, err := c.ws.ReadMessage()
		if err != nil {
			c.fail(err)
			return
		}
		// [17, tick, ...]: a snapshot; Welcome and anything else are not counted.
		if len(p) > 2 && p[1] == byte(netcode.MsgWelcome) {
			c.welcomed.Store(true)
		}
		if len(p) > 2 && p[1] == byte(netcode.MsgSnapshot) {
			c.lastTick.Store(msgpackUint(p[2:]))
			c.snapshots.Add(1)
		}
	}
}

// msgpackUint reads the unsigned integer at the start of b (fixint, uint8,
// uint16 or uint32 form).
func msgpackUint(b []byte) uint32 {
	switch {
	case b[0] < 0x80:
		return uint32(b[0])
	case b[0] == 0xcc:
		return uint32(b[1])
	case b[0] == 0xcd:
		return uint32(b[1])<<8 | uint32(b[2])
	case b[0] == 0xce:
		return uint32(b[1])<<24 | uint32(b[2])<<16 | uint32(b[3])<<8 | uint32(b[4])
	}
	return 0
}

// sendInputs writes one Inputs message of two new inputs, acking the last
// snapshot read, as the real client does once per snapshot.
func (c *benchClient) sendInputs(i int) {
	m := &c.inputs
	m.AckTick, m.N = c.lastTick.Load(), 2
	for k := range 2 {
		c.seq++
		m.Frames[k] = netcode.InputFrame{Seq: c.seq, RenderTick: m.AckTick,
			Input: game.Input{MoveX: int8((i+k)%255 - 127), MoveY: 64, Aim: uint16(i * 997), Buttons: game.ButtonFire}}
	}
	if err := c.ws.WriteMessage(c.enc.Inputs(m)); err != nil {
		c.fail(err)
	}
}

// fail records the client's error (a copy, so the hot path's err never
// escapes).
func (c *benchClient) fail(err error) { c.err.Store(&err) }
