package netcode_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"arena/game"
	"arena/netcode"
)

// The fuzz targets feed arbitrary bytes to each decoder, and to a View. A
// decoder must never panic, must fail only with a short *DecodeError, and
// what it accepts must survive a re-encode and decode unchanged. Apply must
// never panic, must fail only with an *ApplyError, and must leave the View
// as it was when it fails.

// fuzzSeeds returns valid and hostile frames for dir: every sample, every
// valid tree, deltas, hostile headers and deep nesting.
//
// Seeds are at most maxFuzzSeed bytes: the fuzzer minimizes every new
// interesting input, and minimizing a mutant of a 10 KB seed takes its
// workers longer than a 10 s CI run, so fuzzing would stall. The big samples
// go in cut down to a few elements; the normal tests cover them whole.
func fuzzSeeds(dir direction) [][]byte {
	const maxFuzzSeed = 1024
	var seeds [][]byte
	for _, f := range allEncodings() {
		if f.dir == dir && len(f.b) <= maxFuzzSeed {
			seeds = append(seeds, f.b)
		}
	}
	own := ownFullTree()
	if dir == toClient {
		e := netcode.NewEncoder()
		samples := serverSamples()
		w := samples["welcome max"].Welcome
		w.Rules, w.Roster = w.Rules[:3], w.Roster[:3]
		seeds = append(seeds, bytes.Clone(e.Welcome(&w)))
		s := samples["snapshot full max"].Snapshot
		s.Players, s.Events = s.Players[len(s.Players)-4:], s.Events[:6]
		seeds = append(seeds, bytes.Clone(e.Snapshot(&s)))
	}
	for _, b := range seeds {
		if len(b) > maxFuzzSeed {
			panic(fmt.Sprintf("fuzz seed of %d bytes", len(b)))
		}
	}
	if dir == toServer {
		seeds = append(seeds,
			msg(5, 1, 2, raw{0xdb, 0xff, 0xff, 0xff, 0xff}),
			mp(arr(2, 0, uint64(1<<32-1), arr(arr(0, 0, 0, 0, 0)))),
			mp(arr(99, nested(netcode.MaxMessageDepth, 1))),
		)
	} else {
		seeds = append(seeds, fuzzDeltas()...)
		seeds = append(seeds,
			msg(6, 17, 100, 0, own, raw{0xdd, 0xff, 0xff, 0xff, 0xff}),
			mp(arr(17, 100, 0, own, arr(arr(9, nested(netcode.MaxMessageDepth, 1))), arr(arr(99, 0, mapOf(1, 2))))),
			mp(arr(99, raw{0xc7, 1, 5, 0})),
		)
	}
	for _, h := range hostileHeaders {
		seeds = append(seeds, unhex(nilTB{}, h))
	}
	return seeds
}

func FuzzDecodeClient(f *testing.F) {
	for _, b := range fuzzSeeds(toServer) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d := netcode.NewDecoder()
		var m netcode.ClientMessage
		if err := d.DecodeClient(b, &m); err != nil {
			var de *netcode.DecodeError
			if !errors.As(err, &de) || len(de.Reason) == 0 || len(de.Reason) > 100 {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		if m.Type == 0 {
			t.Fatal("decoded type 0")
		}
		again := netcode.NewEncoder().EncodeClient(&m)
		if !m.Type.Known() || m.Type >= netcode.MsgWelcome {
			if again != nil {
				t.Fatalf("type %d re-encoded as % x", m.Type, again)
			}
			return // a type this version ignores
		}
		var m2 netcode.ClientMessage
		if err := d.DecodeClient(again, &m2); err != nil {
			t.Fatalf("re-encoded % x does not decode: %v", again, err)
		}
		if !sameClient(&m, &m2) {
			t.Fatalf("round trip changed the message:\n%+v\n%+v", canonClient(&m), canonClient(&m2))
		}
	})
}

func FuzzDecodeServer(f *testing.F) {
	for _, b := range fuzzSeeds(toClient) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d := netcode.NewDecoder()
		var m netcode.ServerMessage
		if err := d.DecodeServer(b, &m); err != nil {
			var de *netcode.DecodeError
			if !errors.As(err, &de) || len(de.Reason) == 0 || len(de.Reason) > 100 {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		if m.Type == 0 {
			t.Fatal("decoded type 0")
		}
		again := netcode.NewEncoder().EncodeServer(&m)
		if !m.Type.Known() || m.Type < netcode.MsgWelcome {
			if again != nil {
				t.Fatalf("type %d re-encoded as % x", m.Type, again)
			}
			return
		}
		if m.Type == netcode.MsgSnapshot {
			s := &m.Snapshot
			if sum := s.Sizes.Header + s.Sizes.Own + s.Sizes.Entities + s.Sizes.Events; sum != len(b) {
				t.Fatalf("sizes %+v add up to %d of %d bytes", s.Sizes, sum, len(b))
			}
			for i := 1; i < len(s.Players); i++ {
				if s.Players[i].ID <= s.Players[i-1].ID {
					t.Fatalf("players not ascending: %d after %d", s.Players[i].ID, s.Players[i-1].ID)
				}
			}
		}
		var m2 netcode.ServerMessage
		if err := d.DecodeServer(again, &m2); err != nil {
			t.Fatalf("re-encoded % x does not decode: %v", again, err)
		}
		if !sameServer(&m, &m2, false) {
			t.Fatalf("round trip changed the message:\n%s\n%s", short(canonServer(&m, false)), short(canonServer(&m2, false)))
		}
	})
}

// fuzzBase is the View FuzzApply starts from: the full snapshot of the
// scripted room at tick 1000.
func fuzzBase() netcode.View {
	f := scriptFrame(1000)
	var s netcode.Snapshot
	s.Build(f, &netcode.Recipient{Self: scriptSelf, Visible: scriptVisible(1000), AckSeq: scriptAck(1000)})
	v := netcode.View{Self: scriptSelf}
	if err := v.Apply(decodeSnapshot(nilTB{}, netcode.NewEncoder().Snapshot(&s))); err != nil {
		panic(err)
	}
	return v
}

// fuzzDeltas are valid snapshots for the View fuzzBase returns: deltas to
// the next ticks (with a pong, events, odd steps) and a full one.
func fuzzDeltas() [][]byte {
	e := netcode.NewEncoder()
	var out [][]byte
	var s netcode.Snapshot
	for _, cur := range []uint32{1001, 1002, 1007, 1000 + netcode.MaxSteps} {
		r := scriptRecipient(1000, cur)
		if cur == 1002 {
			r.Pong = &netcode.Pong{ClientTime: 12345, HoldMicros: 800}
			r.Steps = []uint32{0, 3}
			r.AckSeq = scriptAck(1000) + 3
		}
		s.Build(scriptFrame(cur), r)
		if cur == 1007 {
			s.Events = everyEvent(cur)
		}
		out = append(out, bytes.Clone(e.Snapshot(&s)))
	}
	s.Build(scriptFrame(1003), &netcode.Recipient{Self: scriptSelf, Visible: []game.PlayerID{1, 3}, AckSeq: 5})
	out = append(out, bytes.Clone(e.Snapshot(&s)))
	return out
}

// nilTB lets helpers that take a testing.TB run outside a test; a failure
// panics.
type nilTB struct{ testing.TB }

func (nilTB) Helper()                        {}
func (nilTB) Fatalf(format string, a ...any) { panic(format) }

func FuzzApply(f *testing.F) {
	base := fuzzBase()
	for _, b := range fuzzDeltas() {
		f.Add(b)
	}
	for _, b := range fuzzSeeds(toClient) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m netcode.ServerMessage
		if err := netcode.NewDecoder().DecodeServer(b, &m); err != nil || m.Type != netcode.MsgSnapshot {
			return
		}
		v := cloneView(&base)
		before := cloneView(&v)
		err := v.Apply(&m.Snapshot)
		if err != nil {
			var ae *netcode.ApplyError
			if !errors.As(err, &ae) || len(ae.Reason) == 0 || len(ae.Reason) > 100 {
				t.Fatalf("error %v (%T)", err, err)
			}
			if !sameView(&v, &before) || !sameView(&v, &base) {
				t.Fatalf("failed Apply changed the view: %s", viewDiff(&v, &before))
			}
			return
		}
		s := &m.Snapshot
		if v.Tick != s.Tick || v.Self != scriptSelf || v.Own.ID != scriptSelf {
			t.Fatalf("view at tick %d for %d (own %d) after snapshot %d", v.Tick, v.Self, v.Own.ID, s.Tick)
		}
		if !slices.IsSortedFunc(v.Others, func(a, b netcode.RemotePlayer) int { return int(a.ID) - int(b.ID) }) {
			t.Fatalf("others not ascending: %v", otherIDs(v.Others))
		}
		for i := 1; i < len(v.Others); i++ {
			if v.Others[i].ID == v.Others[i-1].ID {
				t.Fatalf("player %d twice", v.Others[i].ID)
			}
		}
		if !sameView(&base, &before) {
			t.Fatal("Apply wrote into the previous View's Others")
		}
	})
}

// TestFuzzApplySeeds keeps FuzzApply's seeds meaningful: each applies.
func TestFuzzApplySeeds(t *testing.T) {
	t.Parallel()
	base := fuzzBase()
	for i, b := range fuzzDeltas() {
		v := cloneView(&base)
		if err := v.Apply(decodeSnapshot(t, b)); err != nil {
			t.Errorf("seed %d: %v", i, err)
		}
	}
}
