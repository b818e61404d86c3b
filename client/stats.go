package client

import "time"

// Stats are the session's network counters: a plain value (a copy).
type Stats struct {
	RTT               time.Duration // smoothed
	LastRTT           time.Duration
	SnapshotsReceived uint64
	BytesDown         uint64 // WebSocket message payload bytes received
	BytesUp           uint64
	ServerTick        uint32 // latest snapshot tick
	Connected         time.Time

	PongsReceived uint64 // RTT samples taken; LastRTT changes when this does
	InputsSent    uint64 // SendInput calls accepted
	EventsDropped uint64 // events dropped because DrainEvents was not called
	// InputsCoalesced counts Inputs messages replaced by a newer one before
	// the writer could send them (the newer one repeats their inputs).
	InputsCoalesced uint64
}

// Stats returns a copy of the counters. It may be called concurrently.
func (s *Session) Stats() Stats {
	coalesced := s.out.replacedCount()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.InputsCoalesced = coalesced
	return st
}
