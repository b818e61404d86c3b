package prom_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server/prom"
)

// TestScrapeFollowsThePlay scrapes a real server while a real WebSocket
// client joins, plays and leaves: the join is counted by result, the
// connection and player gauges go 1 then 0, messages and bytes grow, the
// tick histograms fill.
func TestScrapeFollowsThePlay(t *testing.T) {
	t.Parallel()
	_, wsURL, metricsURL := startServer(t)

	before := scrape(t, metricsURL)
	if v, ok := value(before, "gameserver_connections"); !ok || v != 0 {
		t.Errorf("connections before anyone dialled = %v (present %v), want 0", v, ok)
	}
	if v, ok := value(before, "gameserver_joins_total", "result", "joined"); !ok || v != 0 {
		t.Errorf(`joins_total{result="joined"} before any join = %v (present %v), want 0`, v, ok)
	}

	// Watched labels are there at 0 before their first count, so that
	// rate() and increase() see that count.
	if v, ok := value(before, "gameserver_disconnects_total", "code", "4003"); !ok || v != 0 {
		t.Errorf(`disconnects_total{code="4003"} before any disconnect = %v (present %v), want 0`, v, ok)
	}

	p := joinPlayer(t, wsURL, "alice")
	for range 10 {
		p.sendInput(t)
	}
	var during map[string]float64
	waitFor(t, 5*time.Second, "the inputs counted and snapshots sent", func() bool {
		fams := scrape(t, metricsURL)
		during = map[string]float64{}
		for _, name := range []string{"gameserver_connections", "gameserver_players", "gameserver_rooms",
			"gameserver_messages_received_total", "gameserver_bytes_received_total", "gameserver_bytes_sent_total",
			"gameserver_snapshot_bytes_total", "gameserver_snapshots_total", "gameserver_ticks_total",
			"gameserver_tick_duration_seconds", "gameserver_tick_lateness_seconds"} {
			during[name], _ = value(fams, name)
		}
		during["joined"], _ = value(fams, "gameserver_joins_total", "result", "joined")
		return during["gameserver_messages_received_total"] >= 11 && during["gameserver_snapshots_total"] >= 3
	})
	for name, want := range map[string]float64{"gameserver_connections": 1, "gameserver_players": 1,
		"gameserver_rooms": 1, "joined": 1} {
		if during[name] != want {
			t.Errorf("%s while alice plays = %v, want %v", name, during[name], want)
		}
	}
	// Hello and 10 Inputs: at least 11 messages, each at least 6 bytes of
	// frame header and mask.
	if got := during["gameserver_bytes_received_total"]; got < 11*6 {
		t.Errorf("bytes_received_total = %v after 11 messages", got)
	}
	if sent, snap := during["gameserver_bytes_sent_total"], during["gameserver_snapshot_bytes_total"]; snap <= 0 || sent < snap {
		t.Errorf("bytes_sent_total = %v, snapshot_bytes_total = %v: want snapshots counted, and sent to cover them", sent, snap)
	}
	ticks := during["gameserver_ticks_total"]
	if ticks < 1 || during["gameserver_tick_duration_seconds"] != ticks || during["gameserver_tick_lateness_seconds"] != ticks {
		t.Errorf("ticks %v, tick_duration count %v, tick_lateness count %v: want every tick observed",
			ticks, during["gameserver_tick_duration_seconds"], during["gameserver_tick_lateness_seconds"])
	}

	// More traffic: the counters grow.
	for range 5 {
		p.sendInput(t)
	}
	waitFor(t, 5*time.Second, "messages and bytes to grow", func() bool {
		fams := scrape(t, metricsURL)
		msgs, _ := value(fams, "gameserver_messages_received_total")
		recv, _ := value(fams, "gameserver_bytes_received_total")
		sent, _ := value(fams, "gameserver_bytes_sent_total")
		return msgs >= during["gameserver_messages_received_total"]+5 &&
			recv > during["gameserver_bytes_received_total"] && sent > during["gameserver_bytes_sent_total"]
	})

	if err := p.ws.Close(websocket.StatusNormalClosure, "bye"); err != nil {
		t.Fatalf("close: %v", err)
	}
	waitFor(t, 5*time.Second, "connections and players back to 0, the 1000 counted", func() bool {
		fams := scrape(t, metricsURL)
		conns, _ := value(fams, "gameserver_connections")
		players, _ := value(fams, "gameserver_players")
		normal, _ := value(fams, "gameserver_disconnects_total", "code", "1000")
		return conns == 0 && players == 0 && normal == 1
	})
}

// TestScrapeCountsBadInputAndRefusedResumes: a garbage message is counted
// by reason and by its close code, a resume with a token naming no seat by
// its join result.
func TestScrapeCountsBadInputAndRefusedResumes(t *testing.T) {
	t.Parallel()
	_, wsURL, metricsURL := startServer(t)
	p := joinPlayer(t, wsURL, "mallory")
	p.write(t, []byte{0xc1, 0xc1, 0xc1}) // not msgpack
	waitFor(t, 5*time.Second, "the bad message counted", func() bool {
		fams := scrape(t, metricsURL)
		bad, _ := value(fams, "gameserver_bad_messages_total", "reason", "decode")
		closed, _ := value(fams, "gameserver_disconnects_total", "code", "4000")
		return bad == 1 && closed == 1
	})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	q := dialPlayer(t, wsURL)
	q.write(t, q.enc.Hello(&netcode.Hello{Version: netcode.Version, Name: "bob", ResumeToken: make([]byte, 16)}))
	_, _, err := q.ws.Read(ctx)
	if got := websocket.CloseStatus(err); got != 4006 {
		t.Fatalf("resume with an unknown token: %v, want close 4006", err)
	}
	waitFor(t, 5*time.Second, "the refused resume counted", func() bool {
		v, _ := value(scrape(t, metricsURL), "gameserver_joins_total", "result", "resume_refused")
		return v == 1
	})
}

// TestEveryNamedMetricIsExposed: the metrics the issue asks for, Go's and
// the process's are on a real scrape, and Names is exactly the gameserver_
// families scraped.
func TestEveryNamedMetricIsExposed(t *testing.T) {
	t.Parallel()
	_, wsURL, metricsURL := startServer(t)
	p := joinPlayer(t, wsURL, "alice")
	p.write(t, []byte{0xc1}) // a bad message and a disconnect, so the labelled families have samples
	waitFor(t, 5*time.Second, "the disconnect", func() bool {
		_, ok := value(scrape(t, metricsURL), "gameserver_disconnects_total", "code", "4000")
		return ok
	})
	waitFor(t, 5*time.Second, "a room past its first second", func() bool {
		_ = joinPlayer(t, wsURL, "bob")
		time.Sleep(1100 * time.Millisecond)
		_, ok := value(scrape(t, metricsURL), "gameserver_tick_rate_achieved_min")
		return ok
	})
	fams := scrape(t, metricsURL)
	required := []string{
		"gameserver_rooms", "gameserver_players", "gameserver_connections",
		"gameserver_tick_duration_seconds", "gameserver_tick_lateness_seconds",
		"gameserver_tick_overruns_total", "gameserver_ticks_total", "gameserver_snapshot_bytes_total",
		"gameserver_messages_received_total", "gameserver_bytes_sent_total", "gameserver_bytes_received_total",
		"gameserver_bad_messages_total", "gameserver_disconnects_total", "gameserver_joins_total",
		"gameserver_inputs_dropped_total", "gameserver_tick_rate_achieved_min",
		"go_goroutines", "go_memstats_heap_inuse_bytes", "process_resident_memory_bytes", "process_cpu_seconds_total",
	}
	for _, name := range required {
		if fams[name] == nil {
			t.Errorf("%s missing from the scrape", name)
		}
	}
	for _, want := range []struct{ name, label, value string }{
		{"gameserver_bad_messages_total", "reason", "decode"},
		{"gameserver_disconnects_total", "code", "4000"},
		{"gameserver_joins_total", "result", "joined"},
		{"gameserver_joins_total", "result", "resumed"},
		{"gameserver_joins_total", "result", "resume_refused"},
		{"gameserver_joins_total", "result", "shutting_down"},
		{"gameserver_joins_total", "result", "error"},
		{"gameserver_inputs_dropped_total", "reason", "trimmed"},
		{"gameserver_inputs_dropped_total", "reason", "overflow"},
		{"gameserver_bad_messages_total", "reason", "rate"}, // at 0 before the first
		{"gameserver_disconnects_total", "code", "4003"},    // likewise
		{"gameserver_disconnects_total", "code", "abnormal"},
	} {
		if _, ok := value(fams, want.name, want.label, want.value); !ok {
			t.Errorf(`%s{%s=%q} missing from the scrape`, want.name, want.label, want.value)
		}
	}
	var scraped []string
	for name := range fams {
		if len(name) > len("gameserver_") && name[:len("gameserver_")] == "gameserver_" {
			scraped = append(scraped, name)
		}
	}
	slices.Sort(scraped)
	if names := prom.Names(); !slices.Equal(names, scraped) {
		t.Errorf("Names() = %v\nscraped    %v", names, scraped)
	}
}

// TestHistogramsAreCumulativeSeconds: the server's per-bucket counts come
// out as Prometheus' cumulative buckets with bounds in seconds.
func TestHistogramsAreCumulativeSeconds(t *testing.T) {
	t.Parallel()
	srv, _, metricsURL := startServer(t)
	h := srv.Metrics().InputDelay
	for _, d := range []time.Duration{30 * time.Microsecond, 80 * time.Microsecond, 80 * time.Microsecond, 3 * time.Millisecond, time.Second} {
		h.Observe(d)
	}
	f := scrape(t, metricsURL)["gameserver_input_delay_seconds"]
	if f == nil || len(f.GetMetric()) != 1 {
		t.Fatalf("input_delay_seconds: %v", f)
	}
	hist := f.GetMetric()[0].GetHistogram()
	if hist.GetSampleCount() != 5 {
		t.Errorf("count = %d, want 5", hist.GetSampleCount())
	}
	wantSum := (30*time.Microsecond + 160*time.Microsecond + 3*time.Millisecond + time.Second).Seconds()
	if d := hist.GetSampleSum() - wantSum; d > 1e-9 || d < -1e-9 {
		t.Errorf("sum = %v, want %v", hist.GetSampleSum(), wantSum)
	}
	want := map[float64]uint64{50e-6: 1, 100e-6: 3, 250e-6: 3, 2e-3: 3, 4e-3: 4, 0.1: 4}
	for _, b := range hist.GetBucket() {
		if n, ok := want[b.GetUpperBound()]; ok && b.GetCumulativeCount() != n {
			t.Errorf("bucket le=%v: %d, want %d", b.GetUpperBound(), b.GetCumulativeCount(), n)
		}
		delete(want, b.GetUpperBound())
	}
	if len(want) > 0 {
		t.Errorf("buckets missing: %v", want)
	}
}
