package impair

// The timing model without sockets: the due times pushLocked gives writes
// made at chosen instants.

import (
	"slices"
	"testing"
	"time"
)

// dues returns the due time of every queued segment, relative to t0.
func (l *line) dues(t0 time.Time) []time.Duration {
	var out []time.Duration
	for _, s := range l.segs[l.head:] {
		out = append(out, s.due.Sub(t0))
	}
	return out
}

func TestModelStallHoldsBackLaterWrites(t *testing.T) {
	t.Parallel()
	const lat, stall = 50 * time.Millisecond, 300 * time.Millisecond
	l := newLine(Link{Latency: lat, Loss: 1, Stall: stall}, 1, streamWrite)
	t0 := time.Now()
	l.pushLocked(t0, []byte("lost"))
	// The next writes are not lost, but TCP cannot deliver them before
	// the retransmitted one: they wait behind it.
	l.link.Loss = 0
	l.pushLocked(t0.Add(10*time.Millisecond), []byte("behind"))
	l.pushLocked(t0.Add(200*time.Millisecond), []byte("behind too"))
	// Once the stall is over, writes take the latency again.
	l.pushLocked(t0.Add(400*time.Millisecond), []byte("after"))
	want := []time.Duration{lat + stall, lat + stall, lat + stall, 400*time.Millisecond + lat}
	if got := l.dues(t0); !slices.Equal(got, want) {
		t.Errorf("due times %v, want %v", got, want)
	}
}

func TestModelNoLossNoStall(t *testing.T) {
	t.Parallel()
	const lat = 50 * time.Millisecond
	l := newLine(Link{Latency: lat, Stall: time.Second}, 1, streamWrite)
	t0 := time.Now()
	for i := range 100 {
		l.pushLocked(t0.Add(time.Duration(i)*time.Millisecond), []byte{byte(i)})
	}
	for i, d := range l.dues(t0) {
		if want := time.Duration(i)*time.Millisecond + lat; d != want {
			t.Fatalf("write %d due at %v, want %v", i, d, want)
		}
	}
}

func TestModelJitterKeepsOrder(t *testing.T) {
	t.Parallel()
	const lat, jit = 50 * time.Millisecond, 20 * time.Millisecond
	// Writes 1 ms apart: jitter would swap them, order forbids it.
	l := newLine(Link{Latency: lat, Jitter: jit}, 42, streamWrite)
	t0 := time.Now()
	var prev time.Duration
	held := 0
	for i := range 1000 {
		at := time.Duration(i) * time.Millisecond
		l.pushLocked(t0.Add(at), []byte{0})
		d := l.dues(t0)[i]
		if d < prev {
			t.Fatalf("write %d due at %v, before the write ahead of it (%v)", i, d, prev)
		}
		if d < at+lat-jit || d > max(at+lat+jit, prev) {
			t.Fatalf("write %d at %v due at %v: outside latency ± jitter and order", i, at, d)
		}
		if d == prev {
			held++ // its own draw was earlier: it waits for the one ahead
		}
		prev = d
	}
	if held == 0 {
		t.Error("no write was held back by the one ahead of it")
	}

	// Writes far apart: each takes its own draw, spread over ± jitter.
	l = newLine(Link{Latency: lat, Jitter: jit}, 42, streamWrite)
	var lo, hi time.Duration = time.Hour, 0
	for i := range 1000 {
		at := time.Duration(i) * time.Second
		l.pushLocked(t0.Add(at), []byte{0})
		d := l.dues(t0)[i] - at
		lo, hi = min(lo, d), max(hi, d)
	}
	if lo < lat-jit || lo > lat-jit*9/10 || hi > lat+jit || hi < lat+jit*9/10 {
		t.Errorf("delays spread over %v..%v, want about %v..%v", lo, hi, lat-jit, lat+jit)
	}
}

func TestModelBandwidthSerializes(t *testing.T) {
	t.Parallel()
	const bw = 100_000 // 1000 bytes (one 10 ms segment) per 10 ms
	l := newLine(Link{Latency: 20 * time.Millisecond, Bandwidth: bw}, 1, streamWrite)
	t0 := time.Now()
	l.pushLocked(t0, make([]byte, 3000))
	l.pushLocked(t0, make([]byte, 500)) // queued behind the first
	want := []time.Duration{30 * time.Millisecond, 40 * time.Millisecond, 50 * time.Millisecond, 55 * time.Millisecond}
	if got := l.dues(t0); !slices.Equal(got, want) {
		t.Errorf("due times %v, want %v", got, want)
	}
	// An idle link starts afresh: no credit, no debt.
	l.pushLocked(t0.Add(time.Second), make([]byte, 1000))
	if got := l.dues(t0)[4]; got != time.Second+30*time.Millisecond {
		t.Errorf("write after idling due at %v, want 1.03s", got)
	}
}

func TestModelSeedRepeats(t *testing.T) {
	t.Parallel()
	link := Link{Latency: 50 * time.Millisecond, Jitter: 20 * time.Millisecond, Loss: 0.2}
	schedule := func(seed uint64) []time.Duration {
		l := newLine(link, seed, streamWrite)
		t0 := time.Now()
		for i := range 200 {
			l.pushLocked(t0.Add(time.Duration(i)*5*time.Millisecond), []byte{0})
		}
		return l.dues(t0)
	}
	a, b, c := schedule(7), schedule(7), schedule(8)
	if !slices.Equal(a, b) {
		t.Error("the same seed gave two schedules")
	}
	if slices.Equal(a, c) {
		t.Error("seeds 7 and 8 gave the same schedule")
	}
}

func TestOutOfRangeLinkIsClamped(t *testing.T) {
	t.Parallel()
	l := newLine(Link{Latency: -time.Second, Jitter: -1, Loss: 7, Reset: -1, Bandwidth: -5}, 1, streamWrite)
	if want := (Link{Loss: 1}); l.link != want {
		t.Errorf("link = %+v, want %+v", l.link, want)
	}
}
