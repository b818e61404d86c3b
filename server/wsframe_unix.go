//go:build unix

package server

import (
	"errors"
	"net"
	"syscall"
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

// result maps a non-blocking read(2) or write(2) result to ours.
func result(n int, err error) (int, error) {
	switch {
	case errors.Is(err, syscall.EAGAIN), errors.Is(err, syscall.EINTR):
		return 0, errWouldBlock
	case err != nil:
		return 0, err
	}
	return max(n, 0), nil
}

// socket is a connected socket taken out of Go's network poller: its room
// reads and writes it without blocking, and nothing else waits on it, so a
// segment or an acknowledgment arriving on it wakes no thread. See
// detachSocket.
type socket int

// detachSocket takes c's socket out of Go's network poller: it duplicates
// the file descriptor, then closes c, which deregisters the original from
// the poller (the socket itself stays open through the duplicate, which
// shares its non-blocking mode). After it c must not be used.
func detachSocket(c net.Conn) (socket, error) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return -1, errors.New("no file descriptor")
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	var derr error
	if err := rc.Control(func(f uintptr) {
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
	return socket(fd), nil
}

func (s socket) read(b []byte) (int, error)  { return result(rawRead(int(s), b)) }
func (s socket) write(b []byte) (int, error) { return result(rawWrite(int(s), b)) }
func (s socket) close() error                { return syscall.Close(int(s)) }
