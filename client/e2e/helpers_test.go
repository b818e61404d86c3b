//go:build linux

package e2e_test

// Helpers for the end-to-end tests: they build the real binaries, start the
// real gameserver on a free loopback port and watch /rooms. They run when
// ARENA_E2E=1 (make test sets it); then a missing tool is a failure, not a skip.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func requireE2E(t *testing.T) {
	t.Helper()
	if os.Getenv("ARENA_E2E") != "1" {
		t.Skip("end-to-end test: set ARENA_E2E=1 (make test does)")
	}
}

// repoRoot is two levels up from client/e2e.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s: %v", root, err)
	}
	return root
}

// goBuild builds pkg (relative to the repo root) into dir and returns the binary's path.
func goBuild(t *testing.T, pkg, dir string, env ...string) string {
	t.Helper()
	out := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startProcess starts cmd in its own process group and stops the whole group
// (SIGTERM, then SIGKILL) when the test ends. The channel it returns is
// closed when the process exits.
func startProcess(t *testing.T, cmd *exec.Cmd, logName string) <-chan struct{} {
	t.Helper()
	logFile, err := os.Create(filepath.Join(t.TempDir(), logName))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			b, _ := os.ReadFile(logFile.Name())
			t.Logf("%s output:\n%s", logName, b)
		}
	})
	return done
}

// startServer builds and starts the gameserver with the web client embedded
// (make wasm must have run), with extra flags args, and returns its base URL.
func startServer(t *testing.T, args ...string) string {
	t.Helper()
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "server", "web", "static", "game.wasm")); err != nil {
		t.Fatalf("the browser client is not built (run `make wasm`): %v", err)
	}
	bin := goBuild(t, "./server/cmd/gameserver", t.TempDir(), "CGO_ENABLED=0")
	port, adminPort := freePort(t), freePort(t)
	// The admin port is the only place that names who plays (playerInRooms).
	args = append([]string{"-addr", "127.0.0.1", "-port", fmt.Sprint(port), "-admin-addr", fmt.Sprintf("127.0.0.1:%d", adminPort)}, args...)
	startProcess(t, exec.Command(bin, args...), "gameserver.log")
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
	return base
}

type roomInfo struct {
	ID      string   `json:"id"`
	Players int      `json:"players"`
	Names   []string `json:"names"`
	Private bool     `json:"private"` // the admin feed's; /rooms lists only public rooms
}

// adminOf maps a startServer base URL to its admin listener's.
var adminOf sync.Map

// playerInRooms reports whether a player named name is in some room on the
// server, as its admin feed says: the public /rooms shows no names.
func playerInRooms(base, name string) bool {
	admin, ok := adminOf.Load(base)
	if !ok {
		return false
	}
	resp, err := http.Get(admin.(string) + "/stats.json")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var stats struct {
		Rooms []roomInfo `json:"rooms"`
	}
	if json.NewDecoder(resp.Body).Decode(&stats) != nil {
		return false
	}
	for _, r := range stats.Rooms {
		for _, n := range r.Names {
			if strings.EqualFold(n, name) {
				return true
			}
		}
	}
	return false
}

func waitFor(t *testing.T, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for !ok() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out after %v waiting for: %s", timeout, what)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (run `make deps`): %v", name, err)
	}
	return p
}
