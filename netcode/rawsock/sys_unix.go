//go:build unix && !linux

package rawsock

import "syscall"

// Elsewhere the socket is read and written through the syscall package
// (see sys_linux.go).
func rawRead(fd int, b []byte) (int, error)  { return syscall.Read(fd, b) }
func rawWrite(fd int, b []byte) (int, error) { return syscall.Write(fd, b) }
