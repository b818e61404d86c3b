package client

import (
	"testing"
	"time"
)

// TestBackoffBounded: attempt n waits in [0, min(2 s, 100 ms << n)), and
// the waits spread over that range (full jitter).
func TestBackoffBounded(t *testing.T) {
	for n := range 70 {
		ceil := resumeBackoffMax
		if n < 5 {
			ceil = resumeBackoffMin << n
		}
		var lo, hi time.Duration = ceil, 0
		for range 2000 {
			d := backoff(n)
			if d < 0 || d >= ceil {
				t.Fatalf("backoff(%d) = %v, want in [0, %v)", n, d, ceil)
			}
			lo, hi = min(lo, d), max(hi, d)
		}
		if lo > ceil/10 || hi < ceil*9/10 {
			t.Errorf("backoff(%d) spread over [%v, %v] of [0, %v): not full jitter", n, lo, hi, ceil)
		}
	}
}
