//go:build unix

package serverproc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStartAndStop builds the real gameserver, starts it, reads /healthz
// and /rooms, and stops it: a clean exit, and the PID is gone.
func TestStartAndStop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the gameserver")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bin, err := Build(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !HasFlag(bin, "addr") || HasFlag(bin, "no-such-flag") {
		t.Errorf("HasFlag: addr %v, no-such-flag %v", HasFlag(bin, "addr"), HasFlag(bin, "no-such-flag"))
	}
	p, err := Start(ctx, bin, dir, "-mode", "bench")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	if got := strings.Join(p.Args, " "); got != "-addr "+p.Addr+" -log-format json -mode bench" {
		t.Errorf("args %q", got)
	}
	if p.URL() != "ws://"+p.Addr+"/ws" {
		t.Errorf("url %q", p.URL())
	}
	if b, err := p.Get("http://" + p.Addr + "/rooms"); err != nil || !strings.HasPrefix(strings.TrimSpace(string(b)), "[") {
		t.Errorf("/rooms: %q, %v", b, err)
	}
	if _, err := p.Get("http://" + p.Addr + "/no-such-page"); err == nil {
		t.Error("a 404 was no error")
	}
	pid := p.PID()
	if err := p.Stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if err := p.Stop(); err != nil {
		t.Errorf("second stop: %v", err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("pid %d after stop: %v", pid, err)
	}
	if log, err := os.ReadFile(p.LogPath); err != nil || !strings.Contains(string(log), `"msg":"listening"`) {
		t.Errorf("log %s: %v\n%s", p.LogPath, err, log)
	}
}

// script writes an executable shell script into dir.
func script(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "fake-server")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestStartExits: a process that exits at start fails Start with its log.
func TestStartExits(t *testing.T) {
	dir := t.TempDir()
	bin := script(t, dir, `echo "flag provided but not defined: $1" >&2; exit 2`)
	_, err := Start(context.Background(), bin, dir)
	if err == nil || !strings.Contains(err.Error(), "exited at start") || !strings.Contains(err.Error(), "flag provided but not defined: -addr") {
		t.Fatalf("err %v", err)
	}
}

// TestStartCancelled: a process that never answers is stopped by its PID
// when the context ends.
func TestStartCancelled(t *testing.T) {
	dir := t.TempDir()
	bin := script(t, dir, `echo $$ > "`+filepath.Join(dir, "pid")+`"; exec sleep 60`)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Start(ctx, bin, dir)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Start took %v", d)
	}
	b, err := os.ReadFile(filepath.Join(dir, "pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("pid %d still there after Start gave up: %v", pid, err)
	}
}

// TestStartNoBinary: a missing binary is a clear error.
func TestStartNoBinary(t *testing.T) {
	dir := t.TempDir()
	_, err := Start(context.Background(), filepath.Join(dir, "missing"), dir)
	if err == nil || !strings.Contains(err.Error(), "start ") {
		t.Fatalf("err %v", err)
	}
}

func TestFreeAddr(t *testing.T) {
	a, err := FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a, "127.0.0.1:") || strings.HasSuffix(a, ":0") {
		t.Errorf("addr %q", a)
	}
}
