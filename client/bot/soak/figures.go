package soak

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// A figure's end may exceed its start by a share of the start plus an
// absolute slack; more fails the soak. Heap and goroutines are the leak
// detectors: at both moments the same bots are seated (and no hostile
// client), so a few percent covers what churn left in flight. RSS gets
// more room, since the Go runtime returns freed memory to the system
// lazily.
var limits = map[string]struct {
	share float64
	slack uint64
}{
	"heap_inuse": {0.05, 1 << 20},
	"goroutines": {0.05, 5},
	"rss":        {0.10, 8 << 20},
}

// figureRow is one figure at the start and the end, with its limit.
type figureRow struct {
	name       string
	start, end uint64
	bytes      bool
}

func (f serverFigures) rows(end serverFigures) []figureRow {
	return []figureRow{
		{"heap_inuse", f.HeapInuse, end.HeapInuse, true},
		{"goroutines", uint64(f.Goroutines), uint64(end.Goroutines), false},
		{"rss", f.RSS, end.RSS, true},
	}
}

// limit returns the most the end may be.
func (r figureRow) limit() uint64 {
	l := limits[r.name]
	return r.start + uint64(l.share*float64(r.start)) + l.slack
}

func (r figureRow) format(v uint64) string {
	if r.bytes {
		return fmt.Sprintf("%.1f MiB", float64(v)/(1<<20))
	}
	return fmt.Sprint(v)
}

// compare writes the table of start and end figures to w and returns what
// exceeded its limit.
func compare(w io.Writer, start, end serverFigures) []string {
	var over []string
	fmt.Fprintf(w, "%-12s %12s %12s %9s %12s  %s\n", "server", "start", "end", "change", "limit", "")
	for _, r := range start.rows(end) {
		change := 100 * (float64(r.end) - float64(r.start)) / max(1, float64(r.start))
		verdict := "ok"
		if r.end > r.limit() {
			verdict = "OVER"
			over = append(over, fmt.Sprintf("%s grew from %s to %s, over the limit %s (+%.0f%% + %s)",
				r.name, r.format(r.start), r.format(r.end), r.format(r.limit()), 100*limits[r.name].share, r.format(limits[r.name].slack)))
		}
		fmt.Fprintf(w, "%-12s %12s %12s %+8.1f%% %12s  %s\n", r.name, r.format(r.start), r.format(r.end), change, r.format(r.limit()), verdict)
	}
	fmt.Fprintf(w, "%-12s %12d %12d\n", "rooms", start.Rooms, end.Rooms)
	fmt.Fprintf(w, "%-12s %12d %12d\n", "players", start.Players, end.Players)
	return over
}

// soakReport is the JSON line the soak prints at its end.
type soakReport struct {
	Minutes      float64        `json:"minutes"`
	Bots         int            `json:"bots"`
	HostileKinds int            `json:"hostile_per_kind"`
	Start        serverFigures  `json:"start"`
	End          serverFigures  `json:"end"`
	Joins        int64          `json:"joins"`
	JoinFailures map[string]int `json:"join_failures"`
	Leaves       int64          `json:"leaves"`
	Cuts         int64          `json:"cuts"`
	Resumes      int64          `json:"resumes"`
	ResumeMsP50  float64        `json:"resume_ms_p50"`
	ResumeMsP99  float64        `json:"resume_ms_p99"`
	ResumeMsMax  float64        `json:"resume_ms_max"`
	CutEnded     map[string]int `json:"cut_then_ended"` // replaced by a new bot
	Stuck        int64          `json:"stuck"`
	Ended        map[string]int `json:"ended_unprovoked"`
	// Hostile is how each kind's clients ended, by close code or error.
	Hostile     map[string]map[string]int `json:"hostile"`
	ServerError int                       `json:"server_log_errors"`
	Over        []string                  `json:"over_limit"`
}

func (r soakReport) jsonLine() string {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Sprintf(`{"error":%q}`, err)
	}
	return strings.TrimSpace(string(b))
}
