//go:build unix

package rawsock

import (
	"errors"
	"io"
	"net"
	"syscall"
)

// Supported reports whether Detach can work on this platform.
const Supported = true

// Socket is a connected socket's file descriptor, out of Go's network
// poller and in non-blocking mode. Its methods never block. One goroutine
// may read while another writes; Close must not race with either (the
// number may be reused by the next file opened).
type Socket int

// Detach takes c's socket out of Go's network poller: it duplicates the
// file descriptor, sets the duplicate non-blocking, then closes c, which
// deregisters the original from the poller (the socket itself stays open
// through the duplicate). After it c must not be used; bytes a reader
// above c had buffered (a bufio.Reader, an HTTP handshake's) are the
// caller's to take first. A c without a file descriptor (a TLS or an
// in-memory connection) is an error, and c is left open.
func Detach(c net.Conn) (Socket, error) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return -1, errors.New("rawsock: no file descriptor")
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	var derr error
	if err := rc.Control(func(f uintptr) {
		// ForkLock: a fork between the dup and CloseOnExec would leak the
		// duplicate into the child.
		syscall.ForkLock.RLock()
		fd, derr = syscall.Dup(int(f))
		if derr == nil {
			syscall.CloseOnExec(fd)
		}
		syscall.ForkLock.RUnlock()
	}); err != nil {
		return -1, err
	}
	if derr != nil {
		return -1, derr
	}
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	_ = c.Close()
	return Socket(fd), nil
}

// Read reads what the socket holds into b, at most len(b) bytes, without
// waiting: ErrWouldBlock when it holds nothing, io.EOF once the peer has
// closed its side and everything before was read. A short read means the
// socket is empty now.
func (s Socket) Read(b []byte) (int, error) {
	n, err := result(rawRead(int(s), b))
	if err == nil && n == 0 && len(b) > 0 {
		return 0, io.EOF
	}
	return n, err
}

// Write writes as much of b as the send buffer takes, without waiting: a
// short count when it took part, ErrWouldBlock when it took none.
func (s Socket) Write(b []byte) (int, error) { return result(rawWrite(int(s), b)) }

// Close closes the socket.
func (s Socket) Close() error { return syscall.Close(int(s)) }

// result maps a non-blocking read(2) or write(2) result to ours. EINTR (a
// signal arrived during the call) is reported as ErrWouldBlock: a caller
// retries later anyway.
func result(n int, err error) (int, error) {
	switch {
	case errors.Is(err, syscall.EAGAIN), errors.Is(err, syscall.EINTR):
		return 0, ErrWouldBlock
	case err != nil:
		return 0, err
	}
	return max(n, 0), nil
}
