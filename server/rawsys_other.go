//go:build unix && !linux

package server

import "syscall"

// Elsewhere the detached socket is read and written through the syscall
// package (see rawsys_linux.go).
func rawRead(fd int, b []byte) (int, error)  { return syscall.Read(fd, b) }
func rawWrite(fd int, b []byte) (int, error) { return syscall.Write(fd, b) }
