package client

// Round trips: a Ping every second; the server answers in the own section
// of its next snapshot, with how long it held the Ping, which gives the
// round-trip time (see clock.go for what it is used for).

import (
	"context"
	"math/rand/v2"
	"time"

	"arena/netcode"
)

// pingInterval is the mean time between two Pings.
const pingInterval = time.Second

// The server reads a Ping at its next tick, so a sample includes the wait
// for it (up to a tick). Welcome arrives just after a tick starts, and a
// second is a whole number of ticks: Pings at exact seconds from then
// would all land just after a tick and always wait nearly a whole one.
// Each interval is therefore spread over a tick's length.
func (s *Session) nextPing() time.Duration {
	tick := time.Second / time.Duration(s.tickRate())
	return pingInterval - tick/2 + rand.N(tick)
}

// pingLoop sends a Ping at once and then about every pingInterval until
// ctx ends (the link's senders stop).
func (s *Session) pingLoop(ctx context.Context, l *link) {
	defer close(l.pingDone)
	t := time.NewTimer(s.nextPing())
	defer t.Stop()
	for {
		s.encMu.Lock()
		err := s.out.push(s.enc.Ping(&netcode.Ping{ClientTime: uint64(time.Since(s.start).Microseconds())}), false)
		s.encMu.Unlock()
		if err != nil {
			s.log.Debug("send ping", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			t.Reset(s.nextPing())
		}
	}
}

// pongLocked takes an RTT sample from a Pong. The caller holds mu.
func (s *Session) pongLocked(p *netcode.Pong, now time.Time) {
	sent := time.Duration(p.ClientTime) * time.Microsecond
	hold := time.Duration(p.HoldMicros) * time.Microsecond
	since := now.Sub(s.start)
	rtt := since - sent - hold
	if sent > since || rtt < 0 {
		return // not a time we sent
	}
	s.stats.PongsReceived++
	s.stats.LastRTT = rtt
	if s.stats.RTT == 0 {
		s.stats.RTT = rtt
	} else {
		s.stats.RTT += (rtt - s.stats.RTT) / 8
	}
	s.stats.MinRTT = s.clock.addRTT(rtt)
}
