package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"arena/netcode"
	"arena/netcode/wstest"
	"arena/server/agones/agonestest"
)

// gameserverProc is the real gameserver binary running as a child process.
type gameserverProc struct {
	cmd  *exec.Cmd
	addr string // host:port it listens on
	done chan struct{}
	err  error // Wait's, once done is closed

	mu   sync.Mutex
	logs []map[string]any
}

// buildGameserver builds the gameserver binary into dir, without cgo as
// the Dockerfile does.
func buildGameserver(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "gameserver")
	cmd := exec.Command("go", "build", "-o", bin, "arena/server/cmd/gameserver")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build gameserver: %v\n%s", err, out)
	}
	return bin
}

// freePort returns a port that was free a moment ago on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startGameserver runs bin with args on 127.0.0.1:port with JSON logs and
// the extra environment env, waits for its "listening" line, and kills it
// at the end of the test if it is still running.
func startGameserver(t *testing.T, bin string, port int, env []string, args ...string) *gameserverProc {
	t.Helper()
	args = append([]string{"-addr", "127.0.0.1", "-port", strconv.Itoa(port), "-log-format", "json"}, args...)
	p := &gameserverProc{cmd: exec.Command(bin, args...), done: make(chan struct{}),
		addr: "127.0.0.1:" + strconv.Itoa(port)}
	p.cmd.Env = append(os.Environ(), env...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	listening := make(chan struct{})
	go func() {
		lines := bufio.NewScanner(stderr)
		once := sync.Once{}
		for lines.Scan() {
			var rec map[string]any
			if json.Unmarshal(lines.Bytes(), &rec) != nil {
				rec = map[string]any{"msg": lines.Text()}
			}
			p.mu.Lock()
			p.logs = append(p.logs, rec)
			p.mu.Unlock()
			if rec["msg"] == "listening" {
				once.Do(func() { close(listening) })
			}
		}
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill() // this test's child, by its PID
			<-p.done
		}
	})
	select {
	case <-listening:
	case <-p.done:
		t.Fatalf("gameserver exited before listening: %v; logs %v", p.err, p.logLines())
	case <-time.After(15 * time.Second):
		t.Fatalf("gameserver not listening after 15 s; logs %v", p.logLines())
	}
	return p
}

func (p *gameserverProc) logLines() []map[string]any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]map[string]any(nil), p.logs...)
}

// wait waits up to d for the process to exit and returns its error.
func (p *gameserverProc) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-p.done:
		return p.err
	case <-time.After(d):
		t.Fatalf("gameserver still running %v later; logs %v", d, p.logLines())
		return nil
	}
}

// joinRaw joins the server with a bare WebSocket Hello and waits for
// Welcome.
func joinRaw(t *testing.T, addr, name string) *wstest.Conn {
	t.Helper()
	ws, err := wstest.Dial(addr, "/ws", netcode.Subprotocol)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.WriteMessage(netcode.NewEncoder().Hello(&netcode.Hello{Version: netcode.Version, Name: name})); err != nil {
		t.Fatal(err)
	}
	_ = ws.Raw().SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := ws.ReadMessage(); err != nil { // Welcome
		t.Fatalf("no Welcome: %v", err)
	}
	return ws
}

// readClose reads (skipping snapshots) until the close frame, without
// answering it, and returns its code.
func readClose(t *testing.T, ws *wstest.Conn) uint16 {
	t.Helper()
	_ = ws.Raw().SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, err := ws.ReadMessage()
		var ce *wstest.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		if err != nil {
			t.Fatalf("reading until the close frame: %v", err)
		}
	}
}

// startSidecar serves a fake sidecar's handler on 127.0.0.1:port (0: any)
// and returns the port.
func startSidecar(t *testing.T, h http.Handler, port int) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(h)
	hs.Listener = ln
	hs.Start()
	t.Cleanup(hs.Close)
	return ln.Addr().(*net.TCPAddr).Port
}

// waitUntil polls cond every 20 ms for up to d.
func waitUntil(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// callPaths returns "METHOD /path" of each call.
func callPaths(calls []agonestest.Call) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.String()
	}
	return out
}

// readyzStatus returns /readyz's status, or 0 when nothing answers.
func readyzStatus(addr string) int {
	c := http.Client{Timeout: time.Second}
	resp, err := c.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// sigterm sends SIGTERM to the process, by its PID.
func (p *gameserverProc) sigterm(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
}
