package prom_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"arena/game/gametest"
	"arena/server"
	"arena/server/prom"
)

// dashboardFile is the Grafana dashboard, from this package's directory.
const dashboardFile = "../../deploy/grafana/arena.json"

// metricName matches the metric names of the exporter's families in a
// PromQL expression.
var metricName = regexp.MustCompile(`\b(?:gameserver|go|process)_[a-z0-9_]+\b`)

// TestDashboardUsesExposedMetrics: every metric the Grafana dashboard's
// expressions and variables name is one the registry exposes (a
// histogram's _bucket, _sum and _count by its family), so renaming a metric
// fails here; and every panel queries the dashboard's data source
// variable, so the dashboard imports into any Grafana.
func TestDashboardUsesExposedMetrics(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(dashboardFile)
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Templating struct {
			List []struct {
				Name  string          `json:"name"`
				Type  string          `json:"type"`
				Query json.RawMessage `json:"query"`
			} `json:"list"`
		} `json:"templating"`
		Panels []struct {
			Title      string `json:"title"`
			Type       string `json:"type"`
			Datasource struct {
				UID string `json:"uid"`
			} `json:"datasource"`
			Targets []struct {
				Expr       string `json:"expr"`
				Datasource struct {
					UID string `json:"uid"`
				} `json:"datasource"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(data, &dash); err != nil {
		t.Fatalf("%s: %v", dashboardFile, err)
	}

	// What the registry exposes: the Collector's families (some have no
	// sample until something happens) and what Go and the process gather.
	srv, err := server.New(server.Config{Maps: gametest.MapFS("test", gametest.DuelJSON()), MapName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	fams, err := prom.NewRegistry(srv).Gather()
	if err != nil {
		t.Fatal(err)
	}
	exposed := map[string]bool{}
	for _, n := range prom.Names() {
		exposed[n] = true
	}
	for _, f := range fams {
		exposed[f.GetName()] = true
	}
	known := func(name string) bool {
		if exposed[name] {
			return true
		}
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if base, ok := strings.CutSuffix(name, suffix); ok && exposed[base] {
				return true
			}
		}
		return false
	}

	var used []string
	check := func(where, expr string) {
		names := metricName.FindAllString(expr, -1)
		if len(names) == 0 {
			t.Errorf("%s: expression %q names no metric of the exporter", where, expr)
		}
		for _, n := range names {
			if !known(n) {
				t.Errorf("%s: %q is not a metric the exporter exposes (expression %q)", where, n, expr)
			}
			used = append(used, n)
		}
	}
	hasDatasourceVar := false
	for _, v := range dash.Templating.List {
		switch v.Type {
		case "datasource":
			hasDatasourceVar = v.Name == "datasource"
		case "query":
			check("variable "+v.Name, string(v.Query))
		}
	}
	if !hasDatasourceVar {
		t.Errorf("no data source variable named datasource: the dashboard would be tied to one Grafana's data source")
	}
	panels := 0
	for _, p := range dash.Panels {
		if p.Type == "row" {
			continue
		}
		panels++
		if p.Datasource.UID != "${datasource}" {
			t.Errorf("panel %q: data source %q, want ${datasource}", p.Title, p.Datasource.UID)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, tg := range p.Targets {
			check("panel "+p.Title, tg.Expr)
		}
	}
	// The panels the issue asks for.
	for _, want := range []string{"gameserver_tick_lateness_seconds_bucket", "gameserver_tick_overruns_total",
		"gameserver_players", "gameserver_rooms", "gameserver_connections", "gameserver_bytes_sent_total",
		"gameserver_bytes_received_total", "gameserver_disconnects_total", "gameserver_bad_messages_total",
		"gameserver_joins_total"} {
		if !slices.Contains(used, want) {
			t.Errorf("the dashboard does not chart %s", want)
		}
	}
	if panels < 10 {
		t.Errorf("%d panels, want at least 10", panels)
	}
}
