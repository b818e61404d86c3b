package netcode_test

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"arena/netcode"
)

// A tiny msgpack writer for building hostile frames by hand, so the tests do
// not trust the code they test. Values: int, uint64 (smallest encoding),
// string (str), []byte (bin), []any (array), nil, bool, float64 (float64),
// raw (copied as is).
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
		switch n := len(v); {
		case n < 16:
			b = append(b, 0x90|byte(n))
		case n < 65536:
			b = append(b, 0xdc)
			b = binary.BigEndian.AppendUint16(b, uint16(n))
		default:
			b = append(b, 0xdd)
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
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
	panic("mp: unsupported value")
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

// wantDecodeError fails unless err is a *DecodeError whose Reason contains
// want (any reason when want is "") and fits a close reason.
func wantDecodeError(t *testing.T, err error, want string) {
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

// normalizeClient and normalizeServer return the part of a message its Type
// selects, with empty slices as nil, so messages compare with DeepEqual.
func normalizeClient(m *netcode.ClientMessage) any {
	switch m.Type {
	case netcode.MsgHello:
		h := m.Hello
		if len(h.ResumeToken) == 0 {
			h.ResumeToken = nil
		}
		return h
	case netcode.MsgInput:
		return struct {
			Ack, Render uint32
			Window      []netcode.InputFrame
		}{m.Input.AckTick, m.Input.RenderTick, m.Input.Window()}
	case netcode.MsgPing:
		return m.Ping
	case netcode.MsgChat:
		return m.Chat
	}
	return m.Type
}

func normalizeServer(m *netcode.ServerMessage) any {
	switch m.Type {
	case netcode.MsgWelcome:
		w := m.Welcome
		if len(w.ResumeToken) == 0 {
			w.ResumeToken = nil
		}
		return w
	case netcode.MsgSnapshot:
		s := m.Snapshot
		if len(s.Players) == 0 {
			s.Players = nil
		}
		if len(s.Shots) == 0 {
			s.Shots = nil
		}
		return s
	case netcode.MsgPong:
		return m.Pong
	case netcode.MsgChatFrom:
		return m.Chat
	case netcode.MsgEvents:
		e := m.Events
		if len(e.Events) == 0 {
			e.Events = nil
		}
		return e
	case netcode.MsgError:
		return m.Error
	}
	return m.Type
}

func sameClient(a, b *netcode.ClientMessage) bool {
	return a.Type == b.Type && reflect.DeepEqual(normalizeClient(a), normalizeClient(b))
}

func sameServer(a, b *netcode.ServerMessage) bool {
	return a.Type == b.Type && reflect.DeepEqual(normalizeServer(a), normalizeServer(b))
}
