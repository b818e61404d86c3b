package impair

// Impairing every connection of a listener or a dialer.

import (
	"context"
	"net"
	"sync/atomic"
	"time"
)

// Listen returns l with every accepted connection impaired as the
// server's side (Server). Each connection draws from its own seed, made
// from cfg.Seed and its number, so a run is repeatable and the
// connections differ. The listener may be used concurrently, as l.
func Listen(l net.Listener, cfg Config) net.Listener {
	if !cfg.Active() {
		return l
	}
	return &listener{Listener: l, cfg: cfg}
}

type listener struct {
	net.Listener
	cfg Config
	n   atomic.Uint64 // connections accepted
}

// Accept waits for the next connection and returns it impaired.
func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	cfg := l.cfg
	cfg.Seed = connSeed(cfg.Seed, l.n.Add(1))
	return Server(c, cfg), nil
}

// Dialer returns a dial function, for http.Transport.DialContext or
// websocket dial options, whose connections are impaired as the client's
// side (Client), each with its own seed as in Listen. Connecting takes a
// round trip of the impaired link (Up.Latency + Down.Latency) after the
// real connect, as a TCP handshake over that path would. The function may
// be called concurrently.
func Dialer(cfg Config) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	var n atomic.Uint64
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil || !cfg.Active() {
			return c, err
		}
		if rtt := cfg.Up.Latency + cfg.Down.Latency; rtt > 0 {
			t := time.NewTimer(rtt)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
				c.Close()
				return nil, &net.OpError{Op: "dial", Net: network, Addr: c.RemoteAddr(), Err: ctx.Err()}
			}
		}
		own := cfg
		own.Seed = connSeed(cfg.Seed, n.Add(1))
		return Client(c, own), nil
	}
}

// connSeed mixes a connection's number into seed (splitmix64), so that
// neighbouring numbers draw unrelated streams.
func connSeed(seed, n uint64) uint64 {
	z := seed + n*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
