package server

// The connection's writer goroutine. Most snapshots never reach it: the
// room writes them straight to the socket (sendQueue's direct path). It
// writes what that cannot: Welcome, Error and pong frames, a snapshot the
// socket had no room for, and the close handshake.

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
)

// writeLoop is the connection's writer goroutine: it writes queued frames
// until the connection closes, then performs the close handshake. For a
// polled connection it also ends the connection (the reader goroutine is
// gone).
func (c *conn) writeLoop() {
	c.writeFrames()
	if c.polling.Load() {
		c.end()
	}
}

func (c *conn) writeFrames() {
	defer close(c.writerDone)
	for {
		select {
		case <-c.closing:
			c.finish()
			return
		case <-c.q.wake:
		}
		for {
			select {
			case <-c.closing:
				c.finish()
				return
			default:
			}
			b, isSnapshot, ok := c.q.take()
			if !ok {
				break
			}
			err := c.write(b)
			c.q.done(b, isSnapshot)
			if err != nil {
				c.finish()
				return
			}
		}
	}
}

// write writes one frame, blocking. A write that takes longer than
// WriteTimeout closes the connection as a slow consumer. The deadline is
// set on the socket itself: one timer per connection, re-armed per write,
// where a context per write would cost allocations (and coder/websocket a
// timer per frame).
func (c *conn) write(frame []byte) error {
	var err error
	if c.polling.Load() {
		err = c.writeSocket(frame)
	} else if c.raw != nil {
		_ = c.raw.SetWriteDeadline(time.Now().Add(c.srv.cfg.WriteTimeout))
		_, err = c.raw.Write(frame)
		_ = c.raw.SetWriteDeadline(time.Time{})
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), c.srv.cfg.WriteTimeout)
		err = c.ws.Write(ctx, websocket.MessageBinary, framePayload(frame))
		cancel()
		if ctx.Err() != nil {
			err = os.ErrDeadlineExceeded
		}
	}
	if err == nil {
		c.srv.metrics.BytesSent.Add(uint64(len(frame)))
		return nil
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		// Part of a frame may be on the wire: no close frame can follow.
		c.stalled.Store(true)
		c.logger().Warn("slow consumer: write timed out", "timeout", c.srv.cfg.WriteTimeout)
		c.closeWith(netcode.CloseSlowConsumer, "write timed out: the client is not reading", true)
	} else {
		c.closeWith(closeAbnormal, err.Error(), false)
	}
	return err
}

// finish closes the socket with the recorded code: a close handshake when
// the server decided to close, else at once (the peer closed, and
// coder/websocket has answered its close frame, or the peer vanished). The
// queue is closed first, so the room's direct path has stopped writing.
func (c *conn) finish() {
	c.q.close()
	if c.polling.Load() {
		c.leaveRoom() // at once: the close handshake may take closeWait
		c.finishPolled()
		return
	}
	if c.abandon && c.raw != nil {
		// Fail the connection: a close frame, and no reading of what the
		// client still sends (a frame that may claim gigabytes).
		payload := binary.BigEndian.AppendUint16(nil, uint16(c.closeCode))
		if c.writeDeadline(appendFrame(nil, 0x80|opClose, append(payload, c.closeReason...))) {
			c.linger()
		}
		_ = c.ws.CloseNow()
		return
	}
	if !c.byServer || c.closeCode == closeAbnormal || c.stalled.Load() {
		_ = c.ws.CloseNow()
		return
	}
	_ = c.ws.Close(websocket.StatusCode(c.closeCode), c.closeReason)
}

// writeDeadline writes frame within WriteTimeout and reports success.
func (c *conn) writeDeadline(frame []byte) bool {
	_ = c.raw.SetWriteDeadline(time.Now().Add(c.srv.cfg.WriteTimeout))
	_, err := c.raw.Write(frame)
	return err == nil
}

// Bounds of linger.
const (
	lingerTime  = 500 * time.Millisecond
	lingerBytes = 1 << 20
)

// linger reads and drops what the client still sends, for a while, before
// the socket is closed: closing with unread data makes the kernel send a
// reset, which would destroy the close frame before the client reads it.
func (c *conn) linger() {
	_ = c.raw.SetReadDeadline(time.Now().Add(lingerTime))
	buf := make([]byte, 16<<10)
	for n := 0; n < lingerBytes; {
		m, err := c.raw.Read(buf)
		if err != nil {
			return
		}
		n += m
	}
}
