package server

// The per-connection message rate limit (issue 14, "Limits at the edge"):
// two token buckets, one for messages a second and one for payload bytes a
// second, each holding one second's worth (Limits.MessagesPerSec,
// Limits.BytesPerSec). Every WebSocket data message and every control frame
// (ping, pong, close; a ping flood is a flood) costs one message and its
// payload bytes; on the polled path every fragment of a fragmented message
// counts as a message too. A client over either bucket is closed with
// netcode.ClosePolicyViolation (1008) and a reason naming the limit.
//
// An honest client sends about 31 messages and 1 KB a second; after a stall
// its link delivers the half second or more it held back at once, which is
// far inside a second's burst. The buckets run on the server's Clock, on
// whichever goroutine reads the socket (the connection's reader before
// Hello, the room's after): one at a time, so no lock, and no allocation.

import (
	"fmt"
	"time"

	"arena/netcode"
)

// rateBurst is how much a bucket holds: one second of its rate.
const rateBurst = time.Second

// tokenBucket is a token bucket in the form of a theoretical arrival time
// (GCRA): each unit spent moves due on by 1s/rate; a spend that would put
// due more than a burst (rate units, about rateBurst) past now is over the
// limit.
type tokenBucket struct {
	due   int64 // Unix ns at which the bucket will be full again
	per   int64 // ns one unit costs: 1e9 / rate; 0 means no limit
	burst int64 // ns of units the bucket holds: rate * per
}

// newTokenBucket returns a full bucket of rate units a second; rate < 0
// means no limit.
func newTokenBucket(rate int) tokenBucket {
	if rate <= 0 {
		return tokenBucket{}
	}
	per := max(1, int64(rateBurst)/int64(rate))
	return tokenBucket{per: per, burst: int64(rate) * per}
}

// spend takes n units at now (Unix ns); it returns false, spending nothing,
// when that would empty the bucket past its burst.
func (b *tokenBucket) spend(n int, now int64) bool {
	if b.per == 0 {
		return true
	}
	due := max(b.due, now) + int64(n)*b.per
	if due-now > b.burst {
		return false
	}
	b.due = due
	return true
}

// rateLimiter is one connection's pair of buckets.
type rateLimiter struct {
	msgs, bytes tokenBucket
	over        bool // a limit was exceeded: the connection is closing
}

// newRateLimiter returns full buckets for l's message and byte rates.
func newRateLimiter(l Limits) rateLimiter {
	return rateLimiter{msgs: newTokenBucket(l.MessagesPerSec), bytes: newTokenBucket(l.BytesPerSec)}
}

// allowFrames charges frames messages of bytes payload bytes in all that
// arrived at now. Over a limit, it closes the connection with 1008 and
// returns false, then and on every later call: the caller handles nothing
// more from this connection. Only the goroutine reading the socket calls it.
func (c *conn) allowFrames(frames, bytes int, now time.Time) bool {
	r := &c.rate
	if r.over {
		return false
	}
	t := now.UnixNano()
	switch {
	case !r.msgs.spend(frames, t):
		r.over = true
		c.reject(netcode.ClosePolicyViolation,
			fmt.Sprintf("too many messages: over %d a second", c.srv.cfg.Limits.MessagesPerSec), "rate")
		return false
	case !r.bytes.spend(bytes, t):
		r.over = true
		c.reject(netcode.ClosePolicyViolation,
			fmt.Sprintf("too much data: over %d bytes a second", c.srv.cfg.Limits.BytesPerSec), "rate")
		return false
	}
	return true
}

// allowMessage charges one message (or control frame) of n payload bytes.
func (c *conn) allowMessage(n int, now time.Time) bool { return c.allowFrames(1, n, now) }
