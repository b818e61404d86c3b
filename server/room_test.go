package server

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
)

const roomTestMap = `{"type":"map","orientation":"orthogonal","width":10,"height":10,"tilewidth":32,"tileheight":32,
"layers":[{"type":"objectgroup","name":"walls","objects":[]},{"type":"objectgroup","name":"spawns","objects":[{"id":1,"x":80,"y":160,"point":true},{"id":2,"x":240,"y":160,"point":true}]}]}`

// recorder is a peer with a real sendQueue that plays the writer: take
// takes what the queue holds as a connection's writer would and applies
// each snapshot to a View, as a client does.
type recorder struct {
	q        *sendQueue
	dec      *netcode.Decoder
	msg      netcode.ServerMessage
	view     netcode.View
	welcomes int
	snaps    int
	full     int
	last     netcode.Snapshot
	events   []netcode.Event
	behind   string
}

func newRecorder() *recorder {
	return &recorder{q: newSendQueue(DefaultSendQueue, nil), dec: netcode.NewDecoder()}
}

func (r *recorder) queue() *sendQueue        { return r.q }
func (r *recorder) fellBehind(reason string) { r.behind = reason }
func (r *recorder) poll(time.Time, *tally)   {}
func (r *recorder) readByRoom() bool         { return false }
func (r *recorder) replaced()                { r.behind = "replaced" }
func (r *recorder) join(t testing.TB, room *Room, name string) (game.PlayerID, *inputBuffer) {
	t.Helper()
	in := &inputBuffer{}
	reply := make(chan joinReply, 1)
	room.joins <- &joinRequest{name: name, peer: r, inputs: in, reply: reply}
	room.step(time.Time{})
	rep := <-reply
	if rep.err != nil {
		t.Fatal(rep.err)
	}
	r.view.Self = rep.id
	return rep.id, in
}

// take drains the queue like the writer and returns how many snapshots it
// applied (0 or 1: the slot holds one).
func (r *recorder) take(t testing.TB) int {
	t.Helper()
	n := 0
	for {
		b, isSnap, ok := r.q.take()
		if !ok {
			return n
		}
		if err := r.dec.DecodeServer(framePayload(b), &r.msg); err != nil {
			t.Fatalf("decode: %v", err)
		}
		switch r.msg.Type {
		case netcode.MsgWelcome:
			r.welcomes++
		case netcode.MsgSnapshot:
			s := &r.msg.Snapshot
			if err := r.view.Apply(s); err != nil {
				t.Fatalf("apply snapshot %d: %v", s.Tick, err)
			}
			r.snaps++
			if s.Baseline == 0 {
				r.full++
			}
			r.last = *s
			r.last.Own.Steps = append([]uint32(nil), s.Own.Steps...)
			r.events = append(r.events, s.Events...)
			n++
		}
		r.q.done(b, isSnap)
	}
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

// TestEventsSurviveReplacedSlot: while a client's writer takes nothing, the
// room replaces its unsent snapshot again and again; when the writer takes
// one, it carries every event since the client's last snapshot, once each,
// in order.
func TestEventsSurviveReplacedSlot(t *testing.T) {
	t.Parallel()
	r, _ := newTestRoom(t, newFakeClock(), 60, 30)
	p := newRecorder()
	p.join(t, r, "p")
	for range 4 {
		r.step(time.Time{})
	}
	p.take(t)
	var want []string
	for round := range 20 {
		// Some chat lines over several snapshots, none taken.
		for i := range 3 {
			text := fmt.Sprintf("line %d.%d", round, i)
			want = append(want, text)
			r.chats <- chatLine{id: p.view.Self, text: text}
			for range 1 + i {
				r.step(time.Time{})
			}
		}
		if round%3 == 0 {
			p.take(t)
		}
	}
	r.step(time.Time{})
	r.step(time.Time{})
	p.take(t)
	var got []string
	for _, e := range p.events {
		if e.Kind == netcode.EventChat {
			got = append(got, e.Text)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("chat events received:\n%q\nwant exactly once, in order:\n%q", got, want)
	}
}

// TestPongSurvivesReplacedSlot: the answer to a Ping rides the snapshot
// built after the server read it; when that snapshot is replaced unsent,
// the answer rides the one that replaced it, with the longer hold.
func TestPongSurvivesReplacedSlot(t *testing.T) {
	t.Parallel()
	r, _ := newTestRoom(t, newFakeClock(), 60, 30)
	p := newRecorder()
	_, in := p.join(t, r, "p")
	r.step(time.Time{})
	p.take(t)
	t0 := time.Unix(1000, 0)
	in.notePing(4242, t0)
	// Two snapshot ticks, nothing taken: the first snapshot is replaced.
	r.step(t0)
	r.step(t0.Add(16 * time.Millisecond))
	r.step(t0.Add(33 * time.Millisecond))
	r.step(t0.Add(50 * time.Millisecond))
	if p.take(t) != 1 {
		t.Fatal("want the one snapshot in the slot")
	}
	o := p.last.Own
	if o.Mask&netcode.OwnPong == 0 || o.Pong.ClientTime != 4242 {
		t.Fatalf("the snapshot that replaced the Ping's answer has no pong (own %+v)", o)
	}
	if o.Pong.HoldMicros < 33_000 {
		t.Errorf("hold %d us, want the time since the Ping was read (>= 33 ms)", o.Pong.HoldMicros)
	}
	// Answered once: the next snapshot has no pong.
	r.step(t0.Add(66 * time.Millisecond))
	r.step(t0.Add(83 * time.Millisecond))
	p.take(t)
	if p.last.Own.Mask&netcode.OwnPong != 0 {
		t.Error("the Ping was answered twice")
	}
}

// BenchmarkRoomStep measures a full room's tick, a snapshot for every client
// included (encoded, queued and taken by a writer that decodes nothing); in
// steady state it should allocate nothing. The write itself is measured
// through real sockets by BenchmarkSnapshotDelivery. arena16 is the shooter
// on a small test map; bench16 and bench64 the bench rule (game.Bench) on
// its 2000 x 2000 map with 16 and 64 players.
func BenchmarkRoomStep(b *testing.B) {
	arena := Config{Maps: fstest.MapFS{"maps/t.json": {Data: []byte(roomTestMap)}}, MapName: "t"}
	bench := Config{Rules: game.NewBench, MapName: game.BenchMapName}
	for _, bc := range []struct {
		name    string
		cfg     Config
		players int
	}{{"arena16", arena, 16}, {"bench16", bench, 16}, {"bench64", bench, 64}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := bc.cfg
			cfg.Clock, cfg.TickRate, cfg.SnapshotRate, cfg.RoomCapacity = newFakeClock(), 60, 60, bc.players
			benchRoomStep(b, cfg, bc.players)
		})
	}
}

// benchRoomStep measures r.step with players players sending an input a tick.
func benchRoomStep(b *testing.B, cfg Config, players int) {
	cfg = cfg.withDefaults()
	m, err := cfg.validate()
	if err != nil {
		b.Fatal(err)
	}
	r, err := newRoom(roomConfig{id: "b1", cfg: cfg, gameMap: m, metrics: newMetrics(), release: func(*Room) {}})
	if err != nil {
		b.Fatal(err)
	}
	var recs []*recorder
	var bufs []*inputBuffer
	for range players {
		p := newRecorder()
		_, in := p.join(b, r, "p")
		recs, bufs = append(recs, p), append(bufs, in)
	}
	var msg netcode.Inputs
	msg.N = 1
	seq := uint32(0)
	step := func(i int) {
		seq++
		for k, in := range bufs {
			// Each player its own direction, so they spread over the map.
			msg.Frames[0] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: int8((i+k*37)%255 - 127),
				MoveY: int8((k*53)%255 - 127), Aim: uint16(i * 300), Buttons: game.ButtonFire}}
			if _, err := in.push(&msg, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
		r.step(time.Time{})
		for _, p := range recs {
			for {
				buf, isSnap, ok := p.q.take()
				if !ok {
					break
				}
				p.q.done(buf, isSnap)
			}
		}
	}
	for i := range 100 { // warm up buffers
		step(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		step(i)
	}
}

// TestInterestOnALargeMap: on a map far wider than the view box, two players
// at opposite ends do not see each other; as one walks over, the other
// enters its view (announced as an enter, with every field) once it is
// within the box, and leaves it (announced) only when it is beyond the box
// plus the hysteresis again.
func TestInterestOnALargeMap(t *testing.T) {
	t.Parallel()
	row := "#S" + strings.Repeat(".", 121) + "S#"
	wall := strings.Repeat("#", len(row))
	data := gametest.TiledJSON(wall, row, row, row, wall)
	cfg := Config{Maps: gametest.MapFS("wide", data), MapName: "wide", Clock: newFakeClock()}.withDefaults()
	gm, err := cfg.validate()
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRoom(roomConfig{id: "w", cfg: cfg, gameMap: gm, metrics: newMetrics(), release: func(*Room) {}})
	if err != nil {
		t.Fatal(err)
	}
	pa, pb := newRecorder(), newRecorder()
	aID, ain := pa.join(t, r, "a")
	bID, _ := pb.join(t, r, "b")
	if gm.Width < 2*float64(cfg.ViewWidth) {
		t.Fatalf("map %v wide is not larger than the view %d", gm.Width, cfg.ViewWidth)
	}
	a, b := r.rules.Player(aID), r.rules.Player(bID)
	dir := int8(127)
	if a.Pos.X > b.Pos.X {
		dir = -127
	}
	seq := uint32(0)
	walk := func(move int8, until func() bool) {
		t.Helper()
		for range 60 * 30 {
			seq++
			var m netcode.Inputs
			m.N = 1
			m.Frames[0] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: move}}
			if _, err := ain.push(&m, time.Time{}); err != nil {
				t.Fatal(err)
			}
			r.step(time.Time{})
			pa.take(t)
			pb.take(t)
			if until() {
				return
			}
		}
		t.Fatal("walked for 30 s without the view changing")
	}
	pa.take(t)
	if pa.view.Other(bID) != nil || pb.view.Other(aID) != nil {
		t.Fatal("players at opposite ends see each other")
	}
	half := float64(cfg.ViewWidth) / 2
	sawEnter := false
	walk(dir, func() bool {
		for _, u := range pa.last.Players {
			if u.ID == bID && u.Mask == netcode.PlayerEnter {
				sawEnter = true
			}
		}
		return pa.view.Other(bID) != nil
	})
	if d := math.Abs(a.Pos.X - b.Pos.X); d > half || d < half-20 || !sawEnter {
		t.Fatalf("b entered a's view at distance %v (enter announced: %v), want just inside %v", d, sawEnter, half)
	}
	if got, want := *pa.view.Other(bID), netcode.RemoteOf(r.frames.ring[(r.frames.next+frameHistory-1)%frameHistory].Player(bID)); got != want {
		t.Fatalf("b as a sees it: %+v, want %+v", got, want)
	}
	if pb.view.Other(aID) == nil {
		t.Fatal("the view is not symmetric: b does not see a")
	}
	sawGone := false
	walk(-dir, func() bool {
		for _, u := range pa.last.Players {
			if u.ID == bID && u.Mask == netcode.PlayerGone {
				sawGone = true
			}
		}
		return pa.view.Other(bID) == nil
	})
	if d := math.Abs(a.Pos.X - b.Pos.X); d < half+viewHysteresis || d > half+viewHysteresis+20 || !sawGone {
		t.Fatalf("b left a's view at distance %v (gone announced: %v), want just beyond %v", d, sawGone, half+viewHysteresis)
	}
}

// TestStoppingRoomKeepsItsPlayers: once a room is stopped (the server
// shutting down), a leave that reaches it is not processed, so it ends,
// and its recording's final scores are taken, with the players it had.
func TestStoppingRoomKeepsItsPlayers(t *testing.T) {
	r, _ := newTestRoom(t, newFakeClock(), 60, 30)
	rec := newRecorder()
	id, _ := rec.join(t, r, "a")
	r.leaves <- leaveRequest{id: id, peer: rec}
	r.stop()
	r.step(time.Time{})
	if r.byID[id] == nil || len(r.rules.Players()) != 1 {
		t.Fatalf("a stopped room processed a leave: %d players", len(r.rules.Players()))
	}
}
