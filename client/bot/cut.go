package bot

// Cutting a bot's connection at random moments, to test resumable
// sessions (SwarmConfig.CutEvery, gamebot -cut-every): each bot dials
// through its own cutter, which keeps the TCP connection it made, and the
// driver resets it (netcode/impair.Reset: the server sees a TCP reset, as
// when a middlebox drops the connection) after an exponentially
// distributed time with the configured mean.

import (
	"context"
	"math/rand/v2"
	"net"
	"sync"
	"time"

	"arena/netcode/impair"
)

// cutter dials a bot's connections (through next, or net.Dialer) and
// keeps the newest so it can be cut.
type cutter struct {
	next func(ctx context.Context, network, addr string) (net.Conn, error)

	mu   sync.Mutex // guards conn
	conn net.Conn
}

// dial is a client.Options.Dialer.
func (c *cutter) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var conn net.Conn
	var err error
	if c.next != nil {
		conn, err = c.next(ctx, network, addr)
	} else {
		var d net.Dialer
		conn, err = d.DialContext(ctx, network, addr)
	}
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.conn = conn
	c.mu.Unlock()
	return conn, nil
}

// cut resets the newest connection; it reports whether there was one.
func (c *cutter) cut() bool {
	c.mu.Lock()
	conn := c.conn
	c.conn = nil
	c.mu.Unlock()
	if conn == nil {
		return false
	}
	impair.Reset(conn)
	return true
}

// nextCut returns when to cut next after now, for a mean interval.
func nextCut(now time.Time, mean time.Duration, rng *rand.Rand) time.Time {
	return now.Add(time.Duration(rng.ExpFloat64() * float64(mean)))
}
