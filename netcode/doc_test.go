package netcode_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"arena/assets"
	"arena/game"
	"arena/netcode"
)

// The worked examples of docs/protocol.md, built the way the server and
// the Go client build them. TestProtocolDocExamples checks that every hex
// block in the document is what the encoder writes, that the size stated
// before it is right, that each block's annotation table covers its bytes
// in order, and that the decoder (and, for snapshots, View.Apply) turns the
// document's bytes into exactly the values the document states; and that
// the document's table of the arena's rules is what Welcome carries.

const docPath = "../docs/protocol.md"

// The story of the examples: Bob joins room r1, where Ada plays, on the
// arena map (1280x960 units) at the default rates.
const (
	docAda game.PlayerID = 1
	docBob game.PlayerID = 2
)

func docHello() netcode.Hello { return netcode.Hello{Version: netcode.Version, Name: "Bob"} }

// docInputs is a batch of two inputs made while Bob's newest snapshot was
// tick 1200 and he was drawing the others at ticks 1196 and 1197.
func docInputs() netcode.Inputs {
	m := netcode.Inputs{AckTick: 1200, N: 2}
	m.Frames[0] = netcode.InputFrame{Seq: 41, RenderTick: 1196, Input: game.Input{MoveX: 127, Aim: 16384}}
	m.Frames[1] = netcode.InputFrame{Seq: 42, RenderTick: 1197,
		Input: game.Input{MoveX: 90, MoveY: -90, Aim: 16384, Buttons: game.ButtonFire}}
	return m
}

func docWelcome() netcode.Welcome {
	w := netcode.Welcome{
		PlayerID: docBob, RoomID: "r1", Map: "arena", Mode: game.ModeArena,
		TickRate: 60, SnapshotRate: 30, ServerTick: 1190,
		ViewWidth: 1600, ViewHeight: 1040,
		Roster: []netcode.RosterEntry{{ID: docAda, Name: "Ada"}, {ID: docBob, Name: "Bob"}},
	}
	for _, p := range game.ArenaParams(60) {
		w.Rules = append(w.Rules, netcode.Rule{Name: p.Name, Value: p.Value})
	}
	return w
}

// docFrame is the room at tick 1210 or 1212 (Bob held at 1211, then caught
// up on inputs 53 and 54), as the server captures it.
func docFrame(tick uint32) *netcode.Frame {
	ada := netcode.PlayerState{
		ID: docAda, X: netcode.ToFixed(520.25), Y: netcode.ToFixed(270.75), VX: -1380, VY: 600,
		Aim: 49152, Health: 100, Flags: netcode.FlagAlive, Kills: 1, Deaths: 2, Score: 1,
	}
	bob := netcode.PlayerState{
		ID: docBob, X: netcode.ToFixed(400.5), Y: netcode.ToFixed(272), VX: netcode.ToFixed(260),
		Aim: 16384, Health: 75, Flags: netcode.FlagAlive, CooldownTicks: 3, Kills: 2, Deaths: 1, Score: 2,
	}
	if tick == 1212 {
		ada.X, ada.Y, ada.CooldownTicks = netcode.ToFixed(517.375), netcode.ToFixed(272), 13
		bob.X, bob.CooldownTicks = netcode.ToFixed(409.125), 1
	}
	return &netcode.Frame{Tick: tick, Players: []netcode.PlayerState{ada, bob}}
}

// docVisible is what Bob sees of f through the server's interest grid.
func docVisible(t *testing.T, f *netcode.Frame) []game.PlayerID {
	t.Helper()
	in := netcode.NewInterest(1280, 960, 1600, 1040, 64)
	in.Index(f)
	vis := in.Visible(nil, docBob, nil)
	if !reflect.DeepEqual(vis, []game.PlayerID{docAda}) {
		t.Fatalf("Bob sees %v at tick %d, want Ada", vis, f.Tick)
	}
	return vis
}

// docSnapshots builds the full snapshot of tick 1210 and the delta of tick
// 1212 against it, as Room.sendSnapshot does.
func docSnapshots(t *testing.T) (full, delta netcode.Snapshot) {
	f1210, f1212 := docFrame(1210), docFrame(1212)
	vis1210, vis1212 := docVisible(t, f1210), docVisible(t, f1212)
	full.Build(f1210, &netcode.Recipient{Self: docBob, Visible: vis1210, AckSeq: 52})
	full.Events = append(full.Events, netcode.Event{Kind: netcode.EventChat, Tick: 1209, Player: docAda, Text: "hi"})
	delta.Build(f1212, &netcode.Recipient{
		Self: docBob, Visible: vis1212, Base: f1210, BaseVisible: vis1210,
		AckSeq: 54, Steps: []uint32{0, 2},
	})
	delta.Events = append(delta.Events, netcode.ShotOf(1211, game.Event{
		Kind: game.EventShot, Actor: docAda, From: game.Vec2{X: 519, Y: 271.5}, To: game.Vec2{X: 519, Y: 32},
	}))
	return full, delta
}

// TestProtocolDocDeltaIsACatchUp checks the delta example's story against
// the simulation: Bob is held at tick 1211 (step 0) and catches up on
// inputs 53 and 54 at tick 1212 (step 2), so simulating those two inputs
// from his state at tick 1210 gives his state at tick 1212, on the arena
// map at 60 Hz; one input alone does not.
func TestProtocolDocDeltaIsACatchUp(t *testing.T) {
	t.Parallel()
	m, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	_, delta := docSnapshots(t)
	if !reflect.DeepEqual(delta.Own.Steps, []uint32{0, 2}) || delta.Own.AckSeq != 54 {
		t.Fatalf("delta steps %v ack_seq %d, want [0 2] and 54", delta.Own.Steps, delta.Own.AckSeq)
	}
	cooldown := int(game.HitscanCooldown * 60)
	right := game.Input{MoveX: 127, Aim: 16384}
	want := docFrame(1212).Player(docBob)
	var p game.Player
	docFrame(1210).Player(docBob).ApplyTo(&p)
	for n := 1; n <= 2; n++ {
		game.SimulateCommand(m, &p, right, 1.0/60, cooldown)
		got := netcode.PlayerStateOf(&p)
		same := got.X == want.X && got.Y == want.Y && got.VX == want.VX && got.VY == want.VY &&
			got.CooldownTicks == want.CooldownTicks
		if n == 2 && !same {
			t.Errorf("inputs 53 and 54 from tick 1210 give x %d y %d v(%d,%d) cooldown %d; the delta says x %d y %d v(%d,%d) cooldown %d",
				got.X, got.Y, got.VX, got.VY, got.CooldownTicks, want.X, want.Y, want.VX, want.VY, want.CooldownTicks)
		}
		if n == 1 && same {
			t.Errorf("input 53 alone already gives tick 1212's state: the example does not need the catch-up")
		}
	}
}

// What the document says the examples decode to.
var (
	docWantFull = netcode.Snapshot{
		Tick: 1210, Baseline: 0,
		Own: netcode.OwnUpdate{
			Mask: 63, X: 6408, Y: 4352, VX: 4160, VY: 0, Health: 75, Flags: 1,
			RespawnTicks: 0, CooldownTicks: 3, ProtectTicks: 0, Kills: 2, Deaths: 1, Score: 2, AckSeq: 52,
		},
		Players: []netcode.PlayerUpdate{{
			ID: 1, Mask: 16, X: 1041, Y: 542, Aim: 192, Health: 100, Flags: 1, Kills: 1, Deaths: 2, Score: 1,
		}},
		Events: []netcode.Event{{Kind: netcode.EventChat, Tick: 1209, Player: 1, Text: "hi"}},
	}
	docWantDelta = netcode.Snapshot{
		Tick: 1212, Baseline: 2,
		Own:     netcode.OwnUpdate{Mask: 33, X: 138, Y: 0, AckSeq: 54, Steps: []uint32{0, 2}},
		Players: []netcode.PlayerUpdate{{ID: 1, Mask: 1, X: -6, Y: 2}},
		Events: []netcode.Event{{
			Kind: netcode.EventShot, Tick: 1211, Player: 1, Other: 0, FromX: 1038, FromY: 543, ToX: 1038, ToY: 64,
		}},
	}
	docViewFull = netcode.View{
		Tick: 1210, Self: 2, AckSeq: 52,
		Own: netcode.PlayerState{
			ID: 2, X: 6408, Y: 4352, VX: 4160, Health: 75, Flags: 1, CooldownTicks: 3, Kills: 2, Deaths: 1, Score: 2,
		},
		Others: []netcode.RemotePlayer{{ID: 1, X: 1041, Y: 542, Aim: 192, Health: 100, Flags: 1, Kills: 1, Deaths: 2, Score: 1}},
	}
	docViewDelta = netcode.View{
		Tick: 1212, Self: 2, AckSeq: 54,
		Own: netcode.PlayerState{
			ID: 2, X: 6546, Y: 4352, VX: 4160, Health: 75, Flags: 1, CooldownTicks: 1, Kills: 2, Deaths: 1, Score: 2,
		},
		Others: []netcode.RemotePlayer{{ID: 1, X: 1035, Y: 544, Aim: 192, Health: 100, Flags: 1, Kills: 1, Deaths: 2, Score: 1}},
	}
)

// docBlock is one example of the document: its hex, the size the prose
// before it states (-1 when it states none), and the hex of its annotation
// table's first column, row by row.
type docBlock struct {
	hex      []byte
	size     int
	rows     []byte
	nrows    int
	tableErr string
}

var (
	exampleMarker = regexp.MustCompile(`^<!-- example: ([a-z_]+) -->$`)
	statedSize    = regexp.MustCompile(`(?:^| )(\d+) bytes:$`)
	rowBytes      = regexp.MustCompile("^\\|\\s*`([0-9a-f ]+)`\\s*\\|")
)

// docExamples parses the example blocks out of the document: a paragraph
// ending in "N bytes:", a marker line, a fenced block of hex, then (after
// blank lines) a table whose first column holds the bytes of each row in
// backquotes.
func docExamples(t *testing.T, doc []byte) map[string]*docBlock {
	t.Helper()
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(doc))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	out := map[string]*docBlock{}
	for i := 0; i < len(lines); i++ {
		m := exampleMarker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		name := m[1]
		if out[name] != nil {
			t.Errorf("example %q appears twice", name)
		}
		b := &docBlock{size: -1}
		out[name] = b
		for j := i - 1; j >= 0; j-- {
			if strings.TrimSpace(lines[j]) == "" {
				continue
			}
			if sm := statedSize.FindStringSubmatch(lines[j]); sm != nil {
				b.size, _ = strconv.Atoi(sm[1])
			}
			break
		}
		i++
		if i >= len(lines) || lines[i] != "```" {
			t.Fatalf("example %q: marker not followed by a fenced block", name)
		}
		var hexText strings.Builder
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			hexText.WriteString(lines[i] + " ")
		}
		b.hex = unhex(t, hexText.String())
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) == ""; i++ {
		}
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i], "| Bytes |") || !strings.HasPrefix(lines[i+1], "|---") {
			b.tableErr = "no annotation table (| Bytes | ... |) right after the block"
			continue
		}
		for i += 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
			r := rowBytes.FindStringSubmatch(lines[i])
			if r == nil {
				b.tableErr = fmt.Sprintf("row %q does not start with `hex`", lines[i])
				break
			}
			b.rows = append(b.rows, unhex(t, r[1])...)
			b.nrows++
		}
		i-- // the line after the table may be the next marker
	}
	return out
}

// docHex formats b as the document's blocks do, 16 bytes a line, for
// failure messages that say what to paste.
func docHex(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		switch {
		case i > 0 && i%16 == 0:
			s.WriteByte('\n')
		case i > 0:
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%02x", c)
	}
	return s.String()
}

func TestProtocolDocExamples(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	blocks := docExamples(t, doc)

	e := netcode.NewEncoder()
	hello, inputs, welcome := docHello(), docInputs(), docWelcome()
	full, delta := docSnapshots(t)
	armed, armedDelta := docArmedSnapshots()
	want := map[string][]byte{
		"hello":                bytes.Clone(e.Hello(&hello)),
		"hello_private":        bytes.Clone(e.Hello(&netcode.Hello{Version: netcode.Version, Name: "Ada", Flags: netcode.HelloPrivate})),
		"inputs":               bytes.Clone(e.Inputs(&inputs)),
		"welcome":              bytes.Clone(e.Welcome(&welcome)),
		"snapshot_full":        bytes.Clone(e.Snapshot(&full)),
		"snapshot_delta":       bytes.Clone(e.Snapshot(&delta)),
		"snapshot_match":       bytes.Clone(e.Snapshot(docMatchSnapshot())),
		"snapshot_armed":       bytes.Clone(e.Snapshot(&armed)),
		"snapshot_armed_delta": bytes.Clone(e.Snapshot(&armedDelta)),
	}

	// (a) The document's bytes are the encoder's, and the tables annotate
	// every byte, in order.
	for name, w := range want {
		b := blocks[name]
		if b == nil {
			t.Errorf("docs/protocol.md lacks example %q; the encoder writes:\n%s", name, docHex(w))
			continue
		}
		if !bytes.Equal(b.hex, w) {
			t.Errorf("example %q in docs/protocol.md:\n%s\nthe encoder writes (%d bytes):\n%s", name, docHex(b.hex), len(w), docHex(w))
		}
		if b.size != len(b.hex) {
			t.Errorf("example %q: the text before it says %d bytes, the block has %d", name, b.size, len(b.hex))
		}
		switch {
		case b.tableErr != "":
			t.Errorf("example %q: %s", name, b.tableErr)
		case !bytes.Equal(b.rows, b.hex):
			t.Errorf("example %q: the annotation table's %d rows hold\n%s\nbut the block is\n%s", name, b.nrows, docHex(b.rows), docHex(b.hex))
		}
	}
	for name := range blocks {
		if want[name] == nil {
			t.Errorf("docs/protocol.md has example %q that this test does not know", name)
		}
	}

	// The snapshots the server builds are the ones documented.
	if got := canonSnapshot(&full, false); !reflect.DeepEqual(got, canonSnapshot(&docWantFull, false)) {
		t.Errorf("built full snapshot %+v\nwant %+v", got, docWantFull)
	}
	if got := canonSnapshot(&delta, false); !reflect.DeepEqual(got, canonSnapshot(&docWantDelta, false)) {
		t.Errorf("built delta snapshot %+v\nwant %+v", got, docWantDelta)
	}

	// (b) Decoding the document's bytes gives the documented values.
	hexOf := func(name string) []byte {
		if b := blocks[name]; b != nil {
			return b.hex
		}
		return want[name]
	}
	d := netcode.NewDecoder()
	var cm netcode.ClientMessage
	if err := d.DecodeClient(hexOf("hello"), &cm); err != nil || cm.Type != netcode.MsgHello {
		t.Errorf("hello: type %d, %v", cm.Type, err)
	} else if wantHello := (netcode.Hello{Version: 3, Name: "Bob"}); !reflect.DeepEqual(canonClient(&cm), wantHello) {
		t.Errorf("hello decodes to %+v, want %+v", canonClient(&cm), wantHello)
	}
	if err := d.DecodeClient(hexOf("hello_private"), &cm); err != nil || cm.Type != netcode.MsgHello {
		t.Errorf("hello_private: type %d, %v", cm.Type, err)
	} else if want := (netcode.Hello{Version: 3, Name: "Ada", Flags: netcode.HelloPrivate}); !reflect.DeepEqual(canonClient(&cm), want) {
		t.Errorf("hello_private decodes to %+v, want %+v", canonClient(&cm), want)
	}
	if err := d.DecodeClient(hexOf("inputs"), &cm); err != nil || cm.Type != netcode.MsgInput {
		t.Errorf("inputs: type %d, %v", cm.Type, err)
	} else {
		wantIn := inputsView{AckTick: 1200, Window: []netcode.InputFrame{
			{Seq: 41, RenderTick: 1196, Input: game.Input{MoveX: 127, MoveY: 0, Aim: 16384, Buttons: 0}},
			{Seq: 42, RenderTick: 1197, Input: game.Input{MoveX: 90, MoveY: -90, Aim: 16384, Buttons: 1}},
		}}
		if got := canonClient(&cm); !reflect.DeepEqual(got, wantIn) {
			t.Errorf("inputs decode to %+v, want %+v", got, wantIn)
		}
	}

	checkDocMatch(t, d, hexOf("snapshot_match"))
	var sm netcode.ServerMessage
	if err := d.DecodeServer(hexOf("welcome"), &sm); err != nil || sm.Type != netcode.MsgWelcome {
		t.Errorf("welcome: type %d, %v", sm.Type, err)
	} else {
		got := sm.Welcome
		got.Rules = nil
		wantW := netcode.Welcome{
			PlayerID: 2, RoomID: "r1", Map: "arena", Mode: "arena", TickRate: 60, SnapshotRate: 30,
			ServerTick: 1190, ViewWidth: 1600, ViewHeight: 1040,
			Roster: []netcode.RosterEntry{{ID: 1, Name: "Ada"}, {ID: 2, Name: "Bob"}},
		}
		if !reflect.DeepEqual(got, wantW) {
			t.Errorf("welcome decodes to %+v, want %+v", got, wantW)
		}
		checkDocRules(t, doc, sm.Welcome.Rules)
	}

	v := netcode.View{Self: docBob}
	for _, step := range []struct {
		name     string
		snap     *netcode.Snapshot
		wantView *netcode.View
		frame    *netcode.Frame
		ack      uint32
	}{
		{"snapshot_full", &docWantFull, &docViewFull, docFrame(1210), 52},
		{"snapshot_delta", &docWantDelta, &docViewDelta, docFrame(1212), 54},
	} {
		if err := d.DecodeServer(hexOf(step.name), &sm); err != nil || sm.Type != netcode.MsgSnapshot {
			t.Fatalf("%s: type %d, %v", step.name, sm.Type, err)
		}
		if got := canonSnapshot(&sm.Snapshot, false); !reflect.DeepEqual(got, canonSnapshot(step.snap, false)) {
			t.Errorf("%s decodes to %+v\nwant %+v", step.name, got, *step.snap)
		}
		if err := v.Apply(&sm.Snapshot); err != nil {
			t.Fatalf("%s: apply: %v", step.name, err)
		}
		if !sameView(&v, step.wantView) {
			t.Errorf("%s: view %s", step.name, viewDiff(&v, step.wantView))
		}
		// And that is what the server's state at that tick says Bob knows.
		wantView(t, &v, step.frame, docBob, []game.PlayerID{docAda}, step.ack)
	}
}

// checkDocRules checks the document's rules table (the rows after the
// "<!-- rules -->" marker: | # | `name` | value | ...) against the rules
// a 60 Hz arena Welcome carries, in order.
func checkDocRules(t *testing.T, doc []byte, got []netcode.Rule) {
	t.Helper()
	_, after, ok := bytes.Cut(doc, []byte("<!-- rules -->\n"))
	if !ok {
		t.Error("docs/protocol.md lacks the <!-- rules --> table")
		return
	}
	row := regexp.MustCompile("^\\| (\\d+) \\| `([a-z_]+)` \\| (-?\\d+) \\|")
	var table []netcode.Rule
	for i, line := range strings.Split(string(after), "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		if i < 2 {
			continue // header and separator
		}
		m := row.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("rules table row %q: want | index | `name` | value |", line)
			continue
		}
		v, _ := strconv.ParseInt(m[3], 10, 64)
		if idx, _ := strconv.Atoi(m[1]); idx != len(table) {
			t.Errorf("rules table row %q: index %d, want %d", line, idx, len(table))
		}
		table = append(table, netcode.Rule{Name: m[2], Value: v})
	}
	if !reflect.DeepEqual(table, got) {
		t.Errorf("docs/protocol.md rules table:\n%v\nWelcome at 60 Hz carries:\n%v", table, got)
	}
}
