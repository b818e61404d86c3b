package soak

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
	"regexp"
	"strconv"
	"syscall"
	"time"

	"arena/client/bot/procstat"
)

// serverProc is the gameserver binary running as a subprocess on loopback.
type serverProc struct {
	cmd     *exec.Cmd
	addr    string // host:port of the game
	pprof   string // host:port of the profiler
	logPath string // the server's stderr (JSON logs)
	exited  chan struct{}
	waitErr error // valid once exited is closed
	http    *http.Client
	args    []string // the command line after the binary
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

// freePort returns a 127.0.0.1 port nobody listened on a moment ago.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startServer runs bin on free loopback ports, the profiler on another,
// its logs into dir, and waits until it answers /healthz.
func startServer(ctx context.Context, bin, dir string, extra ...string) (*serverProc, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	pprof, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &serverProc{addr: addr, pprof: pprof, logPath: filepath.Join(dir, "gameserver.log"),
		exited: make(chan struct{}), http: &http.Client{Timeout: 30 * time.Second}}
	p.args = append([]string{"-addr", addr, "-pprof", pprof, "-log-format", "json"}, extra...)
	logFile, err := os.Create(p.logPath)
	if err != nil {
		return nil, err
	}
	p.cmd = exec.Command(bin, p.args...)
	p.cmd.Stdout, p.cmd.Stderr = logFile, logFile
	if err := p.cmd.Start(); err != nil {
		logFile.Close()
		return nil, err
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		logFile.Close()
		close(p.exited)
	}()
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := p.http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("gameserver exited at start (%v); its log: %s", p.waitErr, p.logPath)
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

// url is the game's WebSocket URL.
func (p *serverProc) url() string { return "ws://" + p.addr + "/ws" }

// stop sends SIGTERM (a clean stop: every client gets 1001), and kills the
// process if it has not exited 15 s later. It returns how the process
// ended.
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

// serverFigures is what the server process costs at one moment.
type serverFigures struct {
	HeapInuse  uint64 `json:"heap_inuse_bytes"` // runtime.MemStats.HeapInuse after a forced GC
	Goroutines int    `json:"goroutines"`
	RSS        uint64 `json:"rss_bytes"` // VmRSS
	Rooms      int    `json:"rooms"`
	Players    int    `json:"players"` // seated, held seats included
}

var (
	heapInuseRe  = regexp.MustCompile(`(?m)^# HeapInuse = (\d+)$`)
	goroutinesRe = regexp.MustCompile(`^goroutine profile: total (\d+)`)
)

// figures reads the server's heap after forcing a collection (the heap
// profile's ?gc=1, twice, so what the first one queued for finalizers is
// gone too), its goroutines, its RSS and its rooms.
func (p *serverProc) figures() (serverFigures, error) {
	var f serverFigures
	var heap []byte
	for range 2 {
		var err error
		if heap, err = p.get("http://" + p.pprof + "/debug/pprof/heap?gc=1&debug=1"); err != nil {
			return f, err
		}
	}
	m := heapInuseRe.FindSubmatch(heap)
	if m == nil {
		return f, errors.New("heap profile without a HeapInuse line")
	}
	f.HeapInuse, _ = strconv.ParseUint(string(m[1]), 10, 64)
	g, err := p.get("http://" + p.pprof + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return f, err
	}
	if m := goroutinesRe.FindSubmatch(g); m != nil {
		f.Goroutines, _ = strconv.Atoi(string(m[1]))
	} else {
		return f, errors.New("goroutine profile without a total")
	}
	rssKiB, err := procstat.RSSKiB(p.cmd.Process.Pid)
	if err != nil {
		return f, err
	}
	f.RSS = uint64(rssKiB) << 10
	f.Rooms, f.Players, err = p.rooms()
	return f, err
}

// rooms returns how many rooms the server has open and how many players
// they seat.
func (p *serverProc) rooms() (rooms, players int, err error) {
	b, err := p.get("http://" + p.addr + "/rooms")
	if err != nil {
		return 0, 0, err
	}
	var list []struct{ Players int }
	if err := json.Unmarshal(b, &list); err != nil {
		return 0, 0, fmt.Errorf("/rooms: %w", err)
	}
	for _, r := range list {
		players += r.Players
	}
	return len(list), players, nil
}

func (p *serverProc) get(url string) ([]byte, error) {
	resp, err := p.http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return b, err
}
