package server

import (
	"syscall"
	"unsafe"
)

// rawEpollWait is epoll_wait(2) with a zero timeout, as a raw system call:
// it never blocks, so it skips the runtime's syscall bookkeeping, for the
// reason rawsock's reads and writes do (arena/netcode/rawsock,
// sys_linux.go).
func rawEpollWait(epfd int, events []syscall.EpollEvent) (int, error) {
	var p unsafe.Pointer
	if len(events) > 0 {
		p = unsafe.Pointer(&events[0])
	}
	n, _, e := syscall.RawSyscall6(syscall.SYS_EPOLL_PWAIT, uintptr(epfd), uintptr(p), uintptr(len(events)), 0, 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(n), nil
}
