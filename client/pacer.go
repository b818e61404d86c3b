package client

// Input pacing. The server consumes one input per player per tick, so a
// session makes exactly one input per server tick, following the receive
// clock (clock.go), which runs at the server's rate, not one per frame or
// per call. Its phase does not matter (the server simulates each input
// once, whenever it arrives); what must not happen is making inputs faster
// than the server ticks, even briefly (see paceFast). a frame that
// comes late makes two inputs, a frame that comes early (a 144 Hz display)
// makes none. The caller only says what the player wants, as often as it
// likes (Update); a press of fire between two ticks is kept for the next
// input, so a quick click is never lost.

import (
	"math"
	"time"

	"arena/game"
)

// maxCatchUp is how many inputs one Update makes at most: a quarter of a
// second at 60 Hz, so a browser drawing only 5 frames a second still keeps
// up. A caller that stopped for longer (a tab in the background) does not
// replay the time it missed: the server held the player meanwhile.
const maxCatchUp = 15

// The pacing position follows the receive clock (paceLag ticks behind it)
// but never runs more than paceFast faster than real time at the nominal
// tick rate. So it keeps up with a server whose clock runs a little fast,
// yet a receive clock that moves ahead (its estimate improving, the first
// seconds of a session) makes no burst of inputs, and the inputs made
// never outnumber the ticks the server has run by more than the estimate
// improves past paceLag: a standing queue at the server, which its jitter
// buffer would trim (a misprediction), cannot form.
const (
	paceFast = 0.001
	paceLag  = 3
)

// pacer is the fixed-step accumulator of the input ticks. It is not safe
// for concurrent use (Session.mu guards it).
type pacer struct {
	started bool
	pos     float64      // pacing position, in server ticks
	posAt   float64      // local time (s) of pos
	last    int64        // floor(pos) when the newest input was made
	latched game.Buttons // buttons pressed since the last input
}

// due moves the pacing position to local time l, with the receive clock at
// recv and the nominal tick rate, and returns how many inputs are due (and
// counts them as made).
func (p *pacer) due(recv, l, rate float64) int {
	if !p.started {
		p.started, p.pos, p.posAt = true, recv-paceLag, l
		p.last = int64(math.Floor(p.pos)) - 1
	}
	ahead := p.pos + math.Max(0, l-p.posAt)*rate*(1+paceFast)
	p.pos = math.Max(p.pos, math.Min(ahead, recv-paceLag))
	p.posAt = l
	tick := int64(math.Floor(p.pos))
	n := tick - p.last
	if n <= 0 {
		return 0
	}
	p.last = tick
	return int(min(n, maxCatchUp))
}

// fraction returns how far into the tick of the newest input the pacing
// position is, in [0, 1].
func (p *pacer) fraction() float64 {
	return math.Max(0, math.Min(1, p.pos-float64(p.last)))
}

// Update tells the session what the player wants now (movement, aim,
// buttons) and makes the inputs that are due: one per server tick since
// the last one, each with want (fire pressed at any Update in between
// counts). Call it every frame, or at least once per tick; it returns how
// many inputs it made. Before the first snapshot there is no server clock
// and it makes none. It never waits on the network and may be called
// concurrently. After the session ended it returns an error wrapping
// ErrClosed.
func (s *Session) Update(now time.Time, want game.Input) (int, error) {
	s.encMu.Lock()
	defer s.encMu.Unlock()
	if err := s.checkOpen(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	if s.link == nil {
		// Reconnecting: no inputs while no link is up (the server holds the
		// player), and no press kept for later.
		s.mu.Unlock()
		return 0, nil
	}
	s.pace.latched |= want.Buttons
	n := 0
	l := now.Sub(s.start).Seconds()
	if t, ok := s.clock.recvTick(l); ok {
		n = s.pace.due(t, l, s.clock.rate)
	}
	for range n {
		in := want
		in.Buttons |= s.pace.latched
		s.pace.latched = 0
		s.makeInputLocked(in, now)
	}
	s.mu.Unlock()
	if n > 0 {
		s.flushInputsLocked()
	}
	return n, nil
}
