//go:build !unix

package rawsock

import (
	"errors"
	"fmt"
	"net"
	"runtime"
)

// Supported reports whether Detach can work on this platform.
const Supported = false

// errUnsupported is every call's error here.
var errUnsupported = fmt.Errorf("rawsock: not supported on %s: %w", runtime.GOOS, errors.ErrUnsupported)

// Socket is a detached socket on Unix systems; here there is none.
type Socket int

// Detach fails here, leaving c open.
func Detach(net.Conn) (Socket, error) { return -1, errUnsupported }

// Read fails here.
func (Socket) Read([]byte) (int, error) { return 0, errUnsupported }

// Write fails here.
func (Socket) Write([]byte) (int, error) { return 0, errUnsupported }

// Close does nothing here.
func (Socket) Close() error { return nil }
