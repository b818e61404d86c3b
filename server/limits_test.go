package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// refused dials url (with headers) and reports the close reason when the
// server closes the connection at once with 1013, or "" when it keeps it
// (Hello answered with Welcome).
func refused(t *testing.T, url string, h http.Header) (reason string, ws *websocket.Conn) {
	t.Helper()
	ws = dialWS(t, url, &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}, HTTPHeader: h})
	write(t, ws, hello("p"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := readWelcome(ctx, ws); err != nil {
		var ce websocket.CloseError
		if !errors.As(err, &ce) {
			t.Fatalf("neither Welcome nor a close: %v", err)
		}
		if netcode.CloseCode(ce.Code) != netcode.CloseTryAgainLater {
			t.Fatalf("closed with %d %q, want 1013", ce.Code, ce.Reason)
		}
		return ce.Reason, ws
	}
	return "", ws
}

func TestConnectionsPerAddressAreCapped(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, func(c *server.Config) {
		c.Limits = server.Limits{MaxConnsPerAddr: 2, JoinsPerAddr: -1, LimitLoopback: true}
	})
	_, a := refused(t, url, nil)
	if r, _ := refused(t, url, nil); r != "" {
		t.Fatalf("second connection refused: %s", r)
	}
	r, _ := refused(t, url, nil)
	if want := "too many connections from your address: at most 2 at once"; r != want {
		t.Fatalf("third connection: reason %q, want %q", r, want)
	}
	if srv.Metrics().ConnsRefused.Load() != 1 {
		t.Errorf("ConnsRefused = %d, want 1", srv.Metrics().ConnsRefused.Load())
	}
	a.Close(websocket.StatusNormalClosure, "")
	waitFor(t, 5*time.Second, "a seat to free up", func() bool {
		r, ws := refused(t, url, nil)
		if r == "" {
			ws.CloseNow()
		}
		return r == ""
	})
}

func TestLoopbackIsExemptByDefault(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, func(c *server.Config) {
		c.Limits = server.Limits{MaxConnsPerAddr: 1, JoinsPerAddr: 1}
	})
	for i := range 4 {
		if r, _ := refused(t, url, nil); r != "" {
			t.Fatalf("loopback connection %d refused: %s", i+1, r)
		}
	}
}

func TestGlobalConnectionCap(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, func(c *server.Config) { c.Limits = server.Limits{MaxConns: 2} })
	refused(t, url, nil)
	refused(t, url, nil)
	if r, _ := refused(t, url, nil); r != "server full: 2 connections" {
		t.Fatalf("third connection: reason %q, want server full", r)
	}
}

func TestJoinsPerAddressAreRateLimited(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, func(c *server.Config) {
		c.Limits = server.Limits{JoinsPerAddr: 2, MaxConnsPerAddr: -1, LimitLoopback: true}
	})
	// A burst of twice the rate is allowed, then the bucket is empty.
	for i := range 4 {
		if r, _ := refused(t, url, nil); r != "" {
			t.Fatalf("join %d of the burst refused: %s", i+1, r)
		}
	}
	r, _ := refused(t, url, nil)
	if !strings.HasPrefix(r, "too many connections from your address: at most 2 a second") {
		t.Fatalf("fifth join: reason %q, want the rate limit", r)
	}
	time.Sleep(600 * time.Millisecond) // a token back
	if r, _ := refused(t, url, nil); r != "" {
		t.Fatalf("join after a pause refused: %s", r)
	}
}

// TestTrustedProxyForwardedFor: behind a trusted proxy, clients count by
// the address X-Forwarded-For gives; from anyone else the header is
// ignored.
func TestTrustedProxyForwardedFor(t *testing.T) {
	t.Parallel()
	proxy := netip.MustParsePrefix("127.0.0.1/32")
	_, _, url := startServer(t, func(c *server.Config) {
		c.Limits = server.Limits{MaxConnsPerAddr: 1, JoinsPerAddr: -1, LimitLoopback: true, TrustedProxies: []netip.Prefix{proxy}}
	})
	xff := func(chain string) http.Header { return http.Header{"X-Forwarded-For": {chain}} }
	if r, _ := refused(t, url, xff("203.0.113.7")); r != "" {
		t.Fatalf("first client refused: %s", r)
	}
	if r, _ := refused(t, url, xff("198.51.100.2, 127.0.0.1")); r != "" {
		t.Fatalf("a second client through a chain of proxies refused: %s", r)
	}
	if r, _ := refused(t, url, xff("203.0.113.7")); r == "" {
		t.Fatal("the first client's second connection was let in past its cap of 1")
	}

	_, _, url2 := startServer(t, func(c *server.Config) {
		c.Limits = server.Limits{MaxConnsPerAddr: 1, JoinsPerAddr: -1, LimitLoopback: true}
	})
	refused(t, url2, xff("203.0.113.7"))
	if r, _ := refused(t, url2, xff("198.51.100.2")); r == "" {
		t.Fatal("an untrusted peer's X-Forwarded-For was believed")
	}
}

func TestParseTrustedProxies(t *testing.T) {
	t.Parallel()
	got, err := server.ParseTrustedProxies(" 10.0.0.0/8, 192.168.1.1 ,::1")
	if err != nil || len(got) != 3 || got[0].String() != "10.0.0.0/8" || got[1].String() != "192.168.1.1/32" || got[2].String() != "::1/128" {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := server.ParseTrustedProxies("10.0.0.0/8,proxy.local"); err == nil || !strings.Contains(err.Error(), `"proxy.local"`) {
		t.Fatalf("bad entry: %v", err)
	}
}
