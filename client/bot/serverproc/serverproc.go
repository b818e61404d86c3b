package serverproc

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// startTimeout is how long Start waits for /healthz, and stopTimeout how
// long Stop waits after SIGTERM before it kills.
const (
	startTimeout = 15 * time.Second
	stopTimeout  = 15 * time.Second
)

// Build builds the gameserver (without cgo, as `make server` does) into
// dir and returns the binary's path.
func Build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "gameserver")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "arena/server/cmd/gameserver")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build gameserver: %v\n%s", err, out)
	}
	return bin, nil
}

// HasFlag reports whether bin's usage lists -name.
func HasFlag(bin, name string) bool {
	out, _ := exec.Command(bin, "-h").CombinedOutput()
	return strings.Contains(string(out), "  -"+name+" ")
}

// FreeAddr returns a 127.0.0.1 address nobody listened on a moment ago.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Proc is a running gameserver.
type Proc struct {
	Addr    string       // host:port of the game (-addr)
	Args    []string     // the command line after the binary
	LogPath string       // where its stdout and stderr go
	HTTP    *http.Client // what Get uses

	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error // valid once exited is closed
}

// Start runs bin -addr <a free loopback port> -log-format json args...,
// its output into dir/gameserver.log, and waits until it answers /healthz.
// It fails when the process exits first (the error holds its log), when
// ctx ends, or after 15 s; then the process is stopped.
func Start(ctx context.Context, bin, dir string, args ...string) (*Proc, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	p := &Proc{Addr: addr, LogPath: filepath.Join(dir, "gameserver.log"),
		HTTP: &http.Client{Timeout: 30 * time.Second}, exited: make(chan struct{})}
	p.Args = append([]string{"-addr", addr, "-log-format", "json"}, args...)
	logFile, err := os.Create(p.LogPath)
	if err != nil {
		return nil, err
	}
	p.cmd = exec.Command(bin, p.Args...)
	p.cmd.Stdout, p.cmd.Stderr = logFile, logFile
	if err := p.cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		logFile.Close()
		close(p.exited)
	}()
	deadline := time.Now().Add(startTimeout)
	for {
		if _, err := p.Get("http://" + addr + "/healthz"); err == nil {
			return p, nil
		}
		select {
		case <-p.exited:
			log, _ := os.ReadFile(p.LogPath)
			return nil, fmt.Errorf("gameserver exited at start (%v): %s", p.waitErr, strings.TrimSpace(string(log)))
		case <-ctx.Done():
			p.Stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.Stop()
			return nil, fmt.Errorf("gameserver did not answer /healthz within %v; its log: %s", startTimeout, p.LogPath)
		}
	}
}

// PID is the server's process id.
func (p *Proc) PID() int { return p.cmd.Process.Pid }

// URL is the game's WebSocket URL.
func (p *Proc) URL() string { return "ws://" + p.Addr + "/ws" }

// Stop sends SIGTERM (a clean stop: every client gets 1001) and kills the
// process if it has not exited 15 s later. It returns how the process
// ended; a second Stop returns the same.
func (p *Proc) Stop() error {
	select {
	case <-p.exited:
		return p.waitErr
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		return p.waitErr
	case <-time.After(stopTimeout):
		_ = p.cmd.Process.Kill()
		<-p.exited
		return fmt.Errorf("gameserver did not stop within %v of SIGTERM: killed", stopTimeout)
	}
}

// Get fetches url with p.HTTP and returns its body; a status other than
// 200 is an error.
func (p *Proc) Get(url string) ([]byte, error) {
	resp, err := p.HTTP.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return b, nil
}
