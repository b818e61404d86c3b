package server

import "syscall"

// readiness tells a room which of its members' detached sockets have bytes
// to read: an epoll set, asked once per tick without waiting. Without it a
// room would read every socket every tick, and at 60 ticks and 30 Inputs
// messages a second half of those reads find nothing (one syscall each).
// Level-triggered: a socket with bytes left after a poll is reported again.
//
// Sockets are never removed: the kernel drops one from the set when it is
// closed (the detached descriptor is its only one), and a report for a
// member that has left is ignored (see Room.pollMembers).
type readiness struct {
	epfd   int
	events []syscall.EpollEvent
}

// newReadiness returns a readiness for up to capacity sockets, or nil when
// the kernel refuses (the room then reads every member each tick).
func newReadiness(capacity int) *readiness {
	fd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return nil
	}
	return &readiness{epfd: fd, events: make([]syscall.EpollEvent, max(capacity, 1))}
}

// watch adds sock under key.
func (r *readiness) watch(sock socket, key int32) error {
	ev := syscall.EpollEvent{Events: syscall.EPOLLIN | syscall.EPOLLRDHUP, Fd: key}
	return syscall.EpollCtl(r.epfd, syscall.EPOLL_CTL_ADD, int(sock), &ev)
}

// ready calls f with the key of every watched socket that has bytes (or an
// end) to read, without waiting. It reports false when the set could not
// be asked; the caller must then read everyone.
func (r *readiness) ready(f func(key int32)) bool {
	for {
		n, err := rawEpollWait(r.epfd, r.events)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return false
		}
		for _, ev := range r.events[:n] {
			f(ev.Fd)
		}
		return true
	}
}

// close releases the set.
func (r *readiness) close() { _ = syscall.Close(r.epfd) }
