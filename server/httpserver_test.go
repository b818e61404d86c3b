package server_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/server"
)

// httpTestLimits are short limits, so the tests see them act quickly.
var httpTestLimits = server.HTTPLimits{HeaderTimeout: 300 * time.Millisecond, MaxHeaderBytes: 4096, IdleTimeout: 300 * time.Millisecond}

// serveHTTP serves a new Server's Handler through server.HTTPServer with l
// on each listener until the test ends, and returns the Server.
func serveHTTP(t *testing.T, l server.HTTPLimits, lns ...net.Listener) *server.Server {
	t.Helper()
	srv, err := server.New(server.Config{Maps: testMaps(), MapName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	hs := server.HTTPServer(srv.Handler(), l)
	done := make(chan struct{}, len(lns))
	for _, ln := range lns {
		go func() {
			_ = hs.Serve(ln)
			done <- struct{}{}
		}()
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		_ = hs.Close()
		for range lns {
			<-done
		}
	})
	return srv
}

// readUntilClosed reads c until the server closes it and returns what it
// read and how long that took; it fails the test after 5 s.
func readUntilClosed(t *testing.T, c net.Conn) (string, time.Duration) {
	t.Helper()
	start := time.Now()
	_ = c.SetReadDeadline(start.Add(5 * time.Second))
	b, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server did not close the connection in 5 s (read %q)", b)
	}
	return string(b), time.Since(start)
}

// TestHTTPServerHeaderLimits: headers under MaxHeaderBytes are served;
// headers far over it get 431; a client that sends its headers a byte at
// a time is cut at HeaderTimeout; a keep-alive connection left idle is
// closed after IdleTimeout.
func TestHTTPServerHeaderLimits(t *testing.T) {
	t.Parallel()
	ln := newLocalListener(t)
	serveHTTP(t, httpTestLimits, ln)
	addr := ln.Addr().String()
	url := "http://" + addr + "/healthz"

	get := func(header int) int {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("X-Padding", strings.Repeat("a", header))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(2000); got != http.StatusOK {
		t.Errorf("2000 bytes of headers: %d, want 200", got)
	}
	// net/http reads MaxHeaderBytes plus 4 KiB of buffer before refusing.
	if got := get(3 * httpTestLimits.MaxHeaderBytes); got != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("%d bytes of headers: %d, want 431", 3*httpTestLimits.MaxHeaderBytes, got)
	}

	// Slowloris: a header byte every 20 ms, forever.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
			return
		}
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := c.Write([]byte{'z'}); err != nil {
				return
			}
		}
	}()
	got, took := readUntilClosed(t, c)
	if strings.Contains(got, "200 OK") || took > 3*time.Second {
		t.Errorf("slowloris: cut after %v having read %q; want a cut after about %v", took, got, httpTestLimits.HeaderTimeout)
	}
	t.Logf("slowloris cut after %v", took.Round(time.Millisecond))

	// An idle keep-alive connection.
	k, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if _, err := io.WriteString(k, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(k), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("keep-alive request: %v %v", resp, err)
	}
	resp.Body.Close()
	// The response was read whole: what follows is the idle wait.
	_, idle := readUntilClosed(t, k)
	if idle > 3*time.Second {
		t.Errorf("an idle keep-alive connection was closed after %v, want about %v", idle, httpTestLimits.IdleTimeout)
	}
	t.Logf("idle keep-alive connection closed after %v", idle.Round(time.Millisecond))
}

// noFDListener hides the socket of what it accepts, so the server cannot
// hand it to its room: the connection stays on the reader goroutine path
// (as TLS and impaired connections do), where net/http's deadlines would
// still be on the net.Conn.
type noFDListener struct{ net.Listener }

func (l noFDListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return struct{ net.Conn }{c}, nil
}

// TestWebSocketOutlivesHTTPTimeouts: a player keeps playing for many times
// the header and idle timeouts, on both read paths (the room polling its
// socket, and the reader goroutine): no HTTP deadline survives the upgrade.
func TestWebSocketOutlivesHTTPTimeouts(t *testing.T) {
	t.Parallel()
	polled, goroutine := newLocalListener(t), noFDListener{newLocalListener(t)}
	serveHTTP(t, httpTestLimits, polled, goroutine)
	play := 5 * httpTestLimits.HeaderTimeout
	var clients []*client
	for _, ln := range []net.Listener{polled, goroutine} {
		clients = append(clients, join(t, "ws://"+ln.Addr().String()+"/ws", "player"))
	}
	for end := time.Now().Add(play); time.Now().Before(end); {
		for _, c := range clients {
			c.sendInput(game.Input{MoveX: 10})
		}
		time.Sleep(33 * time.Millisecond) // the input pace, not synchronisation
	}
	for i, c := range clients {
		path := []string{"polled", "reader goroutine"}[i]
		before := c.snapshotCount()
		waitFor(t, 5*time.Second, path+": five more snapshots", func() bool {
			return c.snapshotCount() >= before+5 || c.closed() != nil
		})
		if err := c.closed(); err != nil {
			t.Errorf("%s: closed after playing %v: %v", path, play, err)
		}
	}
}
