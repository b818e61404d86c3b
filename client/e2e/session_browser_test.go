//go:build linux

package e2e_test

// How the browser client's session ends, through the page's own WebSocket
// (client/internal/ws under js): a link lost without a close frame is
// resumed on a new connection into the same seat; a close frame from the
// server that keeps no seat (shutdown's 1001) ends the session, with no
// resume attempt.

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// cutProxy forwards TCP connections from its own loopback port to target
// and can cut them all at once, as a lost link does.
type cutProxy struct {
	l      net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
}

func startCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{l: l, target: target}
	t.Cleanup(func() { l.Close(); p.cut() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.forward(c)
		}
	}()
	return p
}

func (p *cutProxy) forward(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, c, s)
	p.mu.Unlock()
	go func() { io.Copy(s, c); s.Close() }()
	io.Copy(c, s)
	c.Close()
}

// cut closes every forwarded connection: the browser sees its WebSocket
// end without a close frame.
func (p *cutProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *cutProxy) url() string { return "http://" + p.l.Addr().String() }

// sockets counts the page's WebSockets from DevTools' events.
type sockets struct {
	mu              sync.Mutex
	created, closed int
	urls            []string
}

func (s *sockets) counts() (created, closed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created, s.closed
}

// seen returns the URLs of the WebSockets created so far.
func (s *sockets) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.urls...)
}

// playersNamed counts the players named name in the server's rooms (its
// admin feed: /rooms names nobody).
func playersNamed(t *testing.T, base, name string) int {
	n := 0
	for _, r := range adminRooms(t, base) {
		for _, got := range r.Names {
			if strings.EqualFold(got, name) {
				n++
			}
		}
	}
	return n
}

// TestBrowserSessionResumesAndEnds: in headless Chromium, cutting the
// page's connection (no close frame) makes the client resume on a new
// WebSocket into the same seat; shutting the server down (close 1001)
// ends the session without another connection attempt.
func TestBrowserSessionResumesAndEnds(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	bin := goBuild(t, "./server/cmd/gameserver", t.TempDir(), "CGO_ENABLED=0")
	port, adminPort := freePort(t), freePort(t)
	cmd := exec.Command(bin, "-addr", "127.0.0.1", "-port", fmt.Sprint(port),
		"-admin-addr", fmt.Sprintf("127.0.0.1:%d", adminPort), "-min-players", "0")
	exited := startProcess(t, cmd, "gameserver.log")
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	adminOf.Store(base, fmt.Sprintf("http://127.0.0.1:%d", adminPort))
	waitFor(t, 20*time.Second, "server healthy", func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	proxy := startCutProxy(t, fmt.Sprintf("127.0.0.1:%d", port))

	ctx := newBrowser(t, chromium)
	ws := &sockets{}
	if err := chromedp.Listen(ctx, func(ev any) {
		ws.mu.Lock()
		defer ws.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventWebSocketCreated:
			ws.created++
			ws.urls = append(ws.urls, ev.URL)
		case *network.EventWebSocketClosed:
			ws.closed++
		}
	}); err != nil {
		t.Fatal(err)
	}
	const name = "resumer"
	if err := chromedp.Do(ctx, chromedp.Navigate(proxy.url()+"/?name="+name)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, "the browser player in /rooms", func() bool { return playersNamed(t, base, name) == 1 })
	if urls := ws.seen(); len(urls) != 1 || !strings.Contains(urls[0], proxy.l.Addr().String()) {
		t.Fatalf("WebSockets before the cut: %v; want one, through the proxy %s", urls, proxy.l.Addr())
	}

	proxy.cut()
	waitFor(t, 20*time.Second, "a second WebSocket (the resume)", func() bool {
		created, _ := ws.counts()
		return created >= 2
	})
	// Resumed into the seat it had: still one player of that name, who
	// stays (a refused resume would join afresh or end).
	time.Sleep(2 * time.Second)
	if n := playersNamed(t, base, name); n != 1 {
		t.Errorf("%d players named %s after the resume, want 1", n, name)
	}
	created, _ := ws.counts()

	syscall.Kill(cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop on SIGTERM")
	}
	waitFor(t, 10*time.Second, "the page's WebSocket closed", func() bool {
		c, closed := ws.counts()
		return closed >= c
	})
	time.Sleep(3 * time.Second) // a resume would start within a second or two
	if after, _ := ws.counts(); after != created {
		t.Errorf("%d new WebSockets after the server's close 1001 (urls %v); want none: that close keeps no seat",
			after-created, ws.seen())
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		saveArtifact(t, "session-ended.png", shot)
	}
}
