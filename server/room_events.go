package server

import "arena/netcode"

// eventHistory is how many events a room keeps for clients that have not
// been sent them yet: at the rate a full room makes them (about 30 a
// second), far longer than a writer may stall before it is closed.
const eventHistory = 1024

// eventRing is the room's recent events, numbered from 1. Each snapshot
// carries a client the events newer than its baseline's, so an event
// reaches every client exactly once and in order, even when snapshots are
// replaced unsent in the latest-wins slot. Owned by the room goroutine.
type eventRing struct {
	ring [eventHistory]netcode.Event
	seq  uint64 // number of the newest event; 0 = none yet
}

// add appends e.
func (r *eventRing) add(e netcode.Event) {
	r.seq++
	r.ring[r.seq%eventHistory] = e
}

// last returns the number of the newest event.
func (r *eventRing) last() uint64 { return r.seq }

// appendSince appends to dst the events after number from, at most max of
// them, and returns it with the number of the last one appended. ok is
// false when some of them are no longer kept.
func (r *eventRing) appendSince(dst []netcode.Event, from uint64, max int) (_ []netcode.Event, last uint64, ok bool) {
	if r.seq-from > eventHistory {
		return dst, from, false
	}
	last = min(r.seq, from+uint64(max))
	for s := from + 1; s <= last; s++ {
		dst = append(dst, r.ring[s%eventHistory])
	}
	return dst, last, true
}
