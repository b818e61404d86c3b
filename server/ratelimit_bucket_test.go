package server

import (
	"testing"
	"time"
)

// TestTokenBucketExact: a full bucket of rate r takes exactly r units at
// once (a second's burst) and refuses the next; each 1/r second after that
// gives one unit back; a quiet second fills it again, never beyond the
// burst. A bucket of rate < 0 never refuses.
func TestTokenBucketExact(t *testing.T) {
	const rate = 120
	b := newTokenBucket(rate)
	now := time.Unix(1000, 0).UnixNano()
	for i := range rate {
		if !b.spend(1, now) {
			t.Fatalf("unit %d of the burst refused", i+1)
		}
	}
	if b.spend(1, now) {
		t.Fatalf("unit %d accepted: the burst is %d", rate+1, rate)
	}
	per := int64(time.Second) / rate
	if b.spend(1, now+per-1) {
		t.Fatal("a unit came back before 1/rate s")
	}
	if !b.spend(1, now+per) {
		t.Fatal("no unit back after 1/rate s")
	}
	// Long quiet: full again, but only a burst's worth.
	later := now + int64(time.Hour)
	if !b.spend(rate, later) || b.spend(1, later) {
		t.Fatal("after an hour the bucket does not hold exactly one burst")
	}
	if b.spend(rate+1, later+int64(2*time.Second)) {
		t.Fatal("one spend over the burst accepted")
	}
	free := newTokenBucket(-1)
	if !free.spend(1<<30, now) {
		t.Fatal("a bucket with no limit refused")
	}
}

// TestAllowFramesAllocatesNothing: the check the readers run for every
// message costs no allocation.
func TestAllowFramesAllocatesNothing(t *testing.T) {
	c := &conn{srv: &Server{cfg: Config{Limits: Limits{MessagesPerSec: -1, BytesPerSec: 1 << 30}}}}
	c.rate = newRateLimiter(c.srv.cfg.Limits)
	now := time.Unix(1000, 0)
	if n := testing.AllocsPerRun(1000, func() {
		now = now.Add(time.Millisecond)
		if !c.allowMessage(20, now) {
			t.Fatal("refused")
		}
	}); n != 0 {
		t.Fatalf("%v allocations per message", n)
	}
}

// BenchmarkAllowMessage measures the rate check per message.
func BenchmarkAllowMessage(b *testing.B) {
	c := &conn{srv: &Server{cfg: Config{Limits: Limits{MessagesPerSec: 1 << 30, BytesPerSec: 1 << 30}}}}
	c.rate = newRateLimiter(c.srv.cfg.Limits)
	now := time.Unix(1000, 0)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		now = now.Add(time.Microsecond)
		c.allowMessage(20, now)
	}
}
