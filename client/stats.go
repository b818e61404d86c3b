package client

import "time"

// Stats are the session's network counters: a plain value (a copy).
type Stats struct {
	RTT               time.Duration // smoothed
	LastRTT           time.Duration
	SnapshotsReceived uint64
	FullSnapshots     uint64 // of which full (the first, or after a long stall)
	BytesDown         uint64 // WebSocket message payload bytes received
	BytesUp           uint64
	// SnapshotBytes splits the snapshots' bytes by section.
	SnapshotBytes SnapshotBytes
	ServerTick    uint32 // latest snapshot tick
	Connected     time.Time

	PongsReceived uint64 // RTT samples taken; LastRTT changes when this does
	InputsSent    uint64 // SendInput calls accepted
	InputMessages uint64 // Inputs messages written
	EventsDropped uint64 // events dropped because DrainEvents was not called
	// InputTicksMissed counts server ticks, after the first input arrived,
	// that had no new input from this session (the previous one repeated):
	// inputs that arrived late.
	InputTicksMissed uint64
	// InputsDropped counts inputs the server never applied (its jitter
	// buffer dropped them to cut latency, or its buffer overflowed).
	InputsDropped uint64
}

// SnapshotBytes is how the bytes of the snapshots received split over their
// sections: header (type, tick, baseline), the own player, the other
// entities, and events.
type SnapshotBytes struct {
	Header, Own, Entities, Events uint64
}

// Stats returns a copy of the counters. It may be called concurrently.
func (s *Session) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}
