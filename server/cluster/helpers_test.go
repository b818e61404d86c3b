package cluster_test

// Helpers of the tests: a real redis-server and real gameserver processes
// on 127.0.0.1, each stopped by its PID at the end of the test.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"arena/server"
	"arena/server/cluster"
)

// requireRedis returns redis-server's path, or skips the test when it is
// not installed, unless ARENA_REQUIRE_REDIS is set (make test sets it):
// then its absence is a failure.
func requireRedis(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("ARENA_REQUIRE_REDIS") != "" {
			t.Fatalf("redis-server not found and ARENA_REQUIRE_REDIS is set: run `make deps` (Debian package redis-server)")
		}
		t.Skip("redis-server not installed: `make deps` installs it (set ARENA_REQUIRE_REDIS=1 to fail instead of skipping)")
	}
	return path
}

// freePort returns a TCP port that was free on 127.0.0.1 a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// redisServer is a redis-server process of one test.
type redisServer struct {
	addr   string
	port   string
	path   string
	cmd    *exec.Cmd
	rdb    *redis.Client
	out    *syncBuffer
	exited chan struct{} // closed once the process is reaped
}

// startRedis starts redis-server on a free loopback port, without
// persistence, and waits until it answers PING.
func startRedis(t *testing.T) *redisServer {
	t.Helper()
	path := requireRedis(t)
	for attempt := 0; ; attempt++ {
		port := strconv.Itoa(freePort(t))
		rs := &redisServer{addr: "127.0.0.1:" + port, port: port, path: path}
		rs.rdb = redis.NewClient(&redis.Options{Addr: rs.addr, MaxRetries: -1})
		t.Cleanup(func() { _ = rs.rdb.Close() })
		if rs.run(t) {
			return rs
		}
		if attempt == 2 {
			t.Fatalf("redis-server on %s never answered PING:\n%s", rs.addr, rs.out.String())
		}
	}
}

// run starts the process on rs's port and reports whether it answered
// PING within 5 s (false: it exited, the port was taken meanwhile).
func (rs *redisServer) run(t *testing.T) bool {
	t.Helper()
	rs.cmd = exec.Command(rs.path, "--port", rs.port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--daemonize", "no", "--loglevel", "warning", "--dir", t.TempDir())
	rs.out = &syncBuffer{}
	rs.cmd.Stdout, rs.cmd.Stderr = rs.out, rs.out
	if err := rs.cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	exited := make(chan struct{})
	rs.exited = exited
	cmd := rs.cmd
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		err := rs.rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return true
		}
		select {
		case <-exited:
			return false
		case <-time.After(20 * time.Millisecond):
		}
	}
	return false
}

// stop kills redis-server by its PID.
func (rs *redisServer) stop() {
	_ = rs.cmd.Process.Kill()
	select {
	case <-rs.exited:
	case <-time.After(5 * time.Second):
	}
}

// restart starts a fresh, empty redis-server on the same port.
func (rs *redisServer) restart(t *testing.T) {
	t.Helper()
	if !rs.run(t) {
		t.Fatalf("redis-server did not come back on %s:\n%s", rs.addr, rs.out.String())
	}
}

// gameserverBin builds the gameserver once per test binary.
var gameserverBin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "arena-cluster-test-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "gameserver")
	gobin := filepath.Join(runtimeGOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		gobin = "go"
	}
	out, err := exec.Command(gobin, "build", "-o", bin, "arena/server/cmd/gameserver").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build gameserver: %v\n%s", err, out)
	}
	return bin, nil
})

// runtimeGOROOT is the GOROOT the test was built with.
func runtimeGOROOT() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// TestMain removes the gameserver build.
func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := gameserverBin(); err == nil {
		_ = os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

// gameserver is a gameserver process of one test.
type gameserver struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:port
	ws     string // ws://127.0.0.1:port/ws
	log    *syncBuffer
	exited chan struct{}
}

var listeningURL = regexp.MustCompile(`msg=listening url=(http://[^ ]+)/ `)

// startGameserver starts the gameserver with args on a free loopback port
// and waits until it listens (and, with -redis, lists its rooms).
func startGameserver(t *testing.T, name string, args ...string) *gameserver {
	t.Helper()
	bin, err := gameserverBin()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-shutdown-timeout", "5s"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	g := &gameserver{t: t, name: name, cmd: cmd, log: &syncBuffer{}, exited: make(chan struct{})}
	ready := make(chan string, 1)
	clustered := strings.Contains(strings.Join(args, " "), "-redis ")
	go func() {
		sc := bufio.NewScanner(stderr)
		var base string
		for sc.Scan() {
			line := sc.Text()
			g.log.WriteString(line + "\n")
			if m := listeningURL.FindStringSubmatch(line); m != nil {
				base = m[1]
				if !clustered {
					ready <- base
				}
			}
			if clustered && strings.Contains(line, "msg=cluster ") {
				ready <- base
			}
		}
		_, _ = io.Copy(g.log, stderr)
		_ = cmd.Wait()
		close(g.exited)
	}()
	t.Cleanup(g.stop)
	select {
	case g.base = <-ready:
	case <-g.exited:
		t.Fatalf("%s exited at start:\n%s", name, g.log.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not start in 20 s:\n%s", name, g.log.String())
	}
	g.ws = "ws" + strings.TrimPrefix(g.base, "http") + "/ws"
	return g
}

// stop ends the process by its PID: SIGTERM, then SIGKILL after 10 s. Its
// log is printed when the test failed.
func (g *gameserver) stop() {
	select {
	case <-g.exited:
	default:
		_ = g.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-g.exited:
		case <-time.After(10 * time.Second):
			_ = g.cmd.Process.Kill()
			<-g.exited
		}
	}
	if g.t.Failed() {
		g.t.Logf("%s log:\n%s", g.name, g.log.String())
	}
}

// kill ends the process with SIGKILL: no goodbye to Redis.
func (g *gameserver) kill() {
	_ = g.cmd.Process.Kill()
	<-g.exited
}

// rooms returns the process's /rooms (scope "", local or cluster).
func (g *gameserver) rooms(scope string) []server.RoomListing {
	g.t.Helper()
	var list []server.RoomListing
	g.getJSON("/rooms?scope="+scope, &list)
	return list
}

// match returns the process's /match for wish.
func (g *gameserver) match(wish string) server.Placement {
	g.t.Helper()
	var p server.Placement
	g.getJSON("/match?room="+wish, &p)
	return p
}

func (g *gameserver) getJSON(path string, v any) {
	g.t.Helper()
	resp, err := http.Get(g.base + path)
	if err != nil {
		g.t.Fatalf("%s: GET %s: %v", g.name, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		g.t.Fatalf("%s: GET %s: %s %s", g.name, path, resp.Status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		g.t.Fatalf("%s: GET %s: %v in %s", g.name, path, err, body)
	}
}

// listed returns what Redis lists.
func (rs *redisServer) listed(t *testing.T) []cluster.Listed {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	l, err := cluster.List(ctx, rs.rdb, "")
	if err != nil {
		t.Fatalf("list rooms in redis: %v", err)
	}
	return l
}

// waitFor polls cond every 20 ms until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) WriteString(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.WriteString(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
