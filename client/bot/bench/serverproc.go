package main

// The gameserver binary as a subprocess on loopback.

import (
	"context"
	"encoding/json"
	"errors"
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

// serverProc is a running gameserver.
type serverProc struct {
	cmd     *exec.Cmd
	addr    string // host:port of the game
	admin   string // host:port of -admin-addr (/metrics, pprof); "" without
	pprof   string // host:port of -pprof, when there is no admin listener
	logPath string
	exited  chan struct{}
	waitErr error // valid once exited is closed
	http    *http.Client
}

// buildServer builds the gameserver (without cgo, as `make server` does)
// into dir and returns the binary's path.
func buildServer(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "gameserver")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "arena/server/cmd/gameserver")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build gameserver: %v\n%s", err, out)
	}
	return bin, nil
}

// hasFlag reports whether bin's usage lists -name.
func hasFlag(bin, name string) bool {
	out, _ := exec.Command(bin, "-h").CombinedOutput()
	return strings.Contains(string(out), "  -"+name+" ")
}

// freePort returns a 127.0.0.1 address nobody listened on a moment ago.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startServer runs bin -mode bench on free loopback ports (with the admin
// listener when bin has one, else -pprof), its logs into dir, and waits
// until it answers /healthz.
func startServer(ctx context.Context, bin, dir string) (*serverProc, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	side, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &serverProc{addr: addr, logPath: filepath.Join(dir, "gameserver.log"),
		exited: make(chan struct{}), http: &http.Client{Timeout: 30 * time.Second}}
	args := []string{"-mode", "bench", "-addr", addr, "-log-format", "json"}
	if hasFlag(bin, "admin-addr") {
		p.admin = side
		args = append(args, "-admin-addr", side)
	} else {
		p.pprof = side
		args = append(args, "-pprof", side)
	}
	logFile, err := os.Create(p.logPath)
	if err != nil {
		return nil, err
	}
	p.cmd = exec.Command(bin, args...)
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
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := p.get("http://" + addr + "/healthz"); err == nil {
			return p, nil
		}
		select {
		case <-p.exited:
			log, _ := os.ReadFile(p.logPath)
			return nil, fmt.Errorf("gameserver exited at start (%v): %s", p.waitErr, strings.TrimSpace(string(log)))
		case <-ctx.Done():
			p.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("gameserver did not answer /healthz within 15s; its log: %s", p.logPath)
		}
	}
}

// pid is the server's process id.
func (p *serverProc) pid() int { return p.cmd.Process.Pid }

// url is the game's WebSocket URL.
func (p *serverProc) url() string { return "ws://" + p.addr + "/ws" }

// profileURL is where the server's CPU profile is served, "" if nowhere.
func (p *serverProc) profileURL(d time.Duration) string {
	host := p.admin
	if host == "" {
		host = p.pprof
	}
	return fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", host, int(d.Seconds()))
}

// stop sends SIGTERM and kills the process if it has not exited 15 s
// later.
func (p *serverProc) stop() error {
	select {
	case <-p.exited:
		return p.waitErr
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		return p.waitErr
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
		return errors.New("gameserver did not stop within 15s of SIGTERM: killed")
	}
}

// roomSample is what /rooms says of one room.
type roomSample struct {
	Players int `json:"players"`
	// TickRateAchieved is nil when the server does not report it.
	TickRateAchieved *float64 `json:"tick_rate_achieved"`
}

// rooms reads /rooms.
func (p *serverProc) rooms() ([]roomSample, error) {
	b, err := p.get("http://" + p.addr + "/rooms")
	if err != nil {
		return nil, err
	}
	var rs []roomSample
	if err := json.Unmarshal(b, &rs); err != nil {
		return nil, fmt.Errorf("/rooms: %w", err)
	}
	return rs, nil
}

// metrics scrapes the admin listener's /metrics; nil without one.
func (p *serverProc) metrics() (map[string]histogram, error) {
	if p.admin == "" {
		return nil, nil
	}
	b, err := p.get("http://" + p.admin + "/metrics")
	if err != nil {
		return nil, err
	}
	return parseHistograms(b)
}

func (p *serverProc) get(url string) ([]byte, error) {
	resp, err := p.http.Get(url)
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
