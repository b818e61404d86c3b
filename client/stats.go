package client

import "time"

// Stats are the session's network counters: a plain value (a copy).
type Stats struct {
	RTT     time.Duration // smoothed
	LastRTT time.Duration
	MinRTT  time.Duration // of the last 16 samples: the path without queueing
	// Jitter is the smoothed variation of the snapshots' delay (RFC 3550
	// style: the mean change from one snapshot to the next).
	Jitter            time.Duration
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
	// at which the server had no new input from this session, so it held
	// the player (inputs that arrived late; they are simulated later).
	InputTicksMissed uint64
	// InputsCaughtUp counts inputs the server simulated beyond one in a
	// tick: catching up on the ones that arrived late.
	InputsCaughtUp uint64

	// Prediction of the local player. PredictionsChecked counts snapshots
	// whose state could be compared with the prediction for the same
	// input; Mispredictions those where position or velocity differed
	// (MispredictionUnits: by how far). Corrections has, for every
	// checked snapshot, how far the replay moved the newest predicted
	// position (world units; 0 when the prediction was right).
	PredictionsChecked uint64
	Mispredictions     uint64
	MispredictionUnits Histogram
	Corrections        Histogram
	// PredictedTicks is how many of its inputs the session has made that
	// the server's newest snapshot has not consumed: how far ahead of the
	// server the local player is drawn.
	PredictedTicks int

	// Interpolation of the others. InterpDelay is how far behind the
	// newest snapshot the session could have they are drawn; InterpStarved
	// counts the times drawing reached the extrapolation limit past the
	// newest snapshot and had to stop. SnapshotGaps has the time between
	// consecutive snapshots, in milliseconds.
	InterpDelay   time.Duration
	InterpStarved uint64
	SnapshotGaps  Histogram

	// Resuming after a lost connection (reconnect.go). Reconnecting is set
	// while no link is up and the session tries to resume;
	// ReconnectAttempt is the attempt under way (1 first) and
	// ReconnectingFor how long since the link was lost. Resumes counts
	// links resumed, ResumeAttempts the dials for them, ResumeFailures
	// the reconnects that ended the session instead (the token refused,
	// the grace period over, another seat). LastResume is how long the
	// newest resume took from the loss to Welcome, MaxResume the longest,
	// ResumeTimes all of them in milliseconds.
	Reconnecting     bool
	ReconnectAttempt int
	ReconnectingFor  time.Duration
	Resumes          uint64
	ResumeAttempts   uint64
	ResumeFailures   uint64
	LastResume       time.Duration
	MaxResume        time.Duration
	ResumeTimes      Histogram
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
	st := s.stats
	st.Jitter = s.clock.duration(s.clock.jitterTicks())
	st.InterpDelay = s.clock.duration(s.interp.delay)
	st.InterpStarved = s.interp.starvedCount
	st.PredictedTicks = int(s.pred.newest - s.pred.ack)
	s.reconnectingLocked(&st)
	return st
}
