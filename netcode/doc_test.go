package netcode_test

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"arena/game"
	"arena/netcode"
)

// TestProtocolDocExamples checks that the hex examples in docs/protocol.md
// are what the encoder writes, so the document cannot drift from the code.
func TestProtocolDocExamples(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../docs/protocol.md")
	if err != nil {
		t.Fatal(err)
	}
	in := netcode.Inputs{AckTick: 1200, RenderTick: 1194, N: 3}
	in.Frames[0] = netcode.InputFrame{Seq: 41, ClientTick: 1206, Input: game.Input{MoveX: 127, Aim: 16384}}
	in.Frames[1] = netcode.InputFrame{Seq: 42, ClientTick: 1207, Input: game.Input{MoveX: 90, MoveY: -90, Aim: 16384, Buttons: game.ButtonFire}}
	in.Frames[2] = netcode.InputFrame{Seq: 43, ClientTick: 1208, Input: game.Input{MoveY: -127, Aim: 40000, Buttons: game.ButtonFire}}
	snap := netcode.Snapshot{
		Tick: 1210, AckSeq: 42,
		Players: []netcode.PlayerState{{
			ID: 1, X: netcode.ToFixed(100.5), Y: netcode.ToFixed(50), VX: netcode.ToFixed(260), Aim: 16384,
			Health: 100, Flags: netcode.FlagAlive, CooldownTicks: 3, Kills: 2, Deaths: 1, Score: 2,
		}},
		Shots: []netcode.Shot{{Tick: 1209, Shooter: 1, FromX: 1608, FromY: 800, ToX: 1608, ToY: netcode.ToFixed(950)}},
	}
	e := netcode.NewEncoder()
	want := map[string][]byte{
		"hello":    bytes.Clone(e.Hello(&netcode.Hello{Version: netcode.Version, Name: "Ada"})),
		"inputs":   bytes.Clone(e.Inputs(&in)),
		"welcome":  bytes.Clone(e.Welcome(&netcode.Welcome{PlayerID: 1, RoomID: "r1", Map: "arena", TickRate: 60, SnapshotRate: 30, ServerTick: 1190, ResumeToken: []byte{0xde, 0xad, 0xbe, 0xef}})),
		"snapshot": bytes.Clone(e.Snapshot(&snap)),
	}
	blocks := regexp.MustCompile("<!-- example: (\\w+) -->\n```\n([^`]*)```").FindAllSubmatch(doc, -1)
	seen := map[string]bool{}
	for _, b := range blocks {
		name := string(b[1])
		seen[name] = true
		w, ok := want[name]
		if !ok {
			t.Errorf("docs/protocol.md has example %q that this test does not know", name)
			continue
		}
		if got := unhex(t, string(b[2])); !bytes.Equal(got, w) {
			t.Errorf("example %q in docs/protocol.md:\n% x\nencoder writes:\n% x", name, got, w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("docs/protocol.md lacks example %q", name)
		}
	}
}
