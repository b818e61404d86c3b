package server

import (
	"net/netip"
	"sync"
	"time"
)

// matchLimiter bounds how fast one client address may ask /match. With
// several processes each answer holds a seat for a while, so a client that
// asked in a loop could make every room look full; it gets the budget of
// connections per address (Limits.JoinsPerAddr a second, bursts of twice
// that), since a player asks once per join. Loopback is exempt unless
// Limits.LimitLoopback, as for connections.
type matchLimiter struct {
	rate     float64 // per second; 0: no limit
	loopback bool    // limit loopback addresses too
	clock    Clock

	mu    sync.Mutex // mu guards addrs
	addrs map[netip.Addr]*matchBucket
}

// matchBucket is one address's tokens at a moment.
type matchBucket struct {
	tokens float64
	at     time.Time
}

// maxMatchAddrs is the size past which the table forgets addresses whose
// bucket is full again.
const maxMatchAddrs = 4096

func newMatchLimiter(l Limits, clock Clock) *matchLimiter {
	return &matchLimiter{rate: float64(max(l.JoinsPerAddr, 0)), loopback: l.LimitLoopback, clock: clock,
		addrs: make(map[netip.Addr]*matchBucket)}
}

// allow spends one token of addr's bucket; it reports false, spending
// nothing, when the bucket is empty.
func (m *matchLimiter) allow(addr netip.Addr) bool {
	if m.rate == 0 || !addr.IsValid() || (addr.IsLoopback() && !m.loopback) {
		return true
	}
	now := m.clock.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	b := m.addrs[addr]
	if b == nil {
		if len(m.addrs) >= maxMatchAddrs {
			m.pruneLocked(now)
		}
		b = &matchBucket{tokens: 2 * m.rate, at: now}
		m.addrs[addr] = b
	}
	b.tokens = min(2*m.rate, b.tokens+now.Sub(b.at).Seconds()*m.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// pruneLocked forgets the addresses whose bucket is full again.
func (m *matchLimiter) pruneLocked(now time.Time) {
	for a, b := range m.addrs {
		if b.tokens+now.Sub(b.at).Seconds()*m.rate >= 2*m.rate {
			delete(m.addrs, a)
		}
	}
}
