//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/server"
)

func startServer(t *testing.T) string {
	t.Helper()
	_, url := startServerOf(t)
	return url
}

// startServerOf is startServer that also returns the server.
func startServerOf(t *testing.T) (*server.Server, string) {
	t.Helper()
	srv, err := server.New(server.Config{})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	return srv, "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
}

func TestRunJSON(t *testing.T) {
	t.Parallel()
	url := startServer(t)
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, []string{"-server", url, "-json", "-duration", "2s", "-bots", "3", "-seed", "5"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var report map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &report); err != nil {
		t.Fatalf("last line %q is not JSON: %v", lines[len(lines)-1], err)
	}
	for _, key := range []string{"bots", "duration_s", "connected", "disconnects", "errors",
		"snapshots_per_s_per_bot", "bytes_down_per_bot_per_s", "bytes_up_per_bot_per_s",
		"rtt_ms_p50", "rtt_ms_p99", "kills"} {
		if _, ok := report[key]; !ok {
			t.Errorf("report lacks %q: %s", key, lines[len(lines)-1])
		}
	}
	if report["bots"] != 3.0 || report["connected"] != 3.0 || report["disconnects"] != 0.0 || report["errors"] != 0.0 {
		t.Errorf("report = %v", report)
	}
	if !strings.Contains(stdout.String(), "bots: 3 connected of 3") {
		t.Errorf("no human summary in:\n%s", &stdout)
	}
}

// TestRunCutEvery: with -cut-every the bots' connections are reset and
// they resume; the JSON report says so.
func TestRunCutEvery(t *testing.T) {
	t.Parallel()
	url := startServer(t)
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, []string{"-server", url, "-json", "-duration", "3s", "-bots", "3", "-seed", "5", "-cut-every", "1s"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var report map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &report); err != nil {
		t.Fatalf("last line %q is not JSON: %v", lines[len(lines)-1], err)
	}
	for _, key := range []string{"cuts", "resumes", "resume_failures", "resume_ms_p50", "resume_ms_p99", "resume_ms_max", "rejoins"} {
		if _, ok := report[key]; !ok {
			t.Errorf("report lacks %q: %s", key, lines[len(lines)-1])
		}
	}
	if cuts, _ := report["cuts"].(float64); cuts < 3 || report["resumes"].(float64) < cuts-3 || report["disconnects"] != 0.0 {
		t.Errorf("cuts %v, resumes %v, disconnects %v: want every bot cut and resumed", report["cuts"], report["resumes"], report["disconnects"])
	}
}

// TestRunRoom: with -room CODE every bot joins that private room (and
// nothing else); a code that names no room fails every bot.
func TestRunRoom(t *testing.T) {
	t.Parallel()
	srv, url := startServerOf(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	host, err := client.Dial(ctx, url, &client.Options{Name: "host", Private: true})
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	code := host.Info().Room
	done := make(chan error, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"-server", url, "-duration", "3s", "-bots", "2", "-room", strings.ToLower(code)}, &stdout, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	var rooms []server.RoomInfo
	for time.Now().Before(deadline) {
		if rooms = srv.Rooms(); len(rooms) == 1 && rooms[0].Players == 3 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(rooms) != 1 || rooms[0].ID != code || rooms[0].Players != 3 {
		t.Errorf("rooms while the bots play: %+v, want only %s with the host and 2 bots", rooms, code)
	}
	if err := <-done; err != nil {
		t.Fatalf("run -room %s: %v\n%s\n%s", code, err, &stdout, &stderr)
	}
	stdout.Reset()
	stderr.Reset()
	err = run(ctx, []string{"-server", url, "-duration", "1s", "-bots", "2", "-room", "ZZZZZZ"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "2 of 2 bots failed to connect") || !strings.Contains(stdout.String()+stderr.String(), "no such room: ZZZZZZ") {
		t.Errorf("run -room ZZZZZZ = %v, want every bot refused with no such room\n%s\n%s", err, &stdout, &stderr)
	}
}

func TestRunDeadServer(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "ws://" + ln.Addr().String() + "/ws"
	ln.Close()
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"-server", url, "-bots", "2", "-duration", "1s"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "2 of 2 bots failed to connect") {
		t.Fatalf("run against a dead port = %v, want a failure to connect", err)
	}
}

func TestRunBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-bots", "0"},
		{"-bots", "x"},
		{"-duration", "-1s"},
		{"-cut-every", "-1s"},
		{"-mode", "tag"},
		{"-room", strings.Repeat("r", 33)},
		{"-nope"},
		{"extra"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, &stdout, &stderr)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}
