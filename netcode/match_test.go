package netcode_test

import (
	"reflect"
	"testing"

	"arena/game"
	"arena/netcode"
)

func TestMatchRoundTrip(t *testing.T) {
	t.Parallel()
	ended := &netcode.Match{Phase: netcode.PhaseEnded, Number: 3, Start: 18610, End: 19210, Map: "warrens", Winner: 2,
		Scores: []netcode.Score{{ID: 2, Kills: 7, Deaths: 1, Score: 7}, {ID: 1, Kills: 3, Deaths: 6, Score: -1}}}
	playing := &netcode.Match{Phase: netcode.PhasePlaying, Number: 1, Start: 300, End: 18300, Map: "arena"}
	e, d := netcode.NewEncoder(), netcode.NewDecoder()
	for _, m := range []*netcode.Match{nil, playing, ended} {
		w := netcode.Welcome{PlayerID: 1, RoomID: "r", Map: "arena", Mode: "arena", TickRate: 60, SnapshotRate: 30, Match: m}
		var sm netcode.ServerMessage
		if err := d.DecodeServer(e.Welcome(&w), &sm); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sm.Welcome.Match, m) {
			t.Errorf("welcome match %+v decodes to %+v", m, sm.Welcome.Match)
		}
		if m == nil {
			continue
		}
		s := netcode.Snapshot{Tick: m.Start + 2, Own: netcode.OwnUpdate{Mask: netcode.OwnFull},
			Events: []netcode.Event{{Kind: netcode.EventMatch, Tick: m.Start, Match: m}}}
		if err := d.DecodeServer(e.Snapshot(&s), &sm); err != nil {
			t.Fatal(err)
		}
		if got := sm.Snapshot.Events; len(got) != 1 || got[0].Kind != netcode.EventMatch || got[0].Tick != m.Start || !reflect.DeepEqual(got[0].Match, m) {
			t.Errorf("match event %+v decodes to %+v", m, got)
		}
	}
}

func TestMatchOf(t *testing.T) {
	t.Parallel()
	if m := netcode.MatchOf(game.MatchState{}); m != nil {
		t.Errorf("MatchOf(no match cycle) = %+v, want nil", m)
	}
	got := netcode.MatchOf(game.MatchState{Phase: game.PhaseEnded, Number: 2, Map: &game.Map{Name: "expanse"}, Start: 10, End: 20, Winner: 4,
		Scores: []game.Score{{ID: 4, Kills: 70000, Deaths: 2, Score: 40000}, {ID: 5, Score: -40000}}})
	want := &netcode.Match{Phase: netcode.PhaseEnded, Number: 2, Map: "expanse", Start: 10, End: 20, Winner: 4,
		Scores: []netcode.Score{{ID: 4, Kills: 65535, Deaths: 2, Score: 32767}, {ID: 5, Score: -32768}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MatchOf = %+v, want %+v", got, want)
	}
}
