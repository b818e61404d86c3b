package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// freeAddr returns a loopback host:port nobody listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// getBody GETs url, retrying for a while until something listens.
func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp.StatusCode, string(b)
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: %v", url, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAdminAddrServesMetricsNotThePublicPort: -admin-addr serves the admin
// page, /metrics and pprof; the public port serves none of them.
func TestAdminAddrServesMetricsNotThePublicPort(t *testing.T) {
	t.Parallel()
	adminAddr := freeAddr(t)
	url, _, stop := startServe(t, "-admin-addr", adminAddr)
	adminURL := "http://" + adminAddr + "/"
	if code, body := getBody(t, adminURL+"metrics"); code != 200 || !strings.Contains(body, "gameserver_connections 0") ||
		!strings.Contains(body, "process_resident_memory_bytes") {
		t.Errorf("admin /metrics = %d, want the server's and the process's metrics; body starts %.300q", code, body)
	}
	if code, body := getBody(t, adminURL); code != 200 || !strings.Contains(body, "stats.json") {
		t.Errorf("admin / = %d, want the admin page; %.200q", code, body)
	}
	if code, body := getBody(t, adminURL+"stats.json"); code != 200 || !strings.Contains(body, `"tick_rate":60`) {
		t.Errorf("admin /stats.json = %d %.200q", code, body)
	}
	if code, _ := getBody(t, adminURL+"debug/pprof/goroutine?debug=1"); code != 200 {
		t.Errorf("admin /debug/pprof/goroutine = %d", code)
	}
	for _, path := range []string{"metrics", "debug/pprof/", "debug/pprof/goroutine?debug=1", "stats.json"} {
		code, body := getBody(t, url+path)
		if code == 200 || strings.Contains(body, "gameserver_") || strings.Contains(body, "goroutine") {
			t.Errorf("public port /%s = %d %.200q: want it not served there", path, code, body)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("serve after stop = %v", err)
	}
	if _, err := http.Get(adminURL + "metrics"); err == nil {
		t.Errorf("the admin listener still answers after the server stopped")
	}
}

// TestPprofServesTheAdminInterface: -pprof keeps serving /debug/pprof/ (the
// soak test reads the heap there) and now /metrics too.
func TestPprofServesTheAdminInterface(t *testing.T) {
	t.Parallel()
	pprofAddr := freeAddr(t)
	_, _, stop := startServe(t, "-pprof", pprofAddr)
	if code, body := getBody(t, "http://"+pprofAddr+"/debug/pprof/heap?debug=1"); code != 200 || !strings.Contains(body, "heap profile") {
		t.Errorf("-pprof /debug/pprof/heap = %d %.100q", code, body)
	}
	if code, body := getBody(t, "http://"+pprofAddr+"/metrics"); code != 200 || !strings.Contains(body, "gameserver_rooms") {
		t.Errorf("-pprof /metrics = %d %.100q", code, body)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve after stop = %v", err)
	}
}

// TestAdminAddrRejected: a malformed -admin-addr, and one that is the
// public listen address, are refused at start with a clear error.
func TestAdminAddrRejected(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  func(string) (string, bool)
		want string
	}{
		{[]string{"-admin-addr", "9090"}, env(), `admin-addr "9090": want host:port`},
		{[]string{"-admin-addr", "127.0.0.1:99999"}, env(), `admin-addr "127.0.0.1:99999": port "99999" out of range`},
		{nil, env("ARENA_ADMIN_ADDR", "localhost"), `admin-addr "localhost": want host:port`},
		{[]string{"-port", "18080", "-admin-addr", ":18080"}, env(), `admin-addr ":18080" is the public listen address ":18080"`},
		{[]string{"-addr", "127.0.0.1:18080", "-admin-addr", "127.0.0.1:18080"}, env(), "is the public listen address"},
		{[]string{"-addr", "127.0.0.1", "-port", "18080", "-admin-addr", "0.0.0.0:18080"}, env(), "is the public listen address"},
		{[]string{"-port", "18080"}, env("ARENA_ADMIN_ADDR", "[::]:18080"), "is the public listen address"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := serve(ctx, tc.args, tc.env, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("serve(%q) = %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
	// Not the same listener: another port, another host, or port 0.
	for _, args := range [][]string{
		{"-port", "18080", "-admin-addr", "127.0.0.1:18081"},
		{"-addr", "127.0.0.1", "-port", "18080", "-admin-addr", "127.0.0.2:18080"},
		{"-port", "0", "-admin-addr", "127.0.0.1:0"},
	} {
		o, err := parseOptions(args, env(), io.Discard)
		if err != nil || o.admin.addr != args[len(args)-1] {
			t.Errorf("parseOptions(%q) = %v, admin-addr %q", args, err, o.admin.addr)
		}
	}
}
