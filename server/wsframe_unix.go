//go:build unix

package server

import (
	"errors"
	"net"
	"syscall"

	"arena/netcode/rawsock"
)

// nonBlockingWriter returns a function that writes b to c with one
// non-blocking write(2), returning how much of b the kernel took (possibly
// none, with errWouldBlock), or nil when c has no file descriptor.
func nonBlockingWriter(c net.Conn) func(b []byte) (int, error) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	return func(b []byte) (int, error) {
		var n int
		var werr error
		if err := rc.Write(func(fd uintptr) bool {
			n, werr = syscall.Write(int(fd), b)
			return true // never wait: that is the writer goroutine's job
		}); err != nil {
			return 0, err
		}
		return result(n, werr)
	}
}

// result maps a non-blocking write(2) result to ours.
func result(n int, err error) (int, error) {
	switch {
	case errors.Is(err, syscall.EAGAIN), errors.Is(err, syscall.EINTR):
		return 0, errWouldBlock
	case err != nil:
		return 0, err
	}
	return max(n, 0), nil
}

// socket is a connected socket taken out of Go's network poller
// (rawsock.Socket): its room reads and writes it without blocking, and
// nothing else waits on it, so a segment or an acknowledgment arriving on
// it wakes no thread. See detachSocket.
type socket rawsock.Socket

// detachSocket takes c's socket out of Go's network poller
// (rawsock.Detach). After it c must not be used.
func detachSocket(c net.Conn) (socket, error) {
	s, err := rawsock.Detach(c)
	return socket(s), err
}

func (s socket) read(b []byte) (int, error)  { return wouldBlock(rawsock.Socket(s).Read(b)) }
func (s socket) write(b []byte) (int, error) { return wouldBlock(rawsock.Socket(s).Write(b)) }
func (s socket) close() error                { return rawsock.Socket(s).Close() }

// wouldBlock maps rawsock's ErrWouldBlock to errWouldBlock, which the
// send queue and the poll test for.
func wouldBlock(n int, err error) (int, error) {
	if errors.Is(err, rawsock.ErrWouldBlock) {
		return 0, errWouldBlock
	}
	return n, err
}
