package netcode_test

import (
	"reflect"
	"testing"

	"arena/netcode"
)

// docMatchRecord is the record of the worked example "A match event":
// match 1 on arena ended at tick 18300, won by Ada.
func docMatchRecord() *netcode.Match {
	return &netcode.Match{Phase: netcode.PhaseEnded, Number: 1, Start: 18300, End: 18900, Map: "arena", Winner: docAda,
		Scores: []netcode.Score{{ID: docAda, Kills: 12, Deaths: 4, Score: 12}, {ID: docBob, Kills: 9, Deaths: 7, Score: 9}}}
}

// docMatchSnapshot is the example's snapshot: a delta of nothing but the
// match event.
func docMatchSnapshot() *netcode.Snapshot {
	return &netcode.Snapshot{Tick: 18302, Baseline: 2,
		Events: []netcode.Event{{Kind: netcode.EventMatch, Tick: 18300, Match: docMatchRecord()}}}
}

// checkDocMatch decodes the document's bytes of the example and checks
// the event is the one it describes.
func checkDocMatch(t *testing.T, d *netcode.Decoder, b []byte) {
	t.Helper()
	var sm netcode.ServerMessage
	if err := d.DecodeServer(b, &sm); err != nil || sm.Type != netcode.MsgSnapshot {
		t.Errorf("snapshot_match: type %d, %v", sm.Type, err)
		return
	}
	s := sm.Snapshot
	if s.Tick != 18302 || s.Baseline != 2 || s.Own.Mask != 0 || len(s.Players) != 0 || len(s.Events) != 1 {
		t.Fatalf("snapshot_match decodes to %+v", s)
	}
	if e := s.Events[0]; e.Kind != netcode.EventMatch || e.Tick != 18300 || !reflect.DeepEqual(e.Match, docMatchRecord()) {
		t.Errorf("snapshot_match's event decodes to %+v (match %+v), want %+v", e, e.Match, docMatchRecord())
	}
}
