package server

// Reading a joined client from its room's tick. Until Hello, a connection
// is read by its own goroutine through coder/websocket. Once it has joined,
// that goroutine hands the socket over: at the start of every tick the room
// reads each member's socket once, without blocking, and handles every
// complete message. A room consumes inputs only at ticks anyway, so this
// costs no latency; what it saves is the goroutine wake (and, on this kind
// of machine, the context switch) that a blocking reader pays for every
// message, the largest cost of the server after the syscalls themselves.
// Work per tick is bounded: at most two reads of the connection's buffer.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
)

// Read buffer sizes of a polled connection: it starts small (an idle
// client costs little memory) and grows to hold the largest frame.
const (
	pollBufMin = 512
	pollBufMax = 2 * maxFrameBytes
)

// closeWait bounds how long a server-initiated close waits for the
// client's close frame.
const closeWait = 2 * time.Second

// startPolling hands the reading of c to its room: once the writer is
// idle (so nothing writes through c.raw), the bytes coder/websocket read
// ahead are taken over and the socket is detached from Go's network poller
// (detachSocket); from the next tick the room polls it. It runs on the
// reader goroutine, which then stops reading. It returns false, changing
// nothing, when the socket cannot be detached or the connection is closing.
func (c *conn) startPolling() bool {
	if c.raw == nil || c.brw == nil {
		return false
	}
	q := c.q
	for {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return false
		}
		if !q.busy && q.n == 0 && q.partial == nil && q.snapshot == nil {
			break // q.mu stays locked: no frame can start until we are done
		}
		q.mu.Unlock()
		select {
		case <-c.closing:
			return false
		case <-time.After(time.Millisecond):
		}
	}
	defer q.mu.Unlock()
	n := c.brw.Reader.Buffered()
	ahead, _ := c.brw.Reader.Peek(n)
	sock, err := detachSocket(c.raw)
	if err != nil {
		c.logger().Debug("socket stays with the reader goroutine", "err", err)
		return false
	}
	c.sock = sock
	c.srv.metrics.BytesReceived.Add(uint64(n)) // read by coder/websocket, not counted by readMessage
	c.rbuf = append(make([]byte, 0, max(pollBufMin, n)), ahead...)
	c.ahead = n > 0
	q.direct = sock.write
	// coder/websocket's side is done (its socket is closed): drop it and the
	// handshake's buffers, 8 KiB and more an idle player need not keep.
	c.pollMu.Lock()
	_ = c.ws.CloseNow()
	c.ws, c.brw, c.raw = nil, nil, nil
	c.pollMu.Unlock()
	c.polling.Store(true) // publishes the fields above to the room goroutine
	return true
}

// readByRoom implements peer: the room reads the socket once it is
// detached, until the close handshake takes it back (poll then returns
// at once).
func (c *conn) readByRoom() bool { return c.polling.Load() }

// poll implements peer: it reads what the socket holds and handles every
// complete message. It runs on the room goroutine.
func (c *conn) poll(now time.Time, t *tally) {
	if !c.polling.Load() {
		return
	}
	c.pollMu.Lock()
	defer c.pollMu.Unlock()
	if c.pollStopped {
		return
	}
	select {
	case <-c.closing:
		return
	default:
	}
	if c.ahead {
		// What coder/websocket had read ahead may hold whole messages.
		c.ahead = false
		if !c.handleFrames(now, t) {
			return
		}
	}
	for range 2 {
		if cap(c.rbuf)-len(c.rbuf) < pollBufMin/2 && cap(c.rbuf) < pollBufMax {
			c.rbuf = append(c.rbuf[:cap(c.rbuf)], make([]byte, min(cap(c.rbuf), pollBufMax-cap(c.rbuf)))...)[:len(c.rbuf)]
		}
		free := c.rbuf[len(c.rbuf):cap(c.rbuf)]
		n, err := c.sock.read(free)
		switch {
		case errors.Is(err, errWouldBlock):
			return
		case err != nil:
			c.readFailed(err)
			return
		case n == 0:
			c.readFailed(io.EOF)
			return
		}
		c.rbuf = c.rbuf[:len(c.rbuf)+n]
		t.bytesPolled += uint64(n)
		c.noteHeard(now)
		if !c.handleFrames(now, t) {
			return
		}
		if n < len(free) {
			return // the socket is empty
		}
	}
}

// handleFrames handles the complete messages in c.rbuf and keeps the rest.
// It returns false when the connection is closing.
func (c *conn) handleFrames(now time.Time, t *tally) bool {
	c.rd.in = c.rbuf
	defer func() {
		rest := copy(c.rbuf, c.rd.in)
		c.rbuf = c.rbuf[:rest]
	}()
	for {
		m, ok, werr := c.rd.next()
		if werr != nil {
			c.reject(werr.code, werr.reason, "frame")
			return false
		}
		// Every frame counts against the rate limit, a fragment too; a
		// message's bytes count once it is whole.
		frames, bytes := c.rd.frames, len(m.payload)
		c.rd.frames = 0
		if frames > 0 && !c.allowFrames(frames, bytes, now) {
			return false
		}
		if !ok {
			return true
		}
		if m.op == opBinary || m.op == opText {
			t.messages++
		}
		switch m.op {
		case opBinary:
			if err := c.dec.DecodeClient(m.payload, &c.msg); err != nil {
				c.reject(netcode.CloseBadMessage, netcode.CloseReason(err), "decode")
				return false
			}
			if !c.handle(&c.msg) {
				return false
			}
		case opText:
			c.reject(netcode.CloseUnsupportedData, "text frames are not supported", "text_frame")
			return false
		case opClose:
			code, reason := closePayload(m.payload)
			if len(m.payload) >= 2 && !peerMaySend(code) {
				c.reject(closeProtocolError, fmt.Sprintf("close code %d is not allowed", code), "frame")
				return false
			}
			c.peerClose = append([]byte{}, m.payload...) // finishPolled echoes it
			c.closeWith(peerCloseCode(websocket.StatusCode(code)), reason, false)
			return false
		case opPing:
			c.q.pushFrame(framePong, m.payload)
		}
	}
}

// finishPolled ends a polled connection: the close frame (an echo of the
// client's, or ours), then for ours the client's answer, within closeWait,
// and closes the socket. coder/websocket cannot do this handshake: it no
// longer has the socket. It runs on the writer goroutine.
func (c *conn) finishPolled() {
	c.pollMu.Lock()
	c.pollStopped = true // the room reads no more: the socket is ours
	c.pollMu.Unlock()
	defer func() { _ = c.sock.close() }()
	switch {
	case c.stalled.Load() || c.closeCode == closeAbnormal:
		return
	case !c.byServer:
		if c.peerClose != nil {
			_ = c.writeSocket(appendFrame(nil, 0x80|opClose, c.peerClose))
		}
		return
	}
	payload := binary.BigEndian.AppendUint16(nil, uint16(c.closeCode))
	payload = append(payload, c.closeReason...)
	if c.writeSocket(appendFrame(nil, 0x80|opClose, payload)) != nil {
		return
	}
	// Wait for the client's close frame, discarding what comes before.
	pending := c.rbuf
	tmp := make([]byte, 4096)
	deadline := time.Now().Add(closeWait)
	for pause := time.Millisecond; ; {
		c.rd.in = pending
		for {
			m, ok, werr := c.rd.next()
			if werr != nil || (ok && m.op == opClose) {
				return
			}
			if !ok {
				break
			}
		}
		pending = pending[:copy(pending, c.rd.in)]
		n, err := c.sock.read(tmp)
		switch {
		case errors.Is(err, errWouldBlock):
			if time.Now().After(deadline) {
				return
			}
			time.Sleep(pause)
			pause = min(2*pause, 20*time.Millisecond)
			continue
		case err != nil || n == 0 || len(pending)+n > pollBufMax:
			return
		}
		pending = append(pending, tmp[:n]...)
	}
}

// writeSocket writes frame whole to the detached socket, waiting for room
// in it (there is no poller to wait with: it retries, backing off to 10 ms)
// for at most WriteTimeout, after which the connection is a slow consumer.
func (c *conn) writeSocket(frame []byte) error {
	deadline := time.Now().Add(c.srv.cfg.WriteTimeout)
	for pause := 100 * time.Microsecond; len(frame) > 0; {
		n, err := c.sock.write(frame)
		switch {
		case errors.Is(err, errWouldBlock):
			if time.Now().After(deadline) {
				return os.ErrDeadlineExceeded
			}
			time.Sleep(pause)
			pause = min(2*pause, 10*time.Millisecond)
		case err != nil:
			return err
		default:
			frame = frame[n:]
		}
	}
	return nil
}
