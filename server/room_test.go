package server

import (
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"arena/game"
	"arena/netcode"
)

const roomTestMap = `{"type":"map","orientation":"orthogonal","width":10,"height":10,"tilewidth":32,"tileheight":32,
"layers":[{"type":"objectgroup","name":"walls","objects":[]},{"type":"objectgroup","name":"spawns","objects":[{"id":1,"x":80,"y":160,"point":true},{"id":2,"x":240,"y":160,"point":true}]}]}`

// recorder is a peer that counts what a room sends it.
type recorder struct {
	mu        sync.Mutex // mu guards the fields below
	snapshots int
	reliable  int
	last      netcode.Snapshot
	dec       *netcode.Decoder
	msg       netcode.ServerMessage
}

func (r *recorder) sendSnapshot(b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.snapshots++
	if err := r.dec.DecodeServer(b, &r.msg); err == nil {
		r.last = r.msg.Snapshot
		r.last.Players = append([]netcode.PlayerState(nil), r.msg.Snapshot.Players...)
	}
}

func (r *recorder) sendReliable([]byte) {
	r.mu.Lock()
	r.reliable++
	r.mu.Unlock()
}

func newTestRoom(t testing.TB, clock Clock, tickRate, snapshotRate int) (*Room, *Metrics) {
	t.Helper()
	cfg := Config{Maps: fstest.MapFS{"maps/t.json": {Data: []byte(roomTestMap)}}, MapName: "t",
		Clock: clock, TickRate: tickRate, SnapshotRate: snapshotRate}.withDefaults()
	m, err := cfg.validate()
	if err != nil {
		t.Fatal(err)
	}
	metrics := newMetrics()
	r, err := newRoom(roomConfig{id: "t1", cfg: cfg, gameMap: m, metrics: metrics, release: func(*Room) {}})
	if err != nil {
		t.Fatal(err)
	}
	return r, metrics
}

// TestRoomTicksOnTheFakeClock drives a room's goroutine with a fake clock:
// after the clock reaches T, exactly floor(T/period)+1 ticks have run, and
// a stall is measured as lateness and, when long, as an overrun.
func TestRoomTicksOnTheFakeClock(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	r, metrics := newTestRoom(t, clock, 60, 30)
	go r.run()
	defer func() { r.stop(); <-r.Done() }()

	period := time.Second / 60
	waitTicks := func(want uint64) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for metrics.Ticks.Load() != want {
			if time.Now().After(deadline) {
				t.Fatalf("ticks = %d, want %d", metrics.Ticks.Load(), want)
			}
			time.Sleep(time.Millisecond)
		}
	}
	waitTicks(1) // tick 0 runs at start
	// Advance in steps that do not divide the period: the count follows the
	// absolute time, not the sum of sleeps.
	var elapsed time.Duration
	for range 100 {
		clock.Advance(7 * time.Millisecond)
		elapsed += 7 * time.Millisecond
		waitTicks(uint64(elapsed/period) + 1)
	}
	if got := metrics.TickLateness.Snapshot(); got.Max >= period || got.Count != metrics.Ticks.Load() {
		t.Fatalf("lateness %+v: want every tick measured, each less than a period late", got)
	}
	if metrics.TickOverruns.Load() != 0 {
		t.Fatalf("overruns = %d", metrics.TickOverruns.Load())
	}

	// A stall of 3 periods: three ticks run late, back to back.
	before := metrics.Ticks.Load()
	clock.Advance(3 * period)
	elapsed += 3 * period
	waitTicks(uint64(elapsed/period) + 1)
	if got := metrics.Ticks.Load() - before; got != 3 {
		t.Fatalf("%d ticks after a 3-period stall, want 3", got)
	}
	if max := metrics.TickLateness.Snapshot().Max; max < 2*period {
		t.Fatalf("max lateness %v after a stall, want >= %v", max, 2*period)
	}

	// A stall of a second: the room skips ahead instead of running 60 ticks.
	before = metrics.Ticks.Load()
	clock.Advance(time.Second)
	waitFor := time.Now().Add(5 * time.Second)
	for metrics.TickOverruns.Load() == 0 {
		if time.Now().After(waitFor) {
			t.Fatal("no overrun counted after a 1 s stall")
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // let the catch-up ticks run
	if ran := metrics.Ticks.Load() - before; ran > maxTicksBehind+2 {
		t.Fatalf("%d ticks ran after a 1 s stall, want a skip", ran)
	}
	if metrics.TicksSkipped.Load() < 50 {
		t.Fatalf("skipped %d ticks, want about 60", metrics.TicksSkipped.Load())
	}
}

// TestRoomInputs drives step directly: one input per tick, a repeat when
// none arrived, the excess beyond the buffer dropped and counted, and
// snapshots every TickRate/SnapshotRate ticks carrying the applied Seq.
func TestRoomInputs(t *testing.T) {
	t.Parallel()
	r, metrics := newTestRoom(t, newFakeClock(), 60, 20)
	p := &recorder{dec: netcode.NewDecoder()}
	reply := make(chan joinReply, 1)
	r.joins <- &joinRequest{name: "p", peer: p, reply: reply}
	r.step()
	rep := <-reply
	if rep.err != nil {
		t.Fatal(rep.err)
	}
	if p.reliable != 2 { // Welcome, and the join events
		t.Fatalf("%d reliable messages after join, want 2", p.reliable)
	}

	// 12 new inputs at once: 8 are buffered, 4 dropped as a speed hack.
	var b inputBatch
	b.id = rep.id
	for i := range 12 {
		b.frames[i] = netcode.InputFrame{Seq: uint32(i + 1), Input: game.Input{MoveX: 127}}
	}
	b.n = 12
	r.submitInput(&b)
	start := r.rules.Player(rep.id).Pos
	for range 8 {
		r.step()
	}
	if got := metrics.SpeedHack.Load(); got != 4 {
		t.Fatalf("speed hack drops = %d, want 4", got)
	}
	pl := r.rules.Player(rep.id)
	if pl.LastSeq != 8 {
		t.Fatalf("LastSeq = %d, want 8 (one input per tick)", pl.LastSeq)
	}
	// No new input: the last one repeats and the player keeps moving.
	x := pl.Pos.X
	r.step()
	r.step()
	if pl.Pos.X <= x || x <= start.X {
		t.Fatalf("x %v -> %v -> %v: want movement to continue", start.X, x, pl.Pos.X)
	}
	// 11 steps at 60 Hz with snapshots at 20 Hz: ticks 3, 6 and 9.
	if p.snapshots != 3 {
		t.Fatalf("%d snapshots in 11 ticks, want 3", p.snapshots)
	}
	if p.last.AckSeq != 8 || p.last.Tick != 9 {
		t.Fatalf("last snapshot tick %d ack %d, want 9 8", p.last.Tick, p.last.AckSeq)
	}
	// A repeat of old frames changes nothing.
	b.n = 3
	r.submitInput(&b)
	r.step()
	if pl.LastSeq != 8 || metrics.SpeedHack.Load() != 4 {
		t.Fatalf("old frames applied: LastSeq %d, drops %d", pl.LastSeq, metrics.SpeedHack.Load())
	}
}

// discard is a peer that drops everything, like a connection whose writer
// keeps up.
type discard struct{}

func (discard) sendSnapshot([]byte) {}
func (discard) sendReliable([]byte) {}

// BenchmarkRoomStep measures a full room's tick, snapshots included; in
// steady state it should allocate nothing.
func BenchmarkRoomStep(b *testing.B) {
	r, _ := newTestRoom(b, newFakeClock(), 60, 60)
	for range DefaultRoomCapacity {
		reply := make(chan joinReply, 1)
		r.joins <- &joinRequest{name: "p", peer: discard{}, reply: reply}
		r.step()
		if rep := <-reply; rep.err != nil {
			b.Fatal(rep.err)
		}
	}
	var in inputBatch
	in.n = 1
	for range 100 { // warm up buffers
		r.step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		for _, m := range r.members {
			in.id = m.id
			in.frames[0] = netcode.InputFrame{Seq: uint32(i + 1), Input: game.Input{MoveX: int8(i%255 - 127), Aim: uint16(i * 300), Buttons: game.ButtonFire}}
			r.submitInput(&in)
		}
		r.step()
	}
}
