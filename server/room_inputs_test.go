package server

// Inputs through a room stepped by hand: the buffer's ring, holding and
// catching up, the jitter buffer's trim, the snapshot's input steps, and
// the commands (with their view tick and hold debt) the World is given.

import (
	"math/rand/v2"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"arena/game"
	"arena/netcode"
)

// recordingRules is the arena shooter recording every command the room
// gives it, by player, and how many it gave at each Step.
type recordingRules struct {
	*game.World
	cmds    map[game.PlayerID][]game.Command
	perTick map[game.PlayerID][]int
}

func (r *recordingRules) SetCommands(id game.PlayerID, cmds []game.Command) {
	r.cmds[id] = append(r.cmds[id], cmds...)
	r.perTick[id] = append(r.perTick[id], len(cmds))
	r.World.SetCommands(id, cmds)
}

// newRecordingRoom is newTestRoom with a recordingRules.
func newRecordingRoom(t testing.TB, snapshotRate int, mod func(*Config)) (*Room, *Metrics, *recordingRules) {
	t.Helper()
	rec := &recordingRules{cmds: map[game.PlayerID][]game.Command{}, perTick: map[game.PlayerID][]int{}}
	cfg := Config{Maps: fstest.MapFS{"maps/t.json": {Data: []byte(roomTestMap)}}, MapName: "t",
		Clock: newFakeClock(), TickRate: 60, SnapshotRate: snapshotRate,
		Rules: func(gc game.Config) (game.Rules, error) {
			w, err := game.NewWorld(gc)
			rec.World = w
			return rec, err
		}}
	if mod != nil {
		mod(&cfg)
	}
	cfg = cfg.withDefaults()
	m, err := cfg.validate()
	if err != nil {
		t.Fatal(err)
	}
	metrics := newMetrics()
	r, err := newRoom(roomConfig{id: "t1", cfg: cfg, gameMap: m, metrics: metrics, release: func(*Room) {}})
	if err != nil {
		t.Fatal(err)
	}
	return r, metrics, rec
}

// pusher feeds one player's buffer as its connection's reader would.
type pusher struct {
	t    testing.TB
	in   *inputBuffer
	seq  uint32
	make func(seq uint32) netcode.InputFrame // nil: MoveX 127
}

// push queues the next n inputs and returns how many the ring dropped.
func (p *pusher) push(n int) (overflow int) {
	p.t.Helper()
	for n > 0 {
		var m netcode.Inputs
		m.N = min(n, netcode.MaxInputWindow)
		for i := range m.N {
			seq := p.seq + 1 + uint32(i)
			m.Frames[i] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: 127}}
			if p.make != nil {
				m.Frames[i] = p.make(seq)
			}
		}
		o, err := p.in.push(&m, time.Time{})
		if err != nil {
			p.t.Fatal(err)
		}
		overflow += o
		p.seq += uint32(m.N)
		n -= m.N
	}
	return overflow
}

// TestRoomInputs drives step directly: a full ring drops its oldest
// inputs, a standing queue is trimmed, a message that skips seqs is
// refused, a player without inputs is held (step 0, not moved), and the
// snapshots' ack_seq and steps account for every input consumed.
func TestRoomInputs(t *testing.T) {
	t.Parallel()
	r, metrics, rules := newRecordingRoom(t, 20, nil)
	p := newRecorder()
	id, in := p.join(t, r, "p")
	p.take(t)
	if p.welcomes != 1 {
		t.Fatalf("%d Welcomes after join, want 1", p.welcomes)
	}
	// Back and forth, so that the player is moving when its inputs run out.
	pu := &pusher{t: t, in: in, make: func(seq uint32) netcode.InputFrame {
		return netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: int8(127 - 254*int(seq/20%2))}}
	}}

	// 70 new inputs at once: the ring keeps the newest 64.
	if overflow := pu.push(70); overflow != 70-inputRing || in.n != inputRing {
		t.Fatalf("%d dropped, %d buffered; want %d and %d", overflow, in.n, 70-inputRing, inputRing)
	}
	// Join was tick 1; at 60 Hz with 20 Hz snapshots, tick 3 has one.
	r.step(time.Time{})
	r.step(time.Time{})
	p.take(t)
	if p.view.Tick != 3 || p.view.AckSeq != 8 {
		t.Fatalf("snapshot tick %d ack_seq %d, want 3 and 8 (1..6 dropped, 7 and 8 simulated)", p.view.Tick, p.view.AckSeq)
	}
	// A message that skips seqs is refused whole; repeats change nothing.
	var m netcode.Inputs
	m.N, m.Frames[0].Seq = 1, 72
	if _, err := in.push(&m, time.Time{}); err == nil {
		t.Fatal("seq 72 after 70 accepted")
	}
	m.Frames[0].Seq = 3
	if _, err := in.push(&m, time.Time{}); err != nil || in.n != inputRing-2 {
		t.Fatalf("repeat: err %v, %d buffered, want %d", err, in.n, inputRing-2)
	}
	// The queue stands (a client far ahead): one input a tick is simulated,
	// and the window's end trims what stood in it all along.
	for in.n > 0 {
		r.step(time.Time{})
	}
	simulated := len(rules.cmds[id])
	if metrics.InputsTrimmed.Load() == 0 || simulated+int(metrics.InputsTrimmed.Load())+70-inputRing != 70 {
		t.Fatalf("%d simulated, %d trimmed, %d overflowed: want a trim, and every input accounted for",
			simulated, metrics.InputsTrimmed.Load(), 70-inputRing)
	}
	if slices.ContainsFunc(rules.perTick[id], func(n int) bool { return n > 1 }) {
		t.Fatalf("more than one input in a tick without credit saved: %v", rules.perTick[id])
	}
	// No new input: the player is held. It does not move, even with
	// speed, and the snapshot's steps say so with zeros.
	for r.rules.Tick()%3 != 0 {
		r.step(time.Time{})
	}
	p.take(t)
	pl := r.rules.Player(id)
	pos, vel := pl.Pos, pl.Vel
	if vel.X == 0 {
		t.Fatal("the player is at rest: the hold would prove nothing")
	}
	for range 3 {
		r.step(time.Time{})
	}
	if pl.Pos != pos || pl.Vel != vel {
		t.Fatalf("a held player moved: %v v%v -> %v v%v", pos, vel, pl.Pos, pl.Vel)
	}
	p.take(t)
	if st := p.last.Own.Steps; p.view.AckSeq != 70 || p.last.Own.Mask&netcode.OwnInputs == 0 || !slices.Equal(st, []uint32{0, 0, 0}) {
		t.Fatalf("snapshot ack_seq %d steps %v (mask %d), want 70 and the held ticks as 0", p.view.AckSeq, st, p.last.Own.Mask)
	}
	if metrics.InputsMissed.Load() < 3 {
		t.Errorf("%d held ticks counted, want at least 3", metrics.InputsMissed.Load())
	}
}

// TestHeldInputsCatchUp: inputs that stall and then arrive in a burst are
// all simulated, in order, up to maxCatchUp a tick while the saved credit
// lasts, each with its hold debt as Late, so that tick − Late is the tick
// the input was meant for. Credit saves up to 1 + maxHoldTicks only.
func TestHeldInputsCatchUp(t *testing.T) {
	t.Parallel()
	const tickRate = 60
	var b inputBuffer
	pu := &pusher{t: t, in: &b}
	// slot[seq] is the tick input seq was made for: the client makes one a tick.
	tick := 0
	check := func(tk taken, wantN int) {
		t.Helper()
		if len(tk.inputs) != wantN {
			t.Fatalf("tick %d: %d inputs taken, want %d", tick, len(tk.inputs), wantN)
		}
		for _, in := range tk.inputs {
			if slot := tick - int(in.late); slot != int(in.f.Seq) {
				t.Fatalf("tick %d: seq %d taken with late %d (slot %d), want its slot %d", tick, in.f.Seq, in.late, slot, in.f.Seq)
			}
		}
	}
	// Ticks 1..10 in time.
	for range 10 {
		tick++
		pu.push(1)
		check(b.take(tickRate, true), 1)
	}
	// A stall of 8 ticks: held, nothing taken.
	for range 8 {
		tick++
		if tk := b.take(tickRate, true); !tk.held || len(tk.inputs) != 0 {
			t.Fatalf("tick %d: %+v, want held", tick, tk)
		}
	}
	// The stalled inputs arrive with the current one: 9 queued, caught up
	// 4, 4, then the last one with the tick's own and the next's.
	tick++
	pu.push(9)
	check(b.take(tickRate, true), 4)
	for _, want := range []int{4, 3, 1, 1} {
		tick++
		pu.push(1)
		check(b.take(tickRate, true), want)
	}
	if b.n != 0 {
		t.Fatalf("%d inputs still queued after the catch-up", b.n)
	}

	// A stall longer than the credit cap: only 1 + maxHoldTicks are
	// simulated ahead of the tick rate.
	hold := maxHoldTicks(tickRate)
	for range 3 * hold {
		tick++
		b.take(tickRate, true)
	}
	pu.push(2 * hold)
	extra := 0 // inputs taken beyond one a tick
	for range 3 * hold {
		tick++
		tk := b.take(tickRate, true)
		extra += len(tk.inputs) - 1
		if len(tk.inputs) > maxCatchUp {
			t.Fatalf("tick %d: %d inputs in a tick, more than %d", tick, len(tk.inputs), maxCatchUp)
		}
		pu.push(1)
	}
	if extra != hold {
		t.Fatalf("after a stall of %d ticks, %d inputs caught up, want the credit cap %d", 3*hold, extra, hold)
	}
}

// TestCatchUpIsBounded: a client that sends two inputs a tick, after
// saving credit by sending nothing for a while, has at most one input a
// tick simulated plus the saved credit (1 + maxHoldTicks): it cannot move
// faster than an honest client beyond that burst. The rest are dropped,
// counted, and in the steps.
func TestCatchUpIsBounded(t *testing.T) {
	t.Parallel()
	r, metrics, rules := newRecordingRoom(t, 30, nil)
	p := newRecorder()
	id, in := p.join(t, r, "cheat")
	pu := &pusher{t: t, in: in}
	pu.push(1)
	r.step(time.Time{})
	for range 120 { // idle: credit saves up, to its cap
		r.step(time.Time{})
	}
	const ticks = 600
	overflow := 0
	for range ticks {
		overflow += pu.push(2)
		r.step(time.Time{})
		p.take(t)
	}
	simulated := len(rules.cmds[id]) - 1
	if limit := ticks + maxHoldTicks(60); simulated > limit || simulated < ticks {
		t.Fatalf("%d inputs simulated in %d ticks, want %d..%d", simulated, ticks, ticks, limit)
	}
	if slices.ContainsFunc(rules.perTick[id], func(n int) bool { return n > maxCatchUp }) {
		t.Fatalf("more than %d inputs in a tick", maxCatchUp)
	}
	dropped := int(metrics.InputsTrimmed.Load()) + overflow
	if consumed := int(p.view.AckSeq) - 1; consumed != simulated+dropped || dropped == 0 {
		t.Fatalf("ack_seq %d: %d consumed, but %d simulated + %d dropped", p.view.AckSeq, consumed, simulated, dropped)
	}
}

// TestViewTicks: the World gets each input's render tick as the command's
// ViewTick, clamped to viewTickAllowance past the newest snapshot the
// client was sent (0 stays 0: unknown), and its hold debt as Late.
func TestViewTicks(t *testing.T) {
	t.Parallel()
	r, _, rules := newRecordingRoom(t, 30, nil)
	p := newRecorder()
	id, in := p.join(t, r, "p")
	for range 10 {
		r.step(time.Time{})
		p.take(t)
	}
	sent := p.q.takenTick()
	if sent == 0 {
		t.Fatal("no snapshot taken")
	}
	renders := []uint32{0, sent - 3, sent + viewTickAllowance - 1, sent + 100, sent + viewTickAllowance}
	pu := &pusher{t: t, in: in, make: func(seq uint32) netcode.InputFrame {
		return netcode.InputFrame{Seq: seq, RenderTick: renders[seq-1]}
	}}
	pu.push(1)
	r.step(time.Time{}) // first input: no debt
	for range 4 {
		r.step(time.Time{}) // held: credit saved
	}
	pu.push(4)
	r.step(time.Time{}) // the four caught up at once, before any snapshot taken
	got := rules.cmds[id]
	want := []game.Command{
		{ViewTick: 0, Late: 0},
		{ViewTick: sent - 3, Late: 4},
		{ViewTick: sent + viewTickAllowance - 1, Late: 3},
		{ViewTick: sent + viewTickAllowance, Late: 2},
		{ViewTick: sent + viewTickAllowance, Late: 1},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("commands %+v,\nwant %+v", got, want)
	}
}

// TestJitterBuffer: a client whose inputs come faster than the tick rate
// builds a standing queue, which the jitter buffer trims at each window's
// end; held ticks raise the cushion it keeps and a clean stretch lowers it
// again.
func TestJitterBuffer(t *testing.T) {
	t.Parallel()
	const window = 60
	var b inputBuffer
	pu := &pusher{t: t, in: &b}
	// A steady client: one input a tick, taken the same tick.
	for range 3 * window {
		pu.push(1)
		if tk := b.take(window, true); len(tk.inputs) != 1 || tk.trimmed != 0 {
			t.Fatalf("steady: %+v", tk)
		}
	}
	// A stall raises the cushion at the window's end.
	for range 10 {
		b.take(window, true)
	}
	pu.push(10)
	for range 2 * window {
		pu.push(1)
		b.take(window, true)
	}
	if b.pace.target == 0 {
		t.Fatal("held ticks did not raise the cushion")
	}
	// A fast client: one extra input every 4 ticks.
	trimmed := 0
	for i := range 6 * window {
		pu.push(1 + min(1, i%4/3))
		tk := b.take(window, true)
		trimmed += tk.trimmed
		if tk.trimmed > 0 && tk.seq != tk.inputs[len(tk.inputs)-1].f.Seq {
			t.Fatalf("trimmed tick: seq %d, want its newest simulated input", tk.seq)
		}
	}
	if trimmed == 0 {
		t.Fatal("nothing trimmed")
	}
	if b.n > window/4+maxJitterTarget {
		t.Fatalf("queue still %d deep (target %d): not trimmed", b.n, b.pace.target)
	}
	if b.pace.target != 0 {
		t.Fatalf("target %d after a clean stretch, want 0", b.pace.target)
	}
}

// TestReadEveryOtherTick: the room reads a socket on snapshot ticks only,
// so a client pacing one input a tick (two a message) whose message lands
// just after a read waits a tick in the kernel. Each tick between reads
// then holds it and the next read catches it up: every input is simulated
// once, for its own slot; a hold that no read preceded is not counted, so
// the cushion stays 0 and nothing is trimmed. The same empty queue on a
// tick that read is a hold.
func TestReadEveryOtherTick(t *testing.T) {
	t.Parallel()
	const tickRate = 60
	var b inputBuffer
	pu := &pusher{t: t, in: &b}
	pu.push(1)
	b.take(tickRate, true) // the first input starts the pacing
	taken := 1
	for tick := 2; tick <= 10*tickRate; tick++ {
		read := tick%2 == 0
		if read {
			pu.push(2) // what waited since the last read
		}
		tk := b.take(tickRate, read)
		if tk.held || tk.trimmed != 0 {
			t.Fatalf("tick %d (read %v): %+v, want neither held nor trimmed", tick, read, tk)
		}
		for _, in := range tk.inputs {
			if slot := tick - int(in.late); slot != int(in.f.Seq) {
				t.Fatalf("tick %d: seq %d taken with late %d (slot %d), want its slot", tick, in.f.Seq, in.late, slot)
			}
		}
		taken += len(tk.inputs)
	}
	if taken != 10*tickRate || b.pace.target != 0 {
		t.Fatalf("%d inputs taken over %d ticks, cushion %d: want all, 0", taken, 10*tickRate, b.pace.target)
	}
	b.take(tickRate, false) // the second input of the last message
	if tk := b.take(tickRate, true); !tk.held {
		t.Fatalf("a read tick with nothing queued: %+v, want held", tk)
	}
}

// TestLateInputsReplayExact is the prediction contract: inputs arrive late,
// in bursts and not at all for a while, snapshots are replaced unsent in
// the latest-wins slot, and still a client that replays its own inputs
// from the state it held, as many at each tick as the snapshot's steps
// say, arrives at exactly the state the next snapshot gives; and the final
// state is that of its inputs simulated one per tick, every one of them.
func TestLateInputsReplayExact(t *testing.T) {
	t.Parallel()
	r, metrics := newTestRoom(t, newFakeClock(), 60, 30)
	p := newRecorder()
	id, in := p.join(t, r, "p")
	p.take(t)
	start := netcode.PlayerStateOf(r.rules.Player(id)) // before its first input
	gm := r.rules.(*game.World).Map()
	const dt, cooldown = 1.0 / 60, 15
	rng := rand.New(rand.NewPCG(7, 8))

	sent := map[uint32]game.Input{} // every input the client made, by seq
	var made, pushed uint32
	held := p.view // the state the client last received
	replays, heldTicks, catchUps := 0, 0, 0
	for tick := 0; tick < 3000; tick++ {
		// The client makes one input per tick; the network delivers them
		// in bursts: nothing for up to 10 ticks, then all that is due.
		made++
		in0 := game.Input{MoveX: int8(rng.IntN(255) - 127), MoveY: int8(rng.IntN(255) - 127), Aim: uint16(rng.Uint32())}
		if rng.IntN(8) == 0 {
			in0 = game.Input{Buttons: game.ButtonFire}
		}
		sent[made] = in0
		if rng.IntN(4) == 0 || made-pushed > 10 {
			for pushed < made {
				var m netcode.Inputs
				m.AckTick = p.view.Tick
				m.N = int(min(made-pushed, netcode.MaxInputWindow))
				for i := range m.N {
					seq := pushed + 1 + uint32(i)
					m.Frames[i] = netcode.InputFrame{Seq: seq, RenderTick: m.AckTick, Input: sent[seq]}
				}
				if _, err := in.push(&m, time.Time{}); err != nil {
					t.Fatal(err)
				}
				pushed += uint32(m.N)
			}
		}
		r.step(time.Time{})
		if rng.IntN(3) == 0 {
			continue // the writer is busy: the slot's snapshot may be replaced
		}
		if p.take(t) == 0 {
			continue
		}
		s := &p.last
		if s.Baseline == 0 {
			held = p.view
			continue
		}
		// Replay from what the client held, with its own inputs.
		steps := s.Own.Steps
		if s.Own.Mask&netcode.OwnInputs == 0 {
			steps = nil
			for range s.Baseline {
				steps = append(steps, 1)
			}
		}
		var pl game.Player
		held.Own.ApplyTo(&pl)
		seq := held.AckSeq
		for _, st := range steps {
			switch {
			case st == 0:
				heldTicks++
			case st > 1:
				catchUps++
			}
			for range st {
				seq++
				game.SimulateCommand(gm, &pl, sent[seq], dt, cooldown)
			}
		}
		got := netcode.PlayerStateOf(&pl)
		want := p.view.Own
		if got.X != want.X || got.Y != want.Y || got.VX != want.VX || got.VY != want.VY || got.CooldownTicks != want.CooldownTicks || seq != p.view.AckSeq {
			t.Fatalf("tick %d: replay from tick %d gives (%d,%d) v(%d,%d) cooldown %d seq %d; the server has (%d,%d) v(%d,%d) cooldown %d seq %d",
				s.Tick, held.Tick, got.X, got.Y, got.VX, got.VY, got.CooldownTicks, seq, want.X, want.Y, want.VX, want.VY, want.CooldownTicks, p.view.AckSeq)
		}
		replays++
		held = p.view
	}
	if replays < 500 || heldTicks < 100 || catchUps < 100 || metrics.InputsMissed.Load() == 0 {
		t.Fatalf("%d replays, %d held and %d catch-up ticks: the test did not exercise late inputs", replays, heldTicks, catchUps)
	}
	if metrics.InputsTrimmed.Load() != 0 {
		t.Fatalf("%d inputs trimmed from a client that made one a tick", metrics.InputsTrimmed.Load())
	}
	// Every input was simulated, in order: the state is theirs one per tick.
	var pl game.Player
	start.ApplyTo(&pl)
	for seq := uint32(1); seq <= p.view.AckSeq; seq++ {
		game.SimulateCommand(gm, &pl, sent[seq], dt, cooldown)
	}
	if got, want := netcode.PlayerStateOf(&pl), p.view.Own; got.X != want.X || got.Y != want.Y || got.VX != want.VX || got.VY != want.VY {
		t.Fatalf("inputs 1..%d one per tick give (%d,%d) v(%d,%d); the server has (%d,%d) v(%d,%d)",
			p.view.AckSeq, got.X, got.Y, got.VX, got.VY, want.X, want.Y, want.VX, want.VY)
	}
}

// TestSkippedTicksAreCredited: when the room falls behind and skips ticks,
// its players count as held through them: the inputs their clients made
// for those ticks are caught up, not left standing for the jitter buffer
// to trim.
func TestSkippedTicksAreCredited(t *testing.T) {
	t.Parallel()
	for _, grant := range []bool{false, true} {
		var b inputBuffer
		pu := &pusher{t: t, in: &b}
		pu.push(1)
		b.take(60, true) // started, credit spent
		if grant {
			b.grant(6, 60) // the room skipped 6 ticks
		}
		pu.push(7) // the inputs made for them, and this tick's
		var per []int
		for range 3 {
			per = append(per, len(b.take(60, true).inputs))
		}
		want := []int{1, 1, 1}
		if grant {
			want = []int{4, 3, 0}
		}
		if !slices.Equal(per, want) {
			t.Errorf("grant %v: inputs per tick %v, want %v", grant, per, want)
		}
	}
}
