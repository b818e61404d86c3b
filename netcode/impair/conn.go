package impair

// The impaired connection: what Wrap returns, its close, its reset and its
// deadlines. read.go and write.go move the bytes.

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// ErrReset is the error of every call on a connection after it was reset
// (by Link.Reset or by the Reset function). It matches syscall.ECONNRESET
// under errors.Is, as a real reset would.
var ErrReset = fmt.Errorf("impair: connection reset (simulated): %w", syscall.ECONNRESET)

// errClosed is the error of calls on a connection closed locally.
var errClosed = net.ErrClosed

// flushGrace bounds how long Close lets the bytes already written reach
// the peer after the last of them is due, if the peer does not read them.
const flushGrace = time.Second

// conn is a net.Conn whose directions pass through lines; a nil line
// passes straight through to the socket.
type conn struct {
	under       net.Conn
	read, write *line

	closed               atomic.Bool // Close was called
	closeOnce, resetOnce sync.Once
}

// Wrap returns c with the bytes it reads delayed as read says and the
// bytes written to it as write says; seed fixes the random draws. When
// neither Link is active, Wrap returns c itself. Fields out of range are
// taken as the nearest valid value (Config.Validate reports them).
//
// The connection's methods may be called concurrently, as net.Conn's.
// Write queues its bytes and returns: it blocks only when 4 MiB are queued
// (a socket's send buffer), and its deadline bounds that wait. Read blocks
// until bytes are due. Close returns at once; the bytes already written
// still reach the peer when due (as a kernel's send buffer drains after
// close), then the socket is closed. The connection is not a
// syscall.Conn, so code that needs the file descriptor falls back to what
// it does without one.
func Wrap(c net.Conn, read, write Link, seed uint64) net.Conn {
	if !read.Active() && !write.Active() {
		return c
	}
	ic := &conn{under: c}
	if read.Active() {
		ic.read = newLine(read, seed, streamRead)
		go ic.fill()
	}
	if write.Active() {
		ic.write = newLine(write, seed, streamWrite)
		go ic.pump()
	}
	return ic
}

// Client returns the client's side of a connection impaired as cfg says:
// what it reads comes Down, what it writes goes Up.
func Client(c net.Conn, cfg Config) net.Conn { return Wrap(c, cfg.Down, cfg.Up, cfg.Seed) }

// Server returns the server's side of a connection impaired as cfg says:
// what it reads comes Up, what it writes goes Down.
func Server(c net.Conn, cfg Config) net.Conn { return Wrap(c, cfg.Up, cfg.Down, cfg.Seed) }

// Reset resets c at once, as a middlebox dropping the connection would:
// the peer sees a TCP reset (the socket is closed with SO_LINGER 0), and
// every later call on c fails with ErrReset. c may be a connection from
// Wrap or any other; Reset of another closes it abruptly the same way.
func Reset(c net.Conn) error {
	if ic, ok := c.(*conn); ok {
		ic.reset()
		return nil
	}
	return abort(c)
}

// reset breaks both lines and aborts the socket, once. SO_LINGER 0 is
// set before the lines break: the write pump, woken by the break, closes
// the socket as it ends, and that close must already be a reset.
func (c *conn) reset() {
	c.resetOnce.Do(func() {
		if tc, ok := c.under.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		for _, l := range []*line{c.read, c.write} {
			if l != nil {
				l.breakWith(ErrReset)
			}
		}
		_ = c.under.Close()
	})
}

// abort closes c so that its peer sees a reset rather than an orderly end.
func abort(c net.Conn) error {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	return c.Close()
}

// Close closes the connection; see Wrap for what becomes of the bytes
// already written.
func (c *conn) Close() error {
	err := c.opError("close", errClosed)
	c.closeOnce.Do(func() {
		err = nil
		c.closed.Store(true)
		if c.read != nil {
			c.read.mu.Lock()
			c.read.closed = true
			c.read.dropLocked()
			c.read.notifyLocked()
			c.read.mu.Unlock()
		}
		flush := false
		var last time.Time
		if w := c.write; w != nil {
			w.mu.Lock()
			w.closed = true
			flush = w.broken == nil && (w.head < len(w.segs) || w.busy)
			last = w.lastDue
			w.notifyLocked()
			w.mu.Unlock()
		}
		if flush {
			// The pump closes the socket once the queue is written;
			// this bounds its wait on a peer that does not read.
			_ = c.under.SetWriteDeadline(later(last, time.Now()).Add(flushGrace))
			if c.read == nil {
				_ = c.under.SetReadDeadline(time.Unix(1, 0)) // wake a Read on the socket now
			}
			return
		}
		if e := c.under.Close(); e != nil && !errors.Is(e, net.ErrClosed) {
			err = e
		}
	})
	return err
}

// LocalAddr returns the socket's local address.
func (c *conn) LocalAddr() net.Addr { return c.under.LocalAddr() }

// RemoteAddr returns the socket's remote address.
func (c *conn) RemoteAddr() net.Addr { return c.under.RemoteAddr() }

// SetDeadline sets the read and write deadlines.
func (c *conn) SetDeadline(t time.Time) error {
	return errors.Join(c.SetReadDeadline(t), c.SetWriteDeadline(t))
}

// SetReadDeadline sets the deadline of Read: a Read blocked waiting for
// bytes due later fails with os.ErrDeadlineExceeded when it passes.
func (c *conn) SetReadDeadline(t time.Time) error {
	if c.read == nil {
		if c.closed.Load() {
			return c.opError("set", errClosed) // leave the deadline Close set
		}
		return c.under.SetReadDeadline(t)
	}
	return c.opError("set", c.read.setDeadline(t))
}

// SetWriteDeadline sets the deadline of Write: a Write blocked on a full
// queue fails with os.ErrDeadlineExceeded when it passes.
func (c *conn) SetWriteDeadline(t time.Time) error {
	if c.write == nil {
		return c.under.SetWriteDeadline(t)
	}
	return c.opError("set", c.write.setDeadline(t))
}

// opError wraps err as the net package does, so that callers that look
// for a *net.OpError or a net.Error's Timeout find them. io.EOF and
// errors that already are an OpError pass unchanged.
func (c *conn) opError(op string, err error) error {
	var oe *net.OpError
	if err == nil || err == io.EOF || errors.As(err, &oe) {
		return err
	}
	return &net.OpError{Op: op, Net: c.under.LocalAddr().Network(),
		Source: c.under.LocalAddr(), Addr: c.under.RemoteAddr(), Err: err}
}
