package server

import (
	"fmt"
	"sync"
	"time"

	"arena/netcode"
)

// inputRing is how many unsimulated inputs one player may have waiting:
// a second at 60 Hz, so that the burst after the longest stall a player
// catches up on (half a second, see maxHoldSeconds) fits with room to spare.
// When it is full the oldest input is dropped for the newest.
const inputRing = 64

// maxJitterTarget bounds the cushion the jitter buffer keeps (in inputs).
const maxJitterTarget = 4

// maxCatchUp is how many inputs one player may simulate in one tick: a
// player held by a stall catches up at up to this many times real time.
const maxCatchUp = 4

// maxHoldSeconds is the longest stall a player catches up on: the credit a
// held player saves is capped at this many seconds of ticks. A client
// whose inputs stall for longer than that loses the excess; a cheater can
// compress at most this much of its movement, and never move faster on
// average.
const maxHoldSeconds = 0.5

// maxHoldTicks is maxHoldSeconds in ticks at tickRate.
func maxHoldTicks(tickRate int) int { return max(1, int(maxHoldSeconds*float64(tickRate))) }

// inputBuffer is one player's queue of inputs not yet simulated, shared by
// the connection's reader (push) and the room's tick (take): one buffer per
// player, so whatever one client sends costs no other player anything. The
// reader also leaves here what the room needs from the client's messages:
// the latest ack_tick and an unanswered Ping.
//
// push, noteAck and notePing are the reader's; take and the pacing fields
// are the room goroutine's. mu guards the queue and the notes.
//
// The fields every push and take touch come first, together, and the ring
// is small (an input and its arrival in 24 bytes, 1.8 KB a player where a
// time.Time made it 2.8): with thousands of players a buffer is seldom in
// the cache and every line it touches is a miss (push and take are 7% of
// the server's CPU at 2000 bench clients; the layout made no difference
// that runs of make bench could tell from their noise).
type inputBuffer struct {
	mu      sync.Mutex
	head, n int
	last    uint32 // highest seq pushed; the next message must start at or before last+1
	ack     uint32 // the client's latest ack_tick

	// Owned by the room goroutine: the pacing and jitter buffer state, and
	// the inputs the last take returned.
	pace paceState

	ping    pendingPing
	ring    [inputRing]queuedInput
	scratch [maxCatchUp]takenInput
}

type queuedInput struct {
	f       netcode.InputFrame
	arrived int64 // when it was read, Unix nanoseconds
}

type pendingPing struct {
	clientTime uint64
	at         time.Time
	ok         bool
}

// errSeqGap is what push returns for a message that skips seqs.
type errSeqGap struct{ first, last uint32 }

func (e errSeqGap) Error() string {
	return fmt.Sprintf("inputs: first_seq %d skips ahead of %d", e.first, e.last+1)
}

// push queues the inputs of m the room has not seen (seqs repeated from an
// earlier message are ignored). A message must continue the seq run: its
// first seq at most one past the last one received, else it returns
// errSeqGap and queues nothing. It returns how many queued inputs were
// dropped because the ring was full.
func (b *inputBuffer) push(m *netcode.Inputs, now time.Time) (overflow int, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := m.Window()
	if len(w) == 0 {
		return 0, nil
	}
	if w[0].Seq > b.last+1 {
		return 0, errSeqGap{w[0].Seq, b.last}
	}
	for _, f := range w {
		if f.Seq <= b.last {
			continue
		}
		if b.n == len(b.ring) {
			b.head = (b.head + 1) % len(b.ring)
			b.n--
			overflow++
		}
		b.ring[(b.head+b.n)%len(b.ring)] = queuedInput{f: f, arrived: now.UnixNano()}
		b.n++
		b.last = f.Seq
	}
	return overflow, nil
}

// noteAck records the client's ack_tick, which only moves forward.
func (b *inputBuffer) noteAck(tick uint32) {
	b.mu.Lock()
	b.ack = max(b.ack, tick)
	b.mu.Unlock()
}

// notePing records a Ping for the next snapshot to answer; a newer one
// replaces an unanswered one.
func (b *inputBuffer) notePing(clientTime uint64, now time.Time) {
	b.mu.Lock()
	b.ping = pendingPing{clientTime: clientTime, at: now, ok: true}
	b.mu.Unlock()
}

// takePing returns and clears the unanswered Ping, if any.
func (b *inputBuffer) takePing() (pendingPing, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.ping
	b.ping = pendingPing{}
	return p, p.ok
}

// ackTick returns the client's latest ack_tick.
func (b *inputBuffer) ackTick() uint32 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ack
}

// paceState is the room's side of one player's buffer: when its inputs
// are simulated, and the jitter buffer.
//
// Pacing. A player's movement advances per input, not per tick: each tick
// the room takes up to maxCatchUp queued inputs, as far as the player's
// credit allows. The credit grows by one per tick from the first input on,
// up to 1 + maxHoldTicks, and each input taken costs one. A tick that finds
// the queue empty holds the player (nothing is simulated) and the credit it
// saves lets the burst that follows a stall be caught up, several inputs a
// tick. So a client that makes one input per tick has every input
// simulated, in order, none invented or dropped, whatever the arrival
// timing; one that sends faster than the tick rate gains nothing.
//
// The jitter buffer. The queue absorbs uneven arrival; a queue that stays
// long, though, is pure input latency (a client whose clock runs fast fills
// it faster than its credit drains it). So over each window the room tracks
// the smallest queue left after a tick's takes; when even that minimum
// exceeded the target cushion, the excess is latency that jitter did not
// need, and it is dropped at the start of the next tick (the oldest inputs
// go, unsimulated). A window with a held tick raises the cushion by one;
// two windows in a row without one lower it by one.
type paceState struct {
	started     bool // an input has been taken
	credit      int  // inputs the player may take; one more per tick
	window      int  // ticks in the current window
	windowMin   int  // smallest queue left after a tick's takes in the window
	held        bool // a held tick happened in the current window
	target      int  // the cushion, in inputs
	cleanStreak int  // windows in a row without a held tick
}

// takenInput is an input the room takes to simulate.
type takenInput struct {
	f       netcode.InputFrame
	arrived int64 // Unix nanoseconds
	// late is the player's hold debt when it was taken: how many ticks
	// after its slot it is simulated (0 when it arrived in time).
	late uint32
}

// taken is what take did this tick.
type taken struct {
	inputs  []takenInput // to simulate this tick, oldest first; valid until the next take
	held    bool         // the player had sent inputs before, but none was queued though its socket was read
	trimmed int          // inputs the jitter buffer dropped unsimulated
	seq     uint32       // seq of the newest input consumed (taken or dropped); 0: none
}

// take returns the inputs to simulate this tick, 0..maxCatchUp of them,
// and runs the jitter buffer; tickRate is the room's (the window is a
// second's worth of ticks). read says whether the room read the player's
// socket at the start of this tick: the room reads sockets only on
// snapshot ticks (room_poll.go), so between them an empty queue may only
// mean that the next message waits in the kernel. The player is held
// either way, and catches up on the next tick, but only a tick that read
// and still found nothing is a hold in the jitter buffer's sense and
// counts (taken.held).
func (b *inputBuffer) take(tickRate int, read bool) taken {
	b.mu.Lock()
	defer b.mu.Unlock()
	ps := &b.pace
	var t taken
	if !ps.started {
		if b.n == 0 {
			return t
		}
		ps.started = true
		ps.windowMin = inputRing
	}
	if ps.window == tickRate {
		// The last tick closed a window: drop the standing queue's excess.
		for range min(ps.closeWindow(), b.n) {
			t.seq = b.ring[b.head].f.Seq
			b.head = (b.head + 1) % len(b.ring)
			b.n--
			t.trimmed++
		}
	}
	ps.credit = min(ps.credit+1, 1+maxHoldTicks(tickRate))
	k := min(b.n, maxCatchUp, ps.credit)
	for i := range k {
		q := &b.ring[b.head]
		b.scratch[i] = takenInput{f: q.f, arrived: q.arrived, late: uint32(ps.credit - 1)}
		t.seq = q.f.Seq
		b.head = (b.head + 1) % len(b.ring)
		b.n--
		ps.credit--
	}
	t.inputs = b.scratch[:k]
	if k == 0 && read {
		t.held, ps.held = true, true
	}
	ps.windowMin = min(ps.windowMin, b.n)
	ps.window++
	return t
}

// grant adds ticks the room skipped (it fell behind) to the credit, as if
// the player had been held through them. Only the room goroutine calls it.
func (b *inputBuffer) grant(ticks, tickRate int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if ps := &b.pace; ps.started {
		ps.credit = min(ps.credit+ticks, 1+maxHoldTicks(tickRate))
	}
}

// closeWindow ends a window: it adjusts the cushion and returns how many
// queued inputs are excess latency.
func (ps *paceState) closeWindow() (excess int) {
	if ps.held {
		ps.target = min(ps.target+1, maxJitterTarget)
		ps.cleanStreak = 0
	} else if ps.cleanStreak++; ps.cleanStreak >= 2 && ps.target > 0 {
		ps.target--
		ps.cleanStreak = 0
	}
	excess = max(0, ps.windowMin-ps.target)
	ps.window, ps.windowMin, ps.held = 0, inputRing, false
	return excess
}
