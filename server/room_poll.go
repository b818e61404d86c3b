package server

import "time"

// pollMembers reads what the members sent since the last read. A member
// whose socket the room reads itself (detached from Go's poller,
// conn_poll.go) is read on snapshot ticks only (sockets true), with one
// non-blocking read each; the others (a connection whose reader goroutine
// still reads it, a test's recorder) are polled every tick, which costs
// nothing.
//
// Why only on snapshot ticks: what a client's inputs did reaches anyone
// only in a snapshot, and the snapshot of a tick carries everything read
// at its start, whether the message came in one tick before or two. A
// client sends one Inputs message per snapshot interval (its InputBatch is
// the ticks per snapshot), so reading at that rate takes the same messages
// with the same number of reads, and nearly every read finds one: at 60
// ticks a second, reading every tick found nothing half the time, and
// asking epoll which sockets had bytes first cost more than those empty
// reads (make bench N=2000: epoll_wait was 10% of the server's CPU, a read
// that finds nothing costs about 0.2 µs). An input that waits a tick in
// the kernel is caught up at the next read by the player's credit
// (inputbuffer.go): it is simulated once, for its own slot, and
// prediction stays exact.
func (r *Room) pollMembers(now time.Time, sockets bool) {
	for _, m := range r.members {
		if m.peer == nil {
			continue // dropped, waiting for a resume
		}
		if !m.sockets {
			m.sockets = m.peer.readByRoom()
		}
		if sockets || !m.sockets {
			m.peer.poll(now, &r.tally)
		}
	}
	if !sockets {
		return // keepalive's pings and timeouts count in seconds: checked with the reads
	}
	for _, m := range r.members {
		if k, ok := m.peer.(keepaliver); ok { // a dropped member's nil peer is not one
			k.keepalive(now)
		}
	}
}

// keepaliver is a peer the room keeps alive: a connection (a test's
// recorder is not one).
type keepaliver interface {
	// keepalive pings the peer when it has been quiet, and closes it when
	// it has been silent too long. It runs on the room goroutine after the
	// tick's reads, and is cheap when there is nothing to do.
	keepalive(now time.Time)
}
