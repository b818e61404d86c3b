package server_test

import (
	"context"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// TestSlowConsumerIsCut: a client that never reads (and floods Pings, so
// the server has plenty to send it) is closed with 4003, and meanwhile
// another client's snapshots keep their rate.
func TestSlowConsumerIsCut(t *testing.T) {
	// Not parallel: it measures a real-time rate, so it runs before the
	// parallel tests instead of competing with them for the CPU.
	srv, hs, url := startServer(t, func(c *server.Config) {
		c.WriteTimeout = 300 * time.Millisecond
		c.SendQueue = 8
	})
	honest := join(t, url, "honest")

	// A tiny receive buffer so the server's writes back up quickly.
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

	// Send Pings without ever reading: with the tiny receive buffer a few
	// hundred Pongs fill the pipe, the server's writer blocks and its
	// reliable queue overflows. (Bounded, so the flood does not eat the
	// CPU the honest client's measurement needs.)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		enc := netcode.NewEncoder()
		for i := range uint64(5000) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			err := slow.Write(ctx, websocket.MessageBinary, enc.Ping(&netcode.Ping{ClientTime: i}))
			cancel()
			if err != nil {
				return
			}
		}
	}()

	from := honest.snapshotCount()
	t0 := time.Now()
	time.Sleep(time.Second)
	checkSnapshotRate(t, "honest", honest, from, honest.snapshotCount(), time.Since(t0), 60, 30)
	if err := honest.closed(); err != nil {
		t.Fatalf("honest client closed: %v", err)
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
	<-stopped
}

func transportWithDialer(d *net.Dialer) *http.Transport {
	return &http.Transport{DialContext: d.DialContext}
}
