package game_test

// Checks of the section "Simulating the local player" of docs/protocol.md,
// the part of the protocol document a client predicting its own player is
// written from. The section's tables are test vectors: each trace is
// replayed through a World, the constants are compared with ArenaParams,
// and the worked ticks with docMove, a line-by-line transcription of the
// section's pseudocode, which is itself compared with MovePlayer bit for
// bit on random walks. So neither the code nor the document can change
// without the other.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"arena/assets"
	"arena/game"
)

// docFile is the document checked here.
const docFile = "../docs/protocol.md"

// docHeading opens the section checked here; it ends at the next "## ".
const docHeading = "## Simulating the local player"

// docTickRate is the tick rate of the section's tables.
const docTickRate = 60

// docSection returns the section's text.
func docSection(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(docFile)
	if err != nil {
		t.Fatal(err)
	}
	doc := "\n" + strings.ReplaceAll(string(data), "\r\n", "\n")
	_, sec, ok := strings.Cut(doc, "\n"+docHeading+"\n")
	if !ok {
		t.Fatalf("%s has no section %q", docFile, docHeading)
	}
	if j := strings.Index(sec, "\n## "); j >= 0 {
		sec = sec[:j+1]
	}
	return sec
}

// docTable is a Markdown table that follows a marker comment.
type docTable struct {
	marker string
	header []string
	rows   [][]string
}

// col returns the index of the column named name, failing the test when
// there is none.
func (tb *docTable) col(t testing.TB, name string) int {
	t.Helper()
	for i, h := range tb.header {
		if h == name {
			return i
		}
	}
	t.Fatalf("table %q has no column %q (columns %q)", tb.marker, name, tb.header)
	return -1
}

var (
	docMarker    = regexp.MustCompile(`(?m)^<!-- ([a-z-]+): ([^>]*?) -->$`)
	docSeparator = regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+$`)
)

// docTables returns every table of sec whose marker is <!-- kind: ... -->,
// keyed by what follows the colon.
func docTables(t testing.TB, sec, kind string) map[string]*docTable {
	t.Helper()
	tables := map[string]*docTable{}
	for _, m := range docMarker.FindAllStringSubmatchIndex(sec, -1) {
		if sec[m[2]:m[3]] != kind {
			continue
		}
		name := sec[m[4]:m[5]]
		if tables[name] != nil {
			t.Fatalf("two tables <!-- %s: %s -->", kind, name)
		}
		tb := &docTable{marker: kind + ": " + name}
		lines := strings.Split(strings.TrimLeft(sec[m[1]:], "\n"), "\n")
		for _, line := range lines {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "|") {
				break
			}
			cells := strings.Split(strings.Trim(line, "|"), "|")
			for i := range cells {
				cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
			}
			switch {
			case tb.header == nil:
				tb.header = cells
			case docSeparator.MatchString(line):
				// The line under the header.
			default:
				if len(cells) != len(tb.header) {
					t.Fatalf("table %q: row %q has %d cells, the header %d", tb.marker, line, len(cells), len(tb.header))
				}
				tb.rows = append(tb.rows, cells)
			}
		}
		if len(tb.rows) == 0 {
			t.Fatalf("<!-- %s: %s --> is not followed by a table", kind, name)
		}
		tables[name] = tb
	}
	return tables
}

// docMapJSON returns the trace map: the JSON block after <!-- trace-map -->.
func docMapJSON(t testing.TB, sec string) []byte {
	t.Helper()
	m := regexp.MustCompile("(?s)<!-- trace-map -->\\s*```json\n(.*?)```").FindStringSubmatch(sec)
	if m == nil {
		t.Fatal("no <!-- trace-map --> followed by a ```json block")
	}
	return []byte(m[1])
}

func docFloat(t testing.TB, tb *docTable, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, "−", "-"), 64)
	if err != nil {
		t.Fatalf("table %q: %v", tb.marker, err)
	}
	return v
}

func docInt(t testing.TB, tb *docTable, s string, lo, hi int) int {
	t.Helper()
	v, err := strconv.Atoi(strings.ReplaceAll(s, "−", "-"))
	if err != nil || v < lo || v > hi {
		t.Fatalf("table %q: %q is not an integer in [%d, %d]", tb.marker, s, lo, hi)
	}
	return v
}

// docNum formats v as the tables do: the shortest decimal that reads back as v.
func docNum(v float64) string {
	if v == 0 {
		return "0" // also -0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// docTraceRow is one row of a trace: the input of the tick and the state
// after it (row 0: no input, the start state).
type docTraceRow struct {
	tick           int
	in             game.Input
	x, y, vx, vy   float64
	cooldown, prot int
}

func (r docTraceRow) String() string {
	in := fmt.Sprintf("%d | %d | %d", r.in.MoveX, r.in.MoveY, r.in.Buttons)
	if r.tick == 0 {
		in = " |  | "
	}
	return fmt.Sprintf("| %d | %s | %s | %s | %s | %s | %d | %d |",
		r.tick, in, docNum(r.x), docNum(r.y), docNum(r.vx), docNum(r.vy), r.cooldown, r.prot)
}

// docTrace parses a trace table.
func docTrace(t testing.TB, tb *docTable) []docTraceRow {
	t.Helper()
	c := map[string]int{}
	for _, name := range []string{"tick", "move_x", "move_y", "buttons", "x", "y", "vx", "vy", "cooldown", "protect"} {
		c[name] = tb.col(t, name)
	}
	var rows []docTraceRow
	for i, cells := range tb.rows {
		r := docTraceRow{
			tick:     docInt(t, tb, cells[c["tick"]], i, i),
			x:        docFloat(t, tb, cells[c["x"]]),
			y:        docFloat(t, tb, cells[c["y"]]),
			vx:       docFloat(t, tb, cells[c["vx"]]),
			vy:       docFloat(t, tb, cells[c["vy"]]),
			cooldown: docInt(t, tb, cells[c["cooldown"]], 0, math.MaxUint16),
			prot:     docInt(t, tb, cells[c["protect"]], 0, math.MaxUint16),
		}
		if i > 0 {
			r.in = game.Input{
				MoveX:   int8(docInt(t, tb, cells[c["move_x"]], -127, 127)),
				MoveY:   int8(docInt(t, tb, cells[c["move_y"]], -127, 127)),
				Buttons: game.Buttons(docInt(t, tb, cells[c["buttons"]], 0, 255)),
			}
		}
		for _, v := range []float64{r.x, r.y, r.vx, r.vy} {
			if game.Quantize(v) != v {
				t.Fatalf("table %q tick %d: %v is not on the 1/%d grid", tb.marker, r.tick, v, game.QuantumPerUnit)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// TestProtocolDocTraces replays every <!-- trace: NAME --> table of the
// section through a World on the section's map, one player alone, and
// requires the exact state of every row; docMove and a client's
// prediction with SimulateCommand must agree as well.
func TestProtocolDocTraces(t *testing.T) {
	t.Parallel()
	sec := docSection(t)
	data := docMapJSON(t, sec)
	m, err := game.ParseMap("maps/trace.json", data)
	if err != nil {
		t.Fatal(err)
	}
	dm, err := docParseMap(data)
	if err != nil {
		t.Fatal(err)
	}
	rules := docRulesAt(t, docTickRate)
	traces := docTables(t, sec, "trace")
	if len(traces) == 0 {
		t.Fatal("the section has no <!-- trace: NAME --> table")
	}
	for name, tb := range traces {
		rows := docTrace(t, tb)
		got := docReplay(t, m, rows)
		predicted := docPredict(m, rows)
		failed := false
		for i := 1; i < len(rows); i++ {
			if got[i] != rows[i] {
				t.Errorf("trace %s tick %d:\n  document: %v\n  World:    %v", name, i, rows[i], got[i])
				failed = true
			}
			if predicted[i] != got[i] {
				t.Errorf("trace %s tick %d:\n  World:           %v\n  SimulateCommand: %v", name, i, got[i], predicted[i])
			}
			p := docPlayer{got[i-1].x, got[i-1].y, got[i-1].vx, got[i-1].vy}
			docMove(dm, rules, &p, rows[i].in.MoveX, rows[i].in.MoveY, nil)
			if want := (docPlayer{got[i].x, got[i].y, got[i].vx, got[i].vy}); p != want {
				t.Errorf("trace %s tick %d: docMove gives %v, the World %v", name, i, p, want)
			}
		}
		if failed {
			var b strings.Builder
			for _, r := range got {
				fmt.Fprintln(&b, r)
			}
			t.Logf("trace %s as the code has it:\n%s", name, b.String())
		}
	}
}

// docReplay returns the rows of a trace as a World computes them: rows[0]
// is the start state, and each later row's input is applied in turn.
func docReplay(t testing.TB, m *game.Map, rows []docTraceRow) []docTraceRow {
	t.Helper()
	w, err := game.NewWorld(game.Config{Map: m, TickRate: docTickRate})
	if err != nil {
		t.Fatal(err)
	}
	id, err := w.AddPlayer("trace")
	if err != nil {
		t.Fatal(err)
	}
	p := w.Player(id)
	p.Pos, p.Vel = game.Vec2{X: rows[0].x, Y: rows[0].y}, game.Vec2{X: rows[0].vx, Y: rows[0].vy}
	p.CooldownTicks, p.ProtectTicks = rows[0].cooldown, rows[0].prot
	got := []docTraceRow{rows[0]}
	for _, r := range rows[1:] {
		w.SetCommands(id, []game.Command{{Input: r.in}})
		w.Step()
		if !p.Alive {
			t.Fatalf("the player died at tick %d", r.tick)
		}
		got = append(got, docTraceRow{tick: r.tick, in: r.in, x: p.Pos.X, y: p.Pos.Y, vx: p.Vel.X, vy: p.Vel.Y, cooldown: p.CooldownTicks, prot: p.ProtectTicks})
	}
	return got
}

// docPredict returns the rows of a trace as a client predicting with
// SimulateCommand computes them, one command per tick, counting spawn
// protection down once per tick as the section says.
func docPredict(m *game.Map, rows []docTraceRow) []docTraceRow {
	p := game.Player{Alive: true, Pos: game.Vec2{X: rows[0].x, Y: rows[0].y}, Vel: game.Vec2{X: rows[0].vx, Y: rows[0].vy},
		CooldownTicks: rows[0].cooldown, ProtectTicks: rows[0].prot}
	cooldown := int(game.HitscanCooldown * docTickRate)
	got := []docTraceRow{rows[0]}
	for _, r := range rows[1:] {
		game.SimulateCommand(m, &p, r.in, 1.0/docTickRate, cooldown)
		if p.ProtectTicks > 0 {
			p.ProtectTicks--
		}
		got = append(got, docTraceRow{tick: r.tick, in: r.in, x: p.Pos.X, y: p.Pos.Y, vx: p.Vel.X, vy: p.Vel.Y, cooldown: p.CooldownTicks, prot: p.ProtectTicks})
	}
	return got
}

// TestProtocolDocConstants compares <!-- rules: 60 --> with ArenaParams and
// <!-- derived: 60 --> with the float64 values the section derives from them.
func TestProtocolDocConstants(t *testing.T) {
	t.Parallel()
	sec := docSection(t)
	want := map[string]int64{}
	for _, p := range game.ArenaParams(docTickRate) {
		want[p.Name] = p.Value
	}
	rules := docTables(t, sec, "rules")[strconv.Itoa(docTickRate)]
	if rules == nil {
		t.Fatalf("no <!-- rules: %d --> table", docTickRate)
	}
	name, value := rules.col(t, "name"), rules.col(t, "value")
	seen := map[string]bool{}
	for _, r := range rules.rows {
		v, ok := want[r[name]]
		switch {
		case !ok:
			t.Errorf("rules table: %s is not one of ArenaParams", r[name])
		case strconv.FormatInt(v, 10) != r[value]:
			t.Errorf("rules table: %s is %s, ArenaParams(%d) has %d", r[name], r[value], docTickRate, v)
		}
		seen[r[name]] = true
	}
	for n := range want {
		if !seen[n] {
			t.Errorf("rules table lacks %s", n)
		}
	}

	derived := docTables(t, sec, "derived")[strconv.Itoa(docTickRate)]
	if derived == nil {
		t.Fatalf("no <!-- derived: %d --> table", docTickRate)
	}
	dt := 1 / float64(docTickRate)
	values := map[string]float64{
		"dt":                dt,
		"ACCELERATION * dt": game.Acceleration * dt,
		"FRICTION * dt":     game.Friction * dt,
		"1 - FRICTION * dt": 1 - float64(game.Friction*dt),
		"AIM_TO_RAD":        game.AimToAngle(1),
	}
	name, value = derived.col(t, "name"), derived.col(t, "value")
	for _, r := range derived.rows {
		v, ok := values[r[name]]
		if !ok {
			t.Errorf("derived table: the test does not know %q", r[name])
			continue
		}
		if got := docFloat(t, derived, r[value]); got != v {
			t.Errorf("derived table: %s is %s, the code has %s", r[name], r[value], docNum(v))
		}
	}
}

// TestProtocolDocWorkedTicks checks the <!-- worked: ticks --> table: a
// column per tick ("TRACE TICK"), a row per value the pseudocode computes
// in that tick (empty when that tick does not compute it), against docMove.
func TestProtocolDocWorkedTicks(t *testing.T) {
	t.Parallel()
	sec := docSection(t)
	dm, err := docParseMap(docMapJSON(t, sec))
	if err != nil {
		t.Fatal(err)
	}
	rules := docRulesAt(t, docTickRate)
	traces := docTables(t, sec, "trace")
	tb := docTables(t, sec, "worked")["ticks"]
	if tb == nil || len(tb.header) < 2 {
		t.Fatal("the section has no <!-- worked: ticks --> table with a column per tick")
	}
	name := tb.col(t, "name")
	for col, key := range tb.header {
		if col == name {
			continue
		}
		var trace string
		var tick int
		if _, err := fmt.Sscanf(key, "%s %d", &trace, &tick); err != nil || traces[trace] == nil {
			t.Fatalf("worked table: column %q is not a trace's name and a tick", key)
		}
		rows := docTrace(t, traces[trace])
		if tick < 1 || tick >= len(rows) {
			t.Fatalf("worked table: trace %s has ticks 1..%d", trace, len(rows)-1)
		}
		p := docPlayer{rows[0].x, rows[0].y, rows[0].vx, rows[0].vy}
		for _, r := range rows[1:tick] {
			docMove(dm, rules, &p, r.in.MoveX, r.in.MoveY, nil)
		}
		got := map[string]float64{}
		in := rows[tick].in
		docMove(dm, rules, &p, in.MoveX, in.MoveY, func(name string, v float64) { got[name] = v })
		for _, r := range tb.rows {
			v, ok := got[r[name]]
			delete(got, r[name])
			switch cell := r[col]; {
			case !ok && cell != "":
				t.Errorf("worked table, %s: %s is %s, but that tick does not compute it", key, r[name], cell)
			case !ok:
			case cell == "":
				t.Errorf("worked table, %s: %s is empty, docMove has %s", key, r[name], docNum(v))
			case cell == "true" || cell == "false":
				if (v != 0) != (cell == "true") {
					t.Errorf("worked table, %s: %s is %s, docMove has %v", key, r[name], cell, v != 0)
				}
			default:
				if w := docFloat(t, tb, cell); w != v {
					t.Errorf("worked table, %s: %s is %s, docMove has %s", key, r[name], cell, docNum(v))
				}
			}
		}
		for n, v := range got {
			t.Errorf("worked table, %s: no row %s (docMove has %s)", key, n, docNum(v))
		}
	}
}

// TestProtocolDocMovementModel compares docMove, which collides with one
// rectangle per solid tile read from the Tiled JSON as the section says,
// with MovePlayer on ParseMap's merged walls, bit for bit: random walks on
// the section's map and the shipped arena at several tick rates.
func TestProtocolDocMovementModel(t *testing.T) {
	t.Parallel()
	arena, err := fs.ReadFile(assets.FS, "maps/"+assets.DefaultMap+".json")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"trace": docMapJSON(t, docSection(t)), assets.DefaultMap: arena} {
		m, err := game.ParseMap("maps/"+name+".json", data)
		if err != nil {
			t.Fatal(err)
		}
		dm, err := docParseMap(data)
		if err != nil {
			t.Fatal(err)
		}
		if dm.w != m.Width || dm.h != m.Height {
			t.Fatalf("map %s: docParseMap size %vx%v, ParseMap %vx%v", name, dm.w, dm.h, m.Width, m.Height)
		}
		rng := rand.New(rand.NewPCG(1, uint64(len(name))))
		for _, rate := range []int{60, 30, 20, 64, 128} {
			rules := docRulesAt(t, rate)
			for run := range 10 {
				p := &game.Player{Pos: m.Spawns[rng.IntN(len(m.Spawns))]}
				if run%2 == 1 {
					p.Vel = game.Vec2{X: game.Quantize(float64(rng.Float64()*360) - 180), Y: game.Quantize(float64(rng.Float64()*360) - 180)}
				}
				dp := docPlayer{p.Pos.X, p.Pos.Y, p.Vel.X, p.Vel.Y}
				var in game.Input
				for tick := range 2000 {
					if rng.IntN(15) == 0 {
						switch rng.IntN(4) {
						case 0:
							in = game.Input{}
						case 1:
							in = game.Input{MoveX: int8(rng.IntN(3)-1) * 127, MoveY: int8(rng.IntN(3)-1) * 127}
						default:
							in = game.Input{MoveX: int8(rng.IntN(255) - 127), MoveY: int8(rng.IntN(255) - 127)}
						}
					}
					before := dp
					game.MovePlayer(m, p, in, 1/float64(rate))
					docMove(dm, rules, &dp, in.MoveX, in.MoveY, nil)
					if dp != (docPlayer{p.Pos.X, p.Pos.Y, p.Vel.X, p.Vel.Y}) {
						t.Fatalf("map %s at %d Hz, run %d tick %d: from %v with move (%d,%d) docMove gives %v, MovePlayer (%v,%v) v(%v,%v)",
							name, rate, run, tick, before, in.MoveX, in.MoveY, dp, p.Pos.X, p.Pos.Y, p.Vel.X, p.Vel.Y)
					}
				}
			}
		}
	}
}

// docWorld is a map as the section describes it: its size, and one
// rectangle per solid tile and per rectangle object of the walls layers.
type docWorld struct {
	w, h  float64
	walls []game.Rect
}

// docParseMap reads a Tiled JSON map as the section says a client should
// (it checks nothing that ParseMap checks: the map is known to be valid).
func docParseMap(data []byte) (*docWorld, error) {
	type layer struct {
		Type, Name string
		Data       []uint32
		Objects    []struct{ GID, X, Y, Width, Height float64 }
		Layers     json.RawMessage
	}
	var tm struct {
		Width, Height, TileWidth, TileHeight int
		Layers                               json.RawMessage
	}
	if err := json.Unmarshal(data, &tm); err != nil {
		return nil, err
	}
	m := &docWorld{w: float64(tm.Width * tm.TileWidth), h: float64(tm.Height * tm.TileHeight)}
	tw, th := float64(tm.TileWidth), float64(tm.TileHeight)
	var walk func(raw json.RawMessage) error
	walk = func(raw json.RawMessage) error {
		var layers []layer
		if err := json.Unmarshal(raw, &layers); err != nil {
			return err
		}
		for _, l := range layers {
			switch {
			case l.Type == "group":
				if err := walk(l.Layers); err != nil {
					return err
				}
			case l.Type == "tilelayer" && l.Name == "walls":
				for i, gid := range l.Data {
					if gid&0x0fffffff == 0 {
						continue
					}
					c, r := float64(i%tm.Width), float64(i/tm.Width)
					m.walls = append(m.walls, game.Rect{Min: game.Vec2{X: c * tw, Y: r * th}, Max: game.Vec2{X: (c + 1) * tw, Y: (r + 1) * th}})
				}
			case l.Type == "objectgroup" && l.Name == "walls":
				for _, o := range l.Objects {
					y := o.Y
					if o.GID != 0 {
						y -= o.Height
					}
					m.walls = append(m.walls, game.Rect{Min: game.Vec2{X: o.X, Y: y}, Max: game.Vec2{X: o.X + o.Width, Y: y + o.Height}})
				}
			}
		}
		return nil
	}
	return m, walk(tm.Layers)
}

// docPlayer is the state move changes: position and velocity.
type docPlayer struct{ x, y, vx, vy float64 }

// docRules holds the constants of the pseudocode, taken from the rules a
// Welcome carries (ArenaParams) by name, as the section says a client does.
type docRules struct {
	dt, q, r, maxSpeed, accel, friction, stopSpeed float64
}

func docRulesAt(t testing.TB, tickRate int) *docRules {
	t.Helper()
	v := map[string]float64{}
	for _, p := range game.ArenaParams(tickRate) {
		v[p.Name] = float64(p.Value)
	}
	for _, name := range []string{"tick_rate", "quantum_per_unit", "player_radius", "max_speed", "acceleration", "friction", "stop_speed"} {
		if _, ok := v[name]; !ok {
			t.Fatalf("ArenaParams has no %s", name)
		}
	}
	return &docRules{
		dt: 1 / v["tick_rate"], q: v["quantum_per_unit"], r: v["player_radius"], maxSpeed: v["max_speed"],
		accel: v["acceleration"], friction: v["friction"], stopSpeed: v["stop_speed"],
	}
}

// The helpers of the pseudocode. Every product that a sum or difference
// follows is rounded by an explicit float64 conversion, as the section
// requires: without it the Go compiler may fuse them (arm64 does).
func docLen(x, y float64) float64 { return math.Sqrt(float64(x*x) + float64(y*y)) }

func docRoundHalfAway(x float64) float64 {
	r := math.Trunc(x)
	if math.Abs(x-r) >= 0.5 {
		r += math.Copysign(1, x)
	}
	return r
}

func (k *docRules) quantize(v float64) float64 { return docRoundHalfAway(float64(v*k.q)) / k.q }

// docMove is the section's move(P, in), line by line; note, when not nil,
// is told the values the worked table lists, by name (booleans as 0 or 1).
func docMove(m *docWorld, k *docRules, p *docPlayer, moveX, moveY int8, note func(string, float64)) {
	dt := k.dt
	if note == nil {
		note = func(string, float64) {}
	}
	mx, my := float64(moveX), float64(moveY)
	l := docLen(mx, my)
	note("l", l)
	var wx, wy float64
	if l > 0 {
		scale := math.Min(l/127, 1)
		tx := float64(mx / l * k.maxSpeed * scale)
		ty := float64(my / l * k.maxSpeed * scale)
		dvx, dvy := tx-p.vx, ty-p.vy
		step := k.accel * dt
		n := docLen(dvx, dvy)
		note("scale", scale)
		note("tx", tx)
		note("ty", ty)
		note("dvx", dvx)
		note("dvy", dvy)
		note("step", step)
		note("n", n)
		if n > step {
			kk := step / n
			note("k", kk)
			dvx, dvy = float64(dvx*kk), float64(dvy*kk)
		}
		wx, wy = p.vx+dvx, p.vy+dvy
	} else {
		f := math.Max(0, 1-float64(k.friction*dt))
		note("f", f)
		wx, wy = float64(p.vx*f), float64(p.vy*f)
		note("len(wx, wy)", docLen(wx, wy))
		if docLen(wx, wy) < k.stopSpeed {
			wx, wy = 0, 0
		}
	}
	note("wx", wx)
	note("wy", wy)
	s := docLen(wx, wy)
	note("s", s)
	if s > k.maxSpeed {
		c := k.maxSpeed / s
		note("c", c)
		wx, wy = float64(wx*c), float64(wy*c)
	}
	vx, vy := k.quantize(wx), k.quantize(wy)
	note("vx", vx)
	note("vy", vy)
	note("x + vx*dt", p.x+float64(vx*dt))
	gx := k.quantize(p.x + float64(vx*dt))
	note("gx", gx)
	x, hitX := docSweep(m, k, p.x, gx, p.y, m.w, true, func(name string, v float64) { note(name+"_x", v) })
	note("x", x)
	note("hit_x", docBool(hitX))
	if hitX {
		vx = 0
	}
	note("y + vy*dt", p.y+float64(vy*dt))
	gy := k.quantize(p.y + float64(vy*dt))
	note("gy", gy)
	y, hitY := docSweep(m, k, p.y, gy, x, m.h, false, func(name string, v float64) { note(name+"_y", v) })
	note("y", y)
	note("hit_y", docBool(hitY))
	if hitY {
		vy = 0
	}
	*p = docPlayer{x, y, vx, vy}
}

func docBool(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// docSweep is the section's sweep. It notes d, reach, a or b of the wall
// that decided where the move stops, if a wall did.
func docSweep(m *docWorld, k *docRules, from, to, other, size float64, xAxis bool, note func(string, float64)) (float64, bool) {
	R, Q := k.r, k.q
	hit := false
	if to < R {
		to, hit = R, true
	}
	if to > size-R {
		to, hit = size-R, true
	}
	if to == from {
		return to, hit
	}
	type stop struct {
		d, reach, edge, at float64
		forward            bool // edge is a (moving up the axis), else b
	}
	var stops []stop
	for _, w := range m.walls {
		lo, hi, olo, ohi := w.Min.X, w.Max.X, w.Min.Y, w.Max.Y
		if !xAxis {
			lo, hi, olo, ohi = w.Min.Y, w.Max.Y, w.Min.X, w.Max.X
		}
		d := 0.0
		if other < olo {
			d = olo - other
		} else if other > ohi {
			d = other - ohi
		}
		if d >= R {
			continue
		}
		reach := R
		if d != 0 {
			reach = math.Sqrt(float64(R*R) - float64(d*d))
		}
		a, b := lo-reach, hi+reach
		switch {
		case to > from && from <= a && to > a:
			to, hit = math.Max(from, math.Floor(a*Q)/Q), true
			stops = append(stops, stop{d, reach, a, to, true})
		case to < from && from >= b && to < b:
			to, hit = math.Min(from, math.Ceil(b*Q)/Q), true
			stops = append(stops, stop{d, reach, b, to, false})
		}
	}
	for _, s := range stops {
		if s.at == to {
			note("d", s.d)
			note("reach", s.reach)
			if s.forward {
				note("a", s.edge)
			} else {
				note("b", s.edge)
			}
			break
		}
	}
	return to, hit
}
