//go:build !unix

package server

import (
	"errors"
	"net"
)

// Without a file descriptor to use, every frame goes through the writer
// goroutine and the connection's goroutine reads.

func nonBlockingWriter(net.Conn) func([]byte) (int, error) { return nil }

type socket int

func detachSocket(net.Conn) (socket, error) { return -1, errors.New("not supported") }
func (socket) read([]byte) (int, error)     { return 0, errors.New("not supported") }
func (socket) write([]byte) (int, error)    { return 0, errors.New("not supported") }
func (socket) close() error                 { return nil }
