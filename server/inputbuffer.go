package server

import (
	"fmt"
	"sync"
	"time"

	"arena/netcode"
)

// inputRing is how many unapplied inputs one player may have waiting: about
// half a second at 60 Hz, far more than a paced client ever has queued. When
// it is full the oldest input is dropped for the newest.
const inputRing = 32

// maxJitterTarget bounds the cushion the jitter buffer keeps (in inputs).
const maxJitterTarget = 4

// inputBuffer is one player's queue of inputs not yet applied, shared by the
// connection's reader (push) and the room's tick (take): one buffer per
// player, so whatever one client sends costs no other player anything. The
// reader also leaves here what the room needs from the client's messages:
// the latest ack_tick and an unanswered Ping.
//
// push, noteAck and notePing are the reader's; take and the jitter fields
// are the room goroutine's. mu guards the queue and the notes.
type inputBuffer struct {
	mu      sync.Mutex
	ring    [inputRing]queuedInput
	head, n int
	last    uint32 // highest seq pushed; the next message must start at or before last+1
	ack     uint32 // the client's latest ack_tick
	ping    pendingPing

	// Owned by the room goroutine: the jitter buffer's state.
	jitter jitterState
}

type queuedInput struct {
	f       netcode.InputFrame
	arrived time.Time
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
		b.ring[(b.head+b.n)%len(b.ring)] = queuedInput{f: f, arrived: now}
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

// jitterState is the room's side of one player's jitter buffer. The queue
// absorbs uneven arrival (a batch of inputs per message, network jitter); a
// standing queue, though, is pure input latency. So over each window the
// room tracks the smallest queue left after a tick's input was taken; when
// even that minimum exceeded the target cushion, the excess is latency that
// jitter did not need, and it is dropped at once (the oldest inputs go). A
// window with a tick that found the queue empty (a miss: the previous input
// repeats) raises the cushion by one; two windows in a row without a miss
// lower it by one.
type jitterState struct {
	started     bool // an input has been applied
	window      int  // ticks in the current window
	windowMin   int  // smallest queue left after a take in the window
	missed      bool // a miss happened in the current window
	target      int  // the cushion, in inputs
	cleanStreak int  // windows in a row without a miss
}

// taken is what take did this tick.
type taken struct {
	f       netcode.InputFrame
	arrived time.Time
	ok      bool // an input was applied; false: the previous one repeats
	missed  bool // the player had inputs before but none was there now
	trimmed int  // inputs dropped to shrink the queue
}

// take returns the input to apply this tick, at most one, and runs the
// jitter buffer; window is its length in ticks (a second's worth).
func (b *inputBuffer) take(window int) taken {
	b.mu.Lock()
	defer b.mu.Unlock()
	j := &b.jitter
	if j.window == 0 {
		j.windowMin = inputRing
	}
	var t taken
	if b.n == 0 {
		if j.started {
			t.missed, j.missed = true, true
			j.windowMin = 0
		}
	} else {
		j.started = true
		t.f, t.arrived, t.ok = b.ring[b.head].f, b.ring[b.head].arrived, true
		b.head = (b.head + 1) % len(b.ring)
		b.n--
		j.windowMin = min(j.windowMin, b.n)
	}
	if !j.started {
		return t
	}
	j.window++
	if j.window < window {
		return t
	}
	if j.missed {
		j.target = min(j.target+1, maxJitterTarget)
		j.cleanStreak = 0
	} else if j.cleanStreak++; j.cleanStreak >= 2 && j.target > 0 {
		j.target--
		j.cleanStreak = 0
	}
	if excess := j.windowMin - j.target; excess > 0 && t.ok {
		// Skip the excess: apply the input excess places further on.
		for range excess {
			t.f, t.arrived = b.ring[b.head].f, b.ring[b.head].arrived
			b.head = (b.head + 1) % len(b.ring)
			b.n--
		}
		t.trimmed = excess
	}
	j.window, j.missed = 0, false
	return t
}
