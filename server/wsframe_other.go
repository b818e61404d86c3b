//go:build !unix

package server

import (
	"net"

	"arena/netcode/rawsock"
)

// Without a file descriptor to use, every frame goes through the writer
// goroutine and the connection's goroutine reads: detachSocket fails
// (rawsock is Unix only).

func nonBlockingWriter(net.Conn) func([]byte) (int, error) { return nil }

type socket rawsock.Socket

func detachSocket(c net.Conn) (socket, error) {
	s, err := rawsock.Detach(c)
	return socket(s), err
}
func (s socket) read(b []byte) (int, error)  { return rawsock.Socket(s).Read(b) }
func (s socket) write(b []byte) (int, error) { return rawsock.Socket(s).Write(b) }
func (s socket) close() error                { return rawsock.Socket(s).Close() }
