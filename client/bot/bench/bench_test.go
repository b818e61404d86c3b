//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"arena/client/bot/serverproc"
	"arena/game"
	"arena/netcode"
	"arena/server"
)

func TestQuantileFromPrometheusText(t *testing.T) {
	const scrape1 = `# HELP gameserver_tick_duration_seconds How long a room's tick took.
# TYPE gameserver_tick_duration_seconds histogram
gameserver_tick_duration_seconds_bucket{le="0.001"} 10
gameserver_tick_duration_seconds_bucket{le="0.002"} 10
gameserver_tick_duration_seconds_bucket{le="+Inf"} 10
gameserver_tick_duration_seconds_sum 0.005
gameserver_tick_duration_seconds_count 10
`
	const scrape2 = `gameserver_tick_duration_seconds_bucket{le="0.001"} 60
gameserver_tick_duration_seconds_bucket{le="0.002"} 110
gameserver_tick_duration_seconds_bucket{le="+Inf"} 111
gameserver_players 3
`
	a, err := parseHistograms([]byte(scrape1))
	if err != nil {
		t.Fatal(err)
	}
	b, err := parseHistograms([]byte(scrape2))
	if err != nil {
		t.Fatal(err)
	}
	h, ok := b[metricTickDuration].minus(a[metricTickDuration])
	if !ok || len(h) != 3 || h[2].count != 101 {
		t.Fatalf("window histogram %v, %v; want 3 buckets, 101 ticks", h, ok)
	}
	// 50 of the window's 101 ticks are <= 1 ms, 100 <= 2 ms, 1 beyond.
	for _, tc := range []struct{ q, want float64 }{
		{0.25, 0.001 * 25.25 / 50},
		{0.5, 0.001 + 0.001*(50.5-50)/50},
		{0.995, 0.002}, // the +Inf bucket answers its lower bound
	} {
		if got := h.quantile(tc.q); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("q%v = %v, want %v", tc.q, got, tc.want)
		}
	}
	if !math.IsNaN((histogram{}).quantile(0.5)) {
		t.Error("an empty histogram has a median")
	}
	if _, err := parseHistograms([]byte(`x_bucket{le="abc"} 1`)); err == nil {
		t.Error("a bad le parsed")
	}
	if _, ok := b[metricTickDuration].minus(histogram{{0.5, 1}}); ok {
		t.Error("histograms with other buckets subtracted")
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-bots", "0"}, {"-window", "1s"}, {"-stagger", "-1ms"}, {"extra"}, {"-swarm", "heavy"}, {"-lite-reads", "fast"}} {
		if _, err := parseConfig(args, io.Discard); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// TestBenchRun is `make bench` small: the real gameserver -mode bench and
// 20 bots of each swarm (the light one with each way of reading); every
// figure of the JSON line is there and plausible, and no bot failed or was
// disconnected.
func TestBenchRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the gameserver")
	}
	bin := buildServer(t)
	for _, tc := range []struct{ swarm, reads string }{
		{swarmLite, readsPoll}, {swarmLite, readsWake}, {swarmSession, ""},
	} {
		name := tc.swarm
		if tc.reads != "" {
			name += "-" + tc.reads
		}
		t.Run(name, func(t *testing.T) { benchRun(t, bin, tc.swarm, tc.reads) })
	}
}

// buildServer builds the gameserver into the test's directory (after the
// first test, from Go's build cache).
func buildServer(t *testing.T) string {
	bin, err := serverproc.Build(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func benchRun(t *testing.T, bin, swarm, reads string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out bytes.Buffer
	args := []string{"-gameserver", bin, "-swarm", swarm, "-bots", "20", "-window", "3s", "-warmup", "1s"}
	if reads != "" {
		args = append(args, "-lite-reads", reads)
	}
	if err := run(ctx, args, &out, io.Discard); err != nil {
		t.Fatalf("run: %v\n%s", err, &out)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	t.Logf("%s", lines[len(lines)-1])
	for _, k := range []string{"clients", "window_s", "join_s", "tick_rate_min", "tick_rate_mean", "tick_duration_ms_p50",
		"tick_duration_ms_p99", "tick_lateness_ms_p99", "server_cpu_pct", "server_rss_mib", "bytes_down_per_client_per_s",
		"bytes_up_per_client_per_s", "swarm_cpu_pct", "swarm_cpu_pct_per_bot"} {
		if v, ok := r[k]; !ok || v == nil {
			t.Errorf("%s is missing or null (missing: %v)", k, r["missing"])
		}
	}
	num := func(k string) float64 { v, _ := r[k].(float64); return v }
	if num("errors") != 0 || num("disconnects") != 0 {
		t.Errorf("errors %v disconnects %v, want none (first: %v)", r["errors"], r["disconnects"], r["first_error"])
	}
	if got, _ := r["lite_reads"].(string); got != reads {
		t.Errorf("lite_reads %q, want %q", got, reads)
	}
	if num("clients") != 20 || num("joined") != 20 || num("rooms") != 2 {
		t.Errorf("clients %v joined %v rooms %v, want 20, 20, 2", r["clients"], r["joined"], r["rooms"])
	}
	if m := num("tick_rate_mean"); m < 45 || m > 61 {
		t.Errorf("tick rate mean %v, want about 60", m)
	}
	if sn := num("snapshots_per_s_per_client"); sn < 22 || sn > 35 {
		t.Errorf("%v snapshots a second per client, want 30", sn)
	}
	if in := num("input_messages_per_s_per_client"); in < 22 || in > 35 {
		t.Errorf("%v input messages a second per client, want 30", in)
	}
	if r["load_avg_1m"] == nil {
		t.Error("no load average")
	}
	if (r["mispredictions_per_min"] == nil) != (swarm == swarmLite) {
		t.Errorf("mispredictions_per_min %v: want a figure from the session swarm only", r["mispredictions_per_min"])
	}
	if num("server_cpu_pct") <= 0 || num("swarm_cpu_pct") <= 0 || num("bytes_down_per_client_per_s") < 100 || num("bytes_up_per_client_per_s") < 100 {
		t.Errorf("cpu %v/%v, bytes %v/%v: want them measured", r["server_cpu_pct"], r["swarm_cpu_pct"],
			r["bytes_down_per_client_per_s"], r["bytes_up_per_client_per_s"])
	}
}

func TestSnapshotTick(t *testing.T) {
	enc := netcode.NewEncoder()
	for _, tick := range []uint32{5, 200, 40000, 70000, 1 << 31} {
		got, ok := snapshotTick(enc.Snapshot(&netcode.Snapshot{Tick: tick}))
		if !ok || got != tick {
			t.Errorf("snapshot of tick %d: %d, %v", tick, got, ok)
		}
	}
	if _, ok := snapshotTick(enc.Welcome(&netcode.Welcome{PlayerID: 1, Mode: "bench"})); ok {
		t.Error("a Welcome read as a snapshot")
	}
	for _, p := range [][]byte{nil, {0x93}, {0x93, 17}, {0x93, 17, 0xce, 1}} {
		if _, ok := snapshotTick(p); ok {
			t.Errorf("%x read as a snapshot", p)
		}
	}
}

// TestLiteNeedsABenchServer: light bots against the arena say why.
func TestLiteNeedsABenchServer(t *testing.T) {
	for _, reads := range []string{readsPoll, readsWake} {
		t.Run(reads, func(t *testing.T) { liteNeedsABenchServer(t, reads) })
	}
}

func liteNeedsABenchServer(t *testing.T, reads string) {
	srv, err := server.New(server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	defer srv.Shutdown(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	s, err := startLite(ctx, "ws"+strings.TrimPrefix(hs.URL, "http")+"/ws", 2, 1, time.Millisecond, reads)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	cancel()
	failed, dropped, first := s.wait()
	if failed != 2 || dropped != 0 || first == nil || !strings.Contains(first.Error(), "gameserver -mode bench") {
		t.Errorf("failed %d dropped %d first %v; want 2 failures naming gameserver -mode bench", failed, dropped, first)
	}
	if _, err := startLite(ctx, "http://x/ws", 1, 1, 0, reads); err == nil {
		t.Error("an http:// URL: no error")
	}
}

// TestLiteLeavesCleanly: light bots play a bench server (snapshots and
// input messages flow at 30 a second) and, when the run ends, close with a close frame,
// so the server frees their seats at once instead of holding them for a
// resume.
func TestLiteLeavesCleanly(t *testing.T) {
	for _, reads := range []string{readsPoll, readsWake} {
		t.Run(reads, func(t *testing.T) { liteLeavesCleanly(t, reads) })
	}
}

func liteLeavesCleanly(t *testing.T, reads string) {
	srv, err := server.New(server.Config{Rules: game.NewBench, MapName: game.BenchMapName,
		RoomCapacity: game.BenchRoomSize, TickRate: game.BenchTickRate, SnapshotRate: 30})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	defer srv.Shutdown(context.Background())
	proc := &serverProc{Proc: &serverproc.Proc{Addr: strings.TrimPrefix(hs.URL, "http://"), HTTP: hs.Client()}}
	seated := func() int {
		rs, err := proc.rooms()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range rs {
			n += r.Players
		}
		return n
	}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := startLite(ctx, proc.URL(), 3, 1, time.Millisecond, reads)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for seated() < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(time.Second)
	tr := s.sample()
	cancel()
	if failed, dropped, first := s.wait(); failed != 0 || dropped != 0 {
		t.Fatalf("failed %d dropped %d: %v", failed, dropped, first)
	}
	if tr.snaps < 3*20 || tr.inputMsg < 3*20 || tr.down == 0 || tr.up == 0 {
		t.Errorf("after a second: %+v, want about 30 snapshots and 30 input messages per bot", tr)
	}
	deadline = time.Now().Add(2 * time.Second)
	for seated() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := seated(); n != 0 {
		t.Errorf("%d seats still taken 2 s after the bots left: they did not close cleanly", n)
	}
}
