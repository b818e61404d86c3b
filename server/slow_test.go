package server_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// TestSlowConsumerIsCut: a client that never reads, in a room whose chat
// fills its socket buffers, is closed with 4003 once a write to it stalls
// past the write timeout; meanwhile another client's snapshots keep their
// rate.
func TestSlowConsumerIsCut(t *testing.T) {
	// Not parallel: it measures a real-time rate, so it runs before the
	// parallel tests instead of competing with them for the CPU.
	srv, err := server.New(server.Config{Maps: testMaps(), MapName: "test", WriteTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Small send buffers on the server's side, so a client that does not
	// read stalls the writer after a few kilobytes.
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Listener = smallSendBuffers{hs.Listener}
	hs.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		hs.Close()
	})
	url := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	honest := join(t, url, "honest")

	// A tiny receive buffer on the slow client too.
	dialer := &net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		return rc.Control(func(fd uintptr) {
			_ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		})
	}}
	httpClient := *hs.Client()
	httpClient.Transport = transportWithDialer(dialer)
	slow := dialWS(t, url, &websocket.DialOptions{
		Subprotocols: []string{netcode.Subprotocol},
		HTTPClient:   &httpClient,
	})
	write(t, slow, hello("slow"))

	// Twelve chatty players: each may say five lines at once, and every
	// line (200 bytes) rides everyone's next snapshot.
	enc := netcode.NewEncoder()
	from := honest.snapshotCount()
	t0 := time.Now()
	for i := range 12 {
		c := join(t, url, fmt.Sprintf("chatty-%d", i))
		for j := range 5 {
			write(t, c.ws, enc.Chat(&netcode.Chat{Text: fmt.Sprintf("%d.%d %s", i, j, strings.Repeat("x", 190))}))
		}
	}
	time.Sleep(time.Second)
	checkSnapshotRate(t, "honest", honest, from, honest.snapshotCount(), time.Since(t0), 60, 30)
	if err := honest.closed(); err != nil {
		t.Fatalf("honest client closed: %v", err)
	}
	if n := len(honest.eventsOf(netcode.EventChat)); n != 60 {
		t.Errorf("honest client got %d chat lines, want 60", n)
	}

	// Reading now drains what was buffered, then the close: 4003 when its
	// frame got through, or a cut connection when the buffers were full.
	code, reason := expectClose(t, slow, 10*time.Second)
	if code != 4003 && code != -1 {
		t.Errorf("slow client closed with %d %q, want 4003 (or cut)", code, reason)
	}
	t.Logf("slow client saw %d %q", code, reason)
	waitFor(t, 10*time.Second, "the server to count the slow consumer", func() bool {
		return srv.Metrics().Disconnects.Get("4003") == 1
	})
}

func transportWithDialer(d *net.Dialer) *http.Transport {
	return &http.Transport{DialContext: d.DialContext}
}

// smallSendBuffers gives every accepted TCP connection a 4 KiB send buffer.
type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}
