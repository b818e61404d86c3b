package impair_test

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"arena/netcode/impair"
)

// echoServer accepts on ln and echoes what each connection sends.
func echoServer(t *testing.T, ln net.Listener) {
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
}

// roundTrip writes a byte to c and waits for its echo.
func roundTrip(t *testing.T, c net.Conn) time.Duration {
	t.Helper()
	start := time.Now()
	if _, err := c.Write([]byte{7}); err != nil {
		t.Fatal(err)
	}
	readFull(t, c, make([]byte, 1))
	return time.Since(start)
}

var asymmetric = impair.Config{
	Up:   impair.Link{Latency: 60 * time.Millisecond},
	Down: impair.Link{Latency: 20 * time.Millisecond},
}

func TestListen(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	echoServer(t, impair.Listen(ln, asymmetric))
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for range 3 {
		within(t, "a round trip", roundTrip(t, c), 80*time.Millisecond, 80*time.Millisecond+slack)
	}
}

func TestDialer(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	echoServer(t, ln)
	dial := impair.Dialer(asymmetric)
	start := time.Now()
	c, err := dial(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	within(t, "connecting (one round trip)", time.Since(start), 80*time.Millisecond, 80*time.Millisecond+slack)
	for range 3 {
		within(t, "a round trip", roundTrip(t, c), 80*time.Millisecond, 80*time.Millisecond+slack)
	}

	// A context that ends during the connect's round trip ends the dial.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if c, err := dial(ctx, "tcp", ln.Addr().String()); err == nil {
		c.Close()
		t.Error("dial with a context ending before the round trip succeeded")
	}
}
