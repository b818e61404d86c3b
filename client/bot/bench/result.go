package main

import (
	"fmt"
	"math"
	"strings"
)

// result is the JSON line of one run. A pointer field is null when the
// figure could not be measured; Missing says why.
type result struct {
	Mode      string   `json:"mode"`
	Swarm     string   `json:"swarm"`                // lite or session
	LiteReads string   `json:"lite_reads,omitempty"` // the lite swarm's: poll or wake (see lite.go)
	Clients   int      `json:"clients"`
	Joined    int      `json:"joined"`     // bots seated when the window began
	WindowS   float64  `json:"window_s"`   // the steady window measured
	DurationS float64  `json:"duration_s"` // the swarm's whole run
	JoinS     *float64 `json:"join_s"`     // from the first dial until every bot was seated
	StaggerMs float64  `json:"stagger_ms"` // between two dials
	Rooms     int      `json:"rooms"`

	TickRateMin  *float64 `json:"tick_rate_min"` // per room, over 1 s samples of the window
	TickRateMean *float64 `json:"tick_rate_mean"`

	TickDurationMsP50 *float64 `json:"tick_duration_ms_p50"`
	TickDurationMsP99 *float64 `json:"tick_duration_ms_p99"`
	TickLatenessMsP99 *float64 `json:"tick_lateness_ms_p99"`
	Ticks             *float64 `json:"ticks"` // in the window, all rooms

	ServerCPUPct          float64 `json:"server_cpu_pct"` // of one core
	ServerCPUPctPerClient float64 `json:"server_cpu_pct_per_client"`
	ServerRSSMiB          float64 `json:"server_rss_mib"`        // at the end of the window
	ServerRSSMiBBefore    float64 `json:"server_rss_mib_before"` // before the first bot
	ServerRSSKiBPerClient float64 `json:"server_rss_kib_per_client"`

	BytesDownPerClientPerS float64 `json:"bytes_down_per_client_per_s"`
	BytesUpPerClientPerS   float64 `json:"bytes_up_per_client_per_s"`
	SnapshotsPerSPerClient float64 `json:"snapshots_per_s_per_client"`
	InputMsgsPerSPerClient float64 `json:"input_messages_per_s_per_client"`

	SwarmCPUPct       float64 `json:"swarm_cpu_pct"` // of one core
	SwarmCPUPctPerBot float64 `json:"swarm_cpu_pct_per_bot"`

	MispredictionsPerMin *float64 `json:"mispredictions_per_min"` // per bot; the session swarm only
	Errors               int      `json:"errors"`
	Disconnects          int      `json:"disconnects"`
	FirstError           string   `json:"first_error,omitempty"`
	CPUs                 int      `json:"cpus"`
	// LoadAvg is the machine's 1-minute load average at the end of the
	// window: well over what server and swarm use means other work ran.
	LoadAvg *float64 `json:"load_avg_1m"`
	Missing []string `json:"missing,omitempty"`
}

// float returns a pointer to v rounded to 3 decimals, nil for NaN.
func float(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	r := round3(v)
	return &r
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// summary is a few human-readable lines.
func (r *result) summary() string {
	var b strings.Builder
	str := func(p *float64) string {
		if p == nil {
			return "n/a"
		}
		return fmt.Sprintf("%g", *p)
	}
	fmt.Fprintf(&b, "bench: %d clients (%d seated in %s s, %d rooms), window %.1f s, load average %s on %d CPUs\n",
		r.Clients, r.Joined, str(r.JoinS), r.Rooms, r.WindowS, str(r.LoadAvg), r.CPUs)
	fmt.Fprintf(&b, "rooms: tick rate min %s mean %s; tick duration p50 %s ms p99 %s ms, lateness p99 %s ms\n",
		str(r.TickRateMin), str(r.TickRateMean), str(r.TickDurationMsP50), str(r.TickDurationMsP99), str(r.TickLatenessMsP99))
	fmt.Fprintf(&b, "server: %.1f%% of a core (%.4f%% per client), RSS %.1f MiB (%.1f KiB per client)\n",
		r.ServerCPUPct, r.ServerCPUPctPerClient, r.ServerRSSMiB, r.ServerRSSKiBPerClient)
	reads := ""
	if r.LiteReads != "" {
		reads = ", reads: " + r.LiteReads
	}
	fmt.Fprintf(&b, "swarm (%s%s): %.1f%% of a core (%.4f%% per bot); per client %.0f B/s down, %.0f B/s up, %.1f snapshots/s\n",
		r.Swarm, reads, r.SwarmCPUPct, r.SwarmCPUPctPerBot, r.BytesDownPerClientPerS, r.BytesUpPerClientPerS, r.SnapshotsPerSPerClient)
	for _, m := range r.Missing {
		fmt.Fprintf(&b, "missing: %s\n", m)
	}
	return b.String()
}
