package game_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"arena/game"
)

// benchDocTable returns the rows (cells trimmed, header and separator
// dropped) of the table after marker in docs/protocol.md's "The bench
// rule".
func benchDocTable(t *testing.T, marker string) [][]string {
	t.Helper()
	data, err := os.ReadFile(docFile)
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "\n## The bench rule\n")
	if !ok {
		t.Fatalf("%s has no section \"The bench rule\"", docFile)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	_, after, ok := strings.Cut(sec, "<!-- "+marker+" -->\n")
	if !ok {
		t.Fatalf("the bench rule has no <!-- %s --> table", marker)
	}
	var rows [][]string
	for i, line := range strings.Split(after, "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		if i < 2 {
			continue // header, separator
		}
		var row []string
		for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
			row = append(row, strings.TrimSpace(c))
		}
		rows = append(rows, row)
	}
	return rows
}

// TestBenchDocRules: the rules table is BenchParams, in order.
func TestBenchDocRules(t *testing.T) {
	rows := benchDocTable(t, "bench-rules")
	params := game.BenchParams()
	if len(rows) != len(params) {
		t.Fatalf("the doc lists %d rules, BenchParams has %d", len(rows), len(params))
	}
	for i, p := range params {
		if name := strings.Trim(rows[i][1], "`"); name != p.Name || rows[i][2] != strconv.FormatInt(p.Value, 10) {
			t.Errorf("rule %d: the doc has %s %s, BenchParams %s %d", i, name, rows[i][2], p.Name, p.Value)
		}
	}
}

// TestBenchDocVectors replays the vectors through SimulateBenchCommand.
func TestBenchDocVectors(t *testing.T) {
	pair := func(s string) (float64, float64) {
		a, b, _ := strings.Cut(s, ",")
		x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		y, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad pair %q", s)
		}
		return x, y
	}
	rows := benchDocTable(t, "bench-vectors")
	if len(rows) < 4 {
		t.Fatalf("%d vectors", len(rows))
	}
	for _, r := range rows {
		x, y := pair(r[0])
		mx, my := pair(r[1])
		p := &game.Player{Pos: game.Vec2{X: x, Y: y}}
		game.SimulateBenchCommand(p, game.Input{MoveX: int8(mx), MoveY: int8(my)}, 1.0/60)
		wx, wy := pair(r[2])
		wvx, wvy := pair(r[3])
		if p.Pos != (game.Vec2{X: wx, Y: wy}) || p.Vel != (game.Vec2{X: wvx, Y: wvy}) {
			t.Errorf("row %q: the code gives pos %v vel %v", r, p.Pos, p.Vel)
		}
	}
}
