package server

import "time"

// pollMembers reads what the members sent since the last tick. A member
// whose socket is in the room's readiness set is read only when the set
// reports bytes on it: one epoll_wait per room and tick instead of a read
// per member, half of which would find nothing. The others (a socket not
// detached yet, a test's recorder, a system without epoll) are read every
// tick.
func (r *Room) pollMembers(now time.Time) {
	if r.ready == nil && !r.noReady {
		if r.ready = newReadiness(r.capacity); r.ready == nil {
			r.noReady = true
		} else {
			r.watched = make(map[int32]*member, r.capacity)
		}
	}
	polled := r.polled[:0]
	watched := 0
	for _, m := range r.members {
		if m.peer == nil {
			continue // dropped, waiting for a resume
		}
		if m.key == 0 && r.ready != nil && m.peer.watch(r.ready, r.watchKey+1) {
			// Newly watched: read it now too, for what arrived before.
			r.watchKey++
			m.key = r.watchKey
			r.watched[m.key] = m
			polled = append(polled, m)
			continue
		}
		if m.key == 0 {
			polled = append(polled, m)
		} else {
			watched++
		}
	}
	if watched > 0 {
		ok := r.ready.ready(func(key int32) {
			if m := r.watched[key]; m != nil { // nil: it left, its socket not closed yet
				polled = append(polled, m)
			}
		})
		if !ok { // the set failed this tick: read everyone
			polled = polled[:0]
			for _, m := range r.members {
				if m.peer != nil {
					polled = append(polled, m)
				}
			}
		}
	}
	for _, m := range polled {
		m.peer.poll(now)
	}
	clear(polled)
	r.polled = polled[:0]
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

// closeReadiness releases the room's readiness set.
func (r *Room) closeReadiness() {
	if r.ready != nil {
		r.ready.close()
		r.ready = nil
	}
}
