package netcode_test

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"arena/game"
	"arena/netcode"
)

// A tiny msgpack writer for building hostile frames by hand, so the tests do
// not trust the code they test. Values: int, int64, uint64 (smallest
// encoding), string (str), []byte (bin), []any (array), nil, bool, float64
// (float64), raw (copied as is).
type raw []byte

func arr(vs ...any) []any { return vs }

func mp(vs ...any) []byte {
	var b []byte
	for _, v := range vs {
		b = appendValue(b, v)
	}
	return b
}

func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case int:
		if v >= 0 {
			return appendUint(b, uint64(v))
		}
		return appendNegInt(b, int64(v))
	case int64:
		if v >= 0 {
			return appendUint(b, uint64(v))
		}
		return appendNegInt(b, v)
	case uint64:
		return appendUint(b, v)
	case string:
		switch n := len(v); {
		case n < 32:
			b = append(b, 0xa0|byte(n))
		case n < 256:
			b = append(b, 0xd9, byte(n))
		case n < 65536:
			b = append(b, 0xda)
			b = binary.BigEndian.AppendUint16(b, uint16(n))
		default:
			b = append(b, 0xdb)
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
		return append(b, v...)
	case []byte:
		switch n := len(v); {
		case n < 256:
			b = append(b, 0xc4, byte(n))
		case n < 65536:
			b = append(b, 0xc5)
			b = binary.BigEndian.AppendUint16(b, uint16(n))
		default:
			b = append(b, 0xc6)
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
		return append(b, v...)
	case []any:
		b = appendArrayHeader(b, len(v))
		for _, e := range v {
			b = appendValue(b, e)
		}
		return b
	case nil:
		return append(b, 0xc0)
	case bool:
		if v {
			return append(b, 0xc3)
		}
		return append(b, 0xc2)
	case float64:
		b = append(b, 0xcb)
		return binary.BigEndian.AppendUint64(b, math.Float64bits(v))
	case raw:
		return append(b, v...)
	}
	panic(fmt.Sprintf("mp: unsupported value %T", v))
}

func appendArrayHeader(b []byte, n int) []byte {
	switch {
	case n < 16:
		return append(b, 0x90|byte(n))
	case n < 65536:
		return binary.BigEndian.AppendUint16(append(b, 0xdc), uint16(n))
	}
	return binary.BigEndian.AppendUint32(append(b, 0xdd), uint32(n))
}

func appendUint(b []byte, v uint64) []byte {
	switch {
	case v < 128:
		return append(b, byte(v))
	case v < 256:
		return append(b, 0xcc, byte(v))
	case v < 65536:
		return binary.BigEndian.AppendUint16(append(b, 0xcd), uint16(v))
	case v < 1<<32:
		return binary.BigEndian.AppendUint32(append(b, 0xce), uint32(v))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xcf), v)
}

func appendNegInt(b []byte, v int64) []byte {
	switch {
	case v >= -32:
		return append(b, byte(v))
	case v >= math.MinInt8:
		return append(b, 0xd0, byte(v))
	case v >= math.MinInt16:
		return binary.BigEndian.AppendUint16(append(b, 0xd1), uint16(v))
	case v >= math.MinInt32:
		return binary.BigEndian.AppendUint32(append(b, 0xd2), uint32(v))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xd3), uint64(v))
}

// mapOf is a one-entry msgpack map {k: v}.
func mapOf(k, v any) raw { return raw(mp(raw{0x81}, k, v)) }

// nested returns inner wrapped in depth arrays: nested(2, 7) is [[7]].
func nested(depth int, inner any) any {
	for range depth {
		inner = arr(inner)
	}
	return inner
}

// msg returns the elements vs behind an array header claiming n elements, for
// frames whose header does not match what follows.
func msg(n int, vs ...any) []byte {
	return mp(append([]any{raw(appendArrayHeader(nil, n))}, vs...)...)
}

// setAt returns a copy of a with element i replaced by v.
func setAt(a []any, i int, v any) []any {
	b := slices.Clone(a)
	b[i] = v
	return b
}

// unhex parses "95 01 a3" style hex, ignoring spaces and newlines.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// direction says which decoder a frame is for.
type direction int

const (
	toServer direction = iota // client -> server: DecodeClient
	toClient                  // server -> client: DecodeServer
)

func (dir direction) String() string {
	if dir == toServer {
		return "client->server"
	}
	return "server->client"
}

// decode runs the decoder for dir on b into a fresh message.
func decode(dir direction, b []byte) error {
	d := netcode.NewDecoder()
	if dir == toServer {
		var m netcode.ClientMessage
		return d.DecodeClient(b, &m)
	}
	var m netcode.ServerMessage
	return d.DecodeServer(b, &m)
}

// decodeType decodes b for dir into a fresh message and returns its type.
func decodeType(dir direction, b []byte) (netcode.MsgType, error) {
	d := netcode.NewDecoder()
	if dir == toServer {
		var m netcode.ClientMessage
		err := d.DecodeClient(b, &m)
		return m.Type, err
	}
	var m netcode.ServerMessage
	err := d.DecodeServer(b, &m)
	return m.Type, err
}

// decodeSnapshot decodes b, which must be a Snapshot, into a fresh message.
func decodeSnapshot(t testing.TB, b []byte) *netcode.Snapshot {
	t.Helper()
	var m netcode.ServerMessage
	if err := netcode.NewDecoder().DecodeServer(b, &m); err != nil {
		t.Fatalf("decode % x: %v", b, err)
	}
	if m.Type != netcode.MsgSnapshot {
		t.Fatalf("decoded type %d, want Snapshot", m.Type)
	}
	return &m.Snapshot
}

// wantDecodeError fails unless err is a *DecodeError whose Reason contains
// want (any reason when want is "") and fits a close reason.
func wantDecodeError(t testing.TB, err error, want string) {
	t.Helper()
	var de *netcode.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v (%T), want *DecodeError", err, err)
	}
	if len(de.Reason) == 0 || len(de.Reason) > 100 {
		t.Errorf("reason %q is %d bytes, want 1..100", de.Reason, len(de.Reason))
	}
	if !strings.Contains(de.Reason, want) {
		t.Errorf("reason %q, want it to contain %q", de.Reason, want)
	}
}

// checkDecodeError is wantDecodeError as a value, for loops that report
// many frames without stopping: it returns what is wrong, or "".
func checkDecodeError(err error) string {
	var de *netcode.DecodeError
	switch {
	case err == nil:
		return "decoded"
	case !errors.As(err, &de):
		return fmt.Sprintf("err = %v (%T), want *DecodeError", err, err)
	case len(de.Reason) == 0 || len(de.Reason) > 100:
		return fmt.Sprintf("reason %q is %d bytes, want 1..100", de.Reason, len(de.Reason))
	}
	return ""
}

// wantApplyError fails unless err is an *ApplyError whose Reason contains
// want and fits a close reason.
func wantApplyError(t testing.TB, err error, want string) {
	t.Helper()
	var ae *netcode.ApplyError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want *ApplyError", err, err)
	}
	if len(ae.Reason) == 0 || len(ae.Reason) > 100 {
		t.Errorf("reason %q is %d bytes, want 1..100", ae.Reason, len(ae.Reason))
	}
	if !strings.Contains(ae.Reason, want) {
		t.Errorf("reason %q, want it to contain %q", ae.Reason, want)
	}
	if !strings.HasPrefix(err.Error(), "netcode: snapshot: ") {
		t.Errorf("Error() = %q, want the netcode: snapshot: prefix", err.Error())
	}
}

// Message comparison. canonClient and canonServer return the part of a
// message its Type selects, with empty slices as nil, so messages compare
// with DeepEqual. With decoderInfo false a Snapshot's Sizes, SkippedKinds
// and SkippedEvents (which only the decoder fills) are zeroed.

type inputsView struct {
	AckTick uint32
	Window  []netcode.InputFrame
}

func canonClient(m *netcode.ClientMessage) any {
	switch m.Type {
	case netcode.MsgHello:
		h := m.Hello
		if len(h.ResumeToken) == 0 {
			h.ResumeToken = nil
		}
		return h
	case netcode.MsgInput:
		return inputsView{m.Input.AckTick, slices.Clone(m.Input.Window())}
	case netcode.MsgPing:
		return m.Ping
	case netcode.MsgChat:
		return m.Chat
	}
	return m.Type
}

func canonSnapshot(s *netcode.Snapshot, decoderInfo bool) netcode.Snapshot {
	c := *s
	c.Players = nilIfEmpty(c.Players)
	c.Projectiles = nilIfEmpty(c.Projectiles)
	c.Pickups = nilIfEmpty(c.Pickups)
	c.Events = nilIfEmpty(c.Events)
	c.Own.Steps = nilIfEmpty(c.Own.Steps)
	if !decoderInfo {
		c.SkippedKinds, c.SkippedEvents, c.Sizes = 0, 0, netcode.SnapshotSizes{}
	}
	return c
}

func canonServer(m *netcode.ServerMessage, decoderInfo bool) any {
	switch m.Type {
	case netcode.MsgWelcome:
		w := m.Welcome
		w.ResumeToken = nilIfEmpty(w.ResumeToken)
		w.Rules = nilIfEmpty(w.Rules)
		w.Roster = nilIfEmpty(w.Roster)
		return w
	case netcode.MsgSnapshot:
		return canonSnapshot(&m.Snapshot, decoderInfo)
	case netcode.MsgError:
		return m.Error
	}
	return m.Type
}

func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// short formats v with %+v, cut to a readable length for failure messages.
func short(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 1500 {
		s = s[:1500] + "..."
	}
	return s
}

func sameClient(a, b *netcode.ClientMessage) bool {
	return a.Type == b.Type && reflect.DeepEqual(canonClient(a), canonClient(b))
}

func sameServer(a, b *netcode.ServerMessage, decoderInfo bool) bool {
	return a.Type == b.Type && reflect.DeepEqual(canonServer(a, decoderInfo), canonServer(b, decoderInfo))
}

// Views. A View's Others shares its backing array with the View's unexported
// scratch after an Apply, so a copy that must stay put is a deep copy.

func cloneView(v *netcode.View) netcode.View {
	return netcode.View{Tick: v.Tick, Self: v.Self, Own: v.Own, AckSeq: v.AckSeq, Others: slices.Clone(v.Others),
		Projectiles: slices.Clone(v.Projectiles), Pickups: slices.Clone(v.Pickups)}
}

// sameView compares the exported fields, an empty slice equal to a nil one.
func sameView(a, b *netcode.View) bool {
	return a.Tick == b.Tick && a.Self == b.Self && a.Own == b.Own && a.AckSeq == b.AckSeq &&
		slices.Equal(a.Others, b.Others) && slices.Equal(a.Projectiles, b.Projectiles) && slices.Equal(a.Pickups, b.Pickups)
}

// viewDiff describes how got differs from want, for failure messages.
func viewDiff(got, want *netcode.View) string {
	var b strings.Builder
	if got.Tick != want.Tick || got.Self != want.Self || got.AckSeq != want.AckSeq {
		fmt.Fprintf(&b, "tick/self/ack %d/%d/%d, want %d/%d/%d; ", got.Tick, got.Self, got.AckSeq, want.Tick, want.Self, want.AckSeq)
	}
	if got.Own != want.Own {
		fmt.Fprintf(&b, "own %+v, want %+v; ", got.Own, want.Own)
	}
	if len(got.Others) != len(want.Others) {
		fmt.Fprintf(&b, "%d others %v, want %d %v; ", len(got.Others), otherIDs(got.Others), len(want.Others), otherIDs(want.Others))
	} else {
		for i := range got.Others {
			if got.Others[i] != want.Others[i] {
				fmt.Fprintf(&b, "others[%d] %+v, want %+v; ", i, got.Others[i], want.Others[i])
				break
			}
		}
	}
	return b.String()
}

func otherIDs(ps []netcode.RemotePlayer) []game.PlayerID {
	ids := make([]game.PlayerID, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// wantView fails unless got equals ViewOf(f, self, visible, ack).
func wantView(t testing.TB, got *netcode.View, f *netcode.Frame, self game.PlayerID, visible []game.PlayerID, ack uint32) {
	t.Helper()
	want := netcode.ViewOf(f, self, visible, ack)
	if !sameView(got, &want) {
		t.Fatalf("view at tick %d: %s", f.Tick, viewDiff(got, &want))
	}
}

// cloneFrame deep-copies f, so the original may be changed or reused.
func cloneFrame(f *netcode.Frame) *netcode.Frame {
	return &netcode.Frame{Tick: f.Tick, Players: slices.Clone(f.Players),
		Projectiles: slices.Clone(f.Projectiles), Pickups: slices.Clone(f.Pickups)}
}

// wire encodes s, decodes it into a fresh message (it must decode) and
// applies it to v, returning Apply's error and the decoded snapshot.
func wire(t testing.TB, s *netcode.Snapshot, v *netcode.View) (*netcode.Snapshot, error) {
	t.Helper()
	got := decodeSnapshot(t, netcode.NewEncoder().Snapshot(s))
	return got, v.Apply(got)
}

// fullView returns the View a client holds after receiving the full
// snapshot of f over the wire; it checks that this is ViewOf(f, ...).
func fullView(t testing.TB, f *netcode.Frame, self game.PlayerID, visible []game.PlayerID, ack uint32) netcode.View {
	t.Helper()
	var s netcode.Snapshot
	s.Build(f, &netcode.Recipient{Self: self, Visible: visible, AckSeq: ack})
	if s.Baseline != 0 {
		t.Fatalf("Build without a base made a delta (baseline %d)", s.Baseline)
	}
	v := netcode.View{Self: self}
	if _, err := wire(t, &s, &v); err != nil {
		t.Fatalf("apply full snapshot of tick %d: %v", f.Tick, err)
	}
	wantView(t, &v, f, self, visible, ack)
	return v
}
