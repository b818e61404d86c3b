package server

// Keepalive: a joined client that has sent nothing for PingInterval gets a
// WebSocket ping; one that has sent nothing at all for IdleTimeout (no
// message, no pong: not a byte) is closed with netcode.CloseIdleTimeout.
// The room drives it from its tick (pollMembers), so an idle connection
// costs no goroutine or timer of its own: a few comparisons per tick, and a
// ping frame per PingInterval through the connection's send queue. A client
// that sends anything, as every Arena client does (its Pings, every
// second), is never pinged. Before Hello the hello timeout applies instead.

import (
	"context"
	"fmt"
	"time"

	"arena/netcode"
)

// framePing is a ping frame's first byte: FIN and opcode 9.
const framePing byte = 0x80 | opPing

// pingPayload is what the server's pings carry; the pong echoes it, and
// only its arrival matters.
var pingPayload = []byte("arena")

// noteHeard records that bytes arrived from the peer at now. Any goroutine
// reading the socket calls it.
func (c *conn) noteHeard(now time.Time) { c.heard.Store(now.UnixNano()) }

// pongReceived is coder/websocket's pong callback (before the room polls
// the socket, and for connections it never polls). A pong counts against
// the rate limit as any frame does.
func (c *conn) pongReceived(_ context.Context, payload []byte) {
	now := c.srv.clock.Now()
	c.noteHeard(now)
	c.allowMessage(len(payload), now)
}

// keepalive implements keepaliver. It runs on the room goroutine.
func (c *conn) keepalive(now time.Time) {
	t := now.UnixNano()
	if t < c.keepaliveAt {
		return
	}
	select {
	case <-c.closing:
		return
	default:
	}
	interval, timeout := int64(c.srv.cfg.PingInterval), int64(c.srv.cfg.IdleTimeout)
	heard := c.heard.Load()
	if t-heard >= timeout {
		c.logger().Info("idle timeout: closing connection", "timeout", c.srv.cfg.IdleTimeout)
		c.closeWith(netcode.CloseIdleTimeout, idleReason(c.srv.cfg.IdleTimeout), true)
		return
	}
	if t-heard >= interval && t >= c.pingAt {
		c.ping()
		c.pingAt = t + interval
	}
	// Next: when the peer will have been quiet for an interval (and a ping
	// is allowed), or silent for the timeout, whichever comes first.
	c.keepaliveAt = min(max(heard+interval, c.pingAt), heard+timeout)
}

// idleReason is the close reason of netcode.CloseIdleTimeout.
func idleReason(timeout time.Duration) string {
	return fmt.Sprintf("idle timeout: no data for %v", timeout)
}

// ping sends a WebSocket ping. Frames go through the send queue, so the
// writer (or the room's direct path) stays the only writer of the socket; a
// full queue skips the ping (its client is about to be closed as a slow
// consumer anyway). A connection without a socket of its own writes
// through coder/websocket, whose Ping waits for the pong: that takes a
// short-lived goroutine, at most one at a time.
func (c *conn) ping() {
	// The reader goroutine clears raw and ws when it hands the socket to
	// the room (startPolling, under pollMu), maybe right now: read them
	// under pollMu too. No ws is a socket handed over: the queue's writer
	// writes to it.
	c.pollMu.Lock()
	ws, queued := c.ws, c.raw != nil || c.ws == nil
	c.pollMu.Unlock()
	if queued || c.polling.Load() {
		c.q.pushFrame(framePing, pingPayload)
		return
	}
	if c.pinging.Swap(true) {
		return
	}
	go func() {
		defer c.pinging.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), c.srv.cfg.IdleTimeout)
		defer cancel()
		if ws.Ping(ctx) == nil {
			c.noteHeard(c.srv.clock.Now())
		}
	}()
}
