package main

// What the server process costs while the swarm plays, from /proc
// (client/bot/procstat): CPU time over a steady window and resident
// memory, so one gamebot run reports what a client costs the server.
// Linux only; elsewhere -server-pid fails with a clear error.

import "arena/client/bot/procstat"

// serverFigures is what the report adds about the server process.
type serverFigures struct {
	WindowS         float64 `json:"server_window_s"`           // the steady window measured
	CPUCores        float64 `json:"server_cpu_cores"`          // CPU time / wall time over the window
	CPUPctPerClient float64 `json:"server_cpu_pct_per_client"` // of one core
	RSSKiBBefore    int64   `json:"server_rss_kib_before"`     // before the bots dialed
	RSSKiB          int64   `json:"server_rss_kib"`            // at the end of the window
	RSSKiBPerClient float64 `json:"server_rss_kib_per_client"` // growth per bot
}

func figures(before, from, to procstat.Sample, bots int) serverFigures {
	wall := to.At.Sub(from.At).Seconds()
	f := serverFigures{WindowS: round3(wall), RSSKiBBefore: before.RSSKiB, RSSKiB: to.RSSKiB}
	if wall > 0 {
		f.CPUCores = round3((to.CPU - from.CPU).Seconds() / wall)
		f.CPUPctPerClient = round3(100 * f.CPUCores / float64(bots))
	}
	f.RSSKiBPerClient = round3(float64(to.RSSKiB-before.RSSKiB) / float64(bots))
	return f
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }
