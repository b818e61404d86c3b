package server

// Limits at the edge: how many connections the server holds in all and
// per client address, and how fast one address may open them. A refused
// connection completes the WebSocket handshake and is closed at once with
// 1013 (try again later) and a reason that says which limit it met, so a
// browser, which cannot see an HTTP status, can tell its player why.
//
// The host's own machine (loopback addresses) is exempt from the
// per-address limits unless Limits.LimitLoopback is set: local bot swarms
// and tests connect hundreds of times from 127.0.0.1.

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// Defaults of Limits.
const (
	DefaultMaxConns        = 10000
	DefaultMaxConnsPerAddr = 32
	DefaultJoinsPerAddr    = 10 // per second, with a burst of twice that
	// DefaultMessagesPerSec and DefaultBytesPerSec are what one
	// connection may send on average (ratelimit.go); an honest client
	// sends about 31 messages and 1 KB a second.
	DefaultMessagesPerSec = 120
	DefaultBytesPerSec    = 32 << 10
)

// Limits configures the connection limits; zero fields take defaults, a
// negative one means no limit.
type Limits struct {
	// MaxConns caps the WebSocket connections the server holds at once.
	MaxConns int
	// MaxConnsPerAddr caps them per client address.
	MaxConnsPerAddr int
	// JoinsPerAddr is how many connections per second one address may
	// open, on average (a token bucket with a burst of twice as many).
	JoinsPerAddr int
	// TrustedProxies are the addresses of reverse proxies whose
	// X-Forwarded-For header names the client: the rightmost address in
	// it that is not itself a trusted proxy.
	TrustedProxies []netip.Prefix
	// LimitLoopback applies the per-address limits to loopback clients too.
	LimitLoopback bool
	// MessagesPerSec and BytesPerSec cap what one connection sends, on
	// average, with a burst of a second's worth (ratelimit.go): a client
	// over either is closed with 1008. Loopback is not exempt.
	MessagesPerSec, BytesPerSec int
}

func (l Limits) withDefaults() Limits {
	if l.MaxConns == 0 {
		l.MaxConns = DefaultMaxConns
	}
	if l.MaxConnsPerAddr == 0 {
		l.MaxConnsPerAddr = DefaultMaxConnsPerAddr
	}
	if l.JoinsPerAddr == 0 {
		l.JoinsPerAddr = DefaultJoinsPerAddr
	}
	if l.MessagesPerSec == 0 {
		l.MessagesPerSec = DefaultMessagesPerSec
	}
	if l.BytesPerSec == 0 {
		l.BytesPerSec = DefaultBytesPerSec
	}
	return l
}

// admission is the per-address state of the limits. It is guarded by
// Server.mu.
type admission struct {
	conns  int
	tokens float64 // join tokens left
	at     time.Time
}

// clientAddr returns the address a connection's limits count against: the
// peer's IP, or, from a trusted proxy, the client X-Forwarded-For names.
func (s *Server) clientAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	addr := ap.Addr().Unmap()
	if !s.trusted(addr) {
		return addr
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed hop: stop at the last proxy we trust
		}
		addr = a.Unmap()
		if !s.trusted(addr) {
			break
		}
	}
	return addr
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.cfg.Limits.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// admitLocked counts a new connection from addr against the limits and
// returns "" when it may stay, or why not. The caller holds s.mu.
func (s *Server) admitLocked(addr netip.Addr, now time.Time) string {
	l := &s.cfg.Limits
	if l.MaxConns > 0 && len(s.conns) >= l.MaxConns {
		return fmt.Sprintf("server full: %d connections", l.MaxConns)
	}
	if !addr.IsValid() || (addr.IsLoopback() && !l.LimitLoopback) {
		return ""
	}
	a := s.addrs[addr]
	if a == nil {
		a = &admission{tokens: 2 * float64(max(l.JoinsPerAddr, 0)), at: now}
	}
	if l.JoinsPerAddr > 0 {
		rate := float64(l.JoinsPerAddr)
		a.tokens = min(2*rate, a.tokens+now.Sub(a.at).Seconds()*rate)
		a.at = now
		if a.tokens < 1 {
			s.keepAddrLocked(addr, a)
			return fmt.Sprintf("too many connections from your address: at most %d a second", l.JoinsPerAddr)
		}
	}
	if l.MaxConnsPerAddr > 0 && a.conns >= l.MaxConnsPerAddr {
		s.keepAddrLocked(addr, a)
		return fmt.Sprintf("too many connections from your address: at most %d at once", l.MaxConnsPerAddr)
	}
	a.tokens--
	a.conns++
	s.keepAddrLocked(addr, a)
	return ""
}

// keepAddrLocked stores a; the table forgets addresses with no connection
// whose join bucket is full again once it grows large, so it stays bounded
// by the addresses connected or recently refused.
func (s *Server) keepAddrLocked(addr netip.Addr, a *admission) {
	s.addrs[addr] = a
	if len(s.addrs) < 4096 {
		return
	}
	now := s.clock.Now()
	full := 2 * float64(max(s.cfg.Limits.JoinsPerAddr, 0))
	for k, v := range s.addrs {
		if v.conns == 0 && (v.tokens+now.Sub(v.at).Seconds()*float64(s.cfg.Limits.JoinsPerAddr) >= full) {
			delete(s.addrs, k)
		}
	}
}

// releaseLocked ends a connection's count. The caller holds s.mu.
func (s *Server) releaseLocked(addr netip.Addr) {
	if a := s.addrs[addr]; a != nil && a.conns > 0 {
		a.conns--
	}
}

// ParseTrustedProxies parses a comma-separated list of addresses and CIDR
// prefixes ("10.0.0.0/8,192.168.1.1"), for Limits.TrustedProxies.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or prefix", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}
