package main

// Measuring the server from /proc while the swarm plays: CPU time over a
// steady window and resident memory, so one gamebot run reports what a
// client costs the server. Linux only; elsewhere the figures are absent.

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/PID/stat: 100
// on every Linux architecture Go supports.
const clockTicks = 100

// procSample is one reading of a process.
type procSample struct {
	at     time.Time
	cpu    time.Duration // user + system
	rssKiB int64
}

// readProc reads pid's CPU time and resident set size.
func readProc(pid int) (procSample, error) {
	now := time.Now()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procSample{}, fmt.Errorf("server pid %d: %w", pid, err)
	}
	// The command name may hold spaces; the fields after it are fixed.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return procSample{}, fmt.Errorf("server pid %d: malformed /proc stat", pid)
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return procSample{}, fmt.Errorf("server pid %d: short /proc stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14 of stat
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return procSample{}, fmt.Errorf("server pid %d: bad cpu times in /proc stat", pid)
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return procSample{}, fmt.Errorf("server pid %d: %w", pid, err)
	}
	var rss int64
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss, _ = strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	cpu := time.Duration(utime+stime) * time.Second / clockTicks
	return procSample{at: now, cpu: cpu, rssKiB: rss}, nil
}

// serverFigures is what the report adds about the server process.
type serverFigures struct {
	WindowS         float64 `json:"server_window_s"`           // the steady window measured
	CPUCores        float64 `json:"server_cpu_cores"`          // CPU time / wall time over the window
	CPUPctPerClient float64 `json:"server_cpu_pct_per_client"` // of one core
	RSSKiBBefore    int64   `json:"server_rss_kib_before"`     // before the bots dialed
	RSSKiB          int64   `json:"server_rss_kib"`            // at the end of the window
	RSSKiBPerClient float64 `json:"server_rss_kib_per_client"` // growth per bot
}

func figures(before, from, to procSample, bots int) serverFigures {
	wall := to.at.Sub(from.at).Seconds()
	f := serverFigures{WindowS: round3(wall), RSSKiBBefore: before.rssKiB, RSSKiB: to.rssKiB}
	if wall > 0 {
		f.CPUCores = round3((to.cpu - from.cpu).Seconds() / wall)
		f.CPUPctPerClient = round3(100 * f.CPUCores / float64(bots))
	}
	f.RSSKiBPerClient = round3(float64(to.rssKiB-before.rssKiB) / float64(bots))
	return f
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }
