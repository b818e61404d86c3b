package netcode

import (
	"encoding/binary"
	"math"
	"unicode/utf8"
)

// Encoder encodes messages into a buffer it reuses. The returned slice is valid
// until the next call. An Encoder is not safe for concurrent use.
//
// Encoding never fails and never allocates once the buffer has grown to the
// largest message encoded. So that whatever is encoded also decodes, lists and
// strings longer than the limits in protocol.go are cut to the limit (strings
// at a rune boundary); the other invariants the decoder checks (valid UTF-8,
// Inputs.N >= 1 with consecutive seqs, non-zero Version, rates and player ids)
// are the caller's.
type Encoder struct {
	buf []byte // the message being encoded
}

// NewEncoder returns an Encoder.
func NewEncoder() *Encoder { return &Encoder{} }

// The write helpers append to e.buf in the smallest form that holds the
// value, byte for byte what vmihailenco/msgpack's Encoder writes for the same
// calls (EncodeArrayLen, EncodeUint, EncodeInt, EncodeString, EncodeBytesLen),
// which the examples in docs/protocol.md were made with (encode_formats_test.go
// and encode_msgpack_test.go check it). Lengths are never negative: they are
// len()s and counts.

func (e *Encoder) begin(t MsgType, n int) {
	e.buf = e.buf[:0]
	e.array(n)
	e.uint(uint64(t))
}

func (e *Encoder) done() []byte { return e.buf }

func (e *Encoder) array(n int) {
	switch {
	case n < 16:
		e.buf = append(e.buf, codeFixarray|byte(n))
	case n <= math.MaxUint16:
		e.buf = append(e.buf, codeArray16, byte(n>>8), byte(n))
	default:
		e.buf = binary.BigEndian.AppendUint32(append(e.buf, codeArray32), uint32(n))
	}
}

// uint writes v as a positive fixint (0..127) or uint 8/16/32/64.
func (e *Encoder) uint(v uint64) {
	switch {
	case v <= math.MaxInt8:
		e.buf = append(e.buf, byte(v))
	case v <= math.MaxUint8:
		e.buf = append(e.buf, codeUint8, byte(v))
	case v <= math.MaxUint16:
		e.buf = append(e.buf, codeUint16, byte(v>>8), byte(v))
	case v <= math.MaxUint32:
		e.buf = binary.BigEndian.AppendUint32(append(e.buf, codeUint32), uint32(v))
	default:
		e.buf = binary.BigEndian.AppendUint64(append(e.buf, codeUint64), v)
	}
}

// int writes v >= 0 as uint does, a negative v as a negative fixint
// (-32..-1) or int 8/16/32/64.
func (e *Encoder) int(v int64) {
	switch {
	case v >= 0:
		e.uint(uint64(v))
	case v >= -32:
		e.buf = append(e.buf, byte(v))
	case v >= math.MinInt8:
		e.buf = append(e.buf, codeInt8, byte(v))
	case v >= math.MinInt16:
		e.buf = append(e.buf, codeInt16, byte(v>>8), byte(v))
	case v >= math.MinInt32:
		e.buf = binary.BigEndian.AppendUint32(append(e.buf, codeInt32), uint32(v))
	default:
		e.buf = binary.BigEndian.AppendUint64(append(e.buf, codeInt64), uint64(v))
	}
}

// str writes s, cut to max bytes, as a fixstr or str 8/16/32.
func (e *Encoder) str(s string, max int) {
	s = cutString(s, max)
	switch n := len(s); {
	case n < 32:
		e.buf = append(e.buf, codeFixstr|byte(n))
	case n <= math.MaxUint8:
		e.buf = append(e.buf, codeStr8, byte(n))
	case n <= math.MaxUint16:
		e.buf = append(e.buf, codeStr16, byte(n>>8), byte(n))
	default:
		e.buf = binary.BigEndian.AppendUint32(append(e.buf, codeStr32), uint32(n))
	}
	e.buf = append(e.buf, s...)
}

// bin writes b, cut to max bytes, as a bin 8/16/32, also when it is empty
// (c4 00): the wire has no nils.
func (e *Encoder) bin(b []byte, max int) {
	if len(b) > max {
		b = b[:max]
	}
	switch n := len(b); {
	case n <= math.MaxUint8:
		e.buf = append(e.buf, codeBin8, byte(n))
	case n <= math.MaxUint16:
		e.buf = append(e.buf, codeBin16, byte(n>>8), byte(n))
	default:
		e.buf = binary.BigEndian.AppendUint32(append(e.buf, codeBin32), uint32(n))
	}
	e.buf = append(e.buf, b...)
}

// cutString returns s cut to at most max bytes without splitting a rune.
func cutString(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// Hello encodes m as [1, version, name, room, resume_token], with flags as
// a sixth element when it is not 0.
func (e *Encoder) Hello(m *Hello) []byte {
	n := 5
	if m.Flags != 0 {
		n = 6
	}
	e.begin(MsgHello, n)
	e.uint(uint64(m.Version))
	e.str(m.Name, MaxNameBytes)
	e.str(m.Room, MaxRoomBytes)
	e.bin(m.ResumeToken, MaxTokenBytes)
	if m.Flags != 0 {
		e.uint(uint64(m.Flags))
	}
	return e.done()
}

// Inputs encodes m as [2, ack_tick, first_seq, inputs], inputs holding the
// first m.N frames (N is clamped to 0..MaxInputWindow), each
// [move_x, move_y, aim, buttons, render_lag] with render_lag =
// ack_tick - render_tick clamped to -128..127 (0 when ack_tick is 0). The
// frames' seqs must be consecutive: only the first is written.
func (e *Encoder) Inputs(m *Inputs) []byte {
	n := min(max(m.N, 0), MaxInputWindow)
	e.begin(MsgInput, 4)
	e.uint(uint64(m.AckTick))
	var first uint32
	if n > 0 {
		first = m.Frames[0].Seq
	}
	e.uint(uint64(first))
	e.array(n)
	for i := range n {
		f := &m.Frames[i]
		e.array(inputFields)
		e.int(int64(f.Input.MoveX))
		e.int(int64(f.Input.MoveY))
		e.uint(uint64(f.Input.Aim))
		e.uint(uint64(f.Input.Buttons))
		e.int(RenderLag(m.AckTick, f.RenderTick))
	}
	return e.done()
}

// RenderLag is the render_lag an input made while drawing renderTick
// carries in a message acknowledging ackTick.
func RenderLag(ackTick, renderTick uint32) int64 {
	if ackTick == 0 {
		return 0
	}
	return min(max(int64(ackTick)-int64(renderTick), -128), 127)
}

// Ping encodes m as [3, client_time].
func (e *Encoder) Ping(m *Ping) []byte {
	e.begin(MsgPing, 2)
	e.uint(m.ClientTime)
	return e.done()
}

// Chat encodes m as [4, text].
func (e *Encoder) Chat(m *Chat) []byte {
	e.begin(MsgChat, 2)
	e.str(m.Text, MaxChatBytes)
	return e.done()
}

// Leave encodes a Leave message: [5].
func (e *Encoder) Leave() []byte {
	e.begin(MsgLeave, 1)
	return e.done()
}

// Welcome encodes m as [16, player_id, room_id, map, mode, tick_rate,
// snapshot_rate, server_tick, resume_token, view_width, view_height, rules,
// roster], rules as [name, value] pairs and the roster as [id, name] pairs,
// then room_flags when it is not 0 or there is a Match, then the match
// record (match.go) when there is one. At most MaxRules rules and
// MaxPlayers roster entries are written.
func (e *Encoder) Welcome(m *Welcome) []byte {
	rules := m.Rules[:min(len(m.Rules), MaxRules)]
	roster := m.Roster[:min(len(m.Roster), MaxPlayers)]
	n := welcomeFields
	if m.RoomFlags != 0 || m.Match != nil {
		n++
	}
	if m.Match != nil {
		n++
	}
	e.begin(MsgWelcome, n)
	e.uint(uint64(m.PlayerID))
	e.str(m.RoomID, MaxRoomBytes)
	e.str(m.Map, MaxMapBytes)
	e.str(m.Mode, MaxModeBytes)
	e.uint(uint64(m.TickRate))
	e.uint(uint64(m.SnapshotRate))
	e.uint(uint64(m.ServerTick))
	e.bin(m.ResumeToken, MaxTokenBytes)
	e.uint(uint64(m.ViewWidth))
	e.uint(uint64(m.ViewHeight))
	e.array(len(rules))
	for _, r := range rules {
		e.array(2)
		e.str(r.Name, MaxRuleName)
		e.int(r.Value)
	}
	e.array(len(roster))
	for _, r := range roster {
		e.array(2)
		e.uint(uint64(r.ID))
		e.str(r.Name, MaxNameBytes)
	}
	if m.RoomFlags != 0 || m.Match != nil {
		e.uint(uint64(m.RoomFlags))
	}
	if m.Match != nil {
		e.match(m.Match)
	}
	return e.done()
}

// Error encodes m as [21, code, message].
func (e *Encoder) Error(m *Error) []byte {
	e.begin(MsgError, 3)
	e.uint(uint64(m.Code))
	e.str(m.Message, MaxErrorBytes)
	return e.done()
}

// EncodeClient encodes the message m.Type says; it returns nil for a Type that
// is not a client -> server message.
func (e *Encoder) EncodeClient(m *ClientMessage) []byte {
	switch m.Type {
	case MsgHello:
		return e.Hello(&m.Hello)
	case MsgInput:
		return e.Inputs(&m.Input)
	case MsgPing:
		return e.Ping(&m.Ping)
	case MsgChat:
		return e.Chat(&m.Chat)
	case MsgLeave:
		return e.Leave()
	}
	return nil
}

// EncodeServer encodes the message m.Type says; it returns nil for a Type that
// is not a server -> client message.
func (e *Encoder) EncodeServer(m *ServerMessage) []byte {
	switch m.Type {
	case MsgWelcome:
		return e.Welcome(&m.Welcome)
	case MsgSnapshot:
		return e.Snapshot(&m.Snapshot)
	case MsgError:
		return e.Error(&m.Error)
	}
	return nil
}
