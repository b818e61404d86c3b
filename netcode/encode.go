package netcode

import (
	"bytes"
	"unicode/utf8"

	"github.com/vmihailenco/msgpack/v5"
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
	buf bytes.Buffer
	enc *msgpack.Encoder
}

// NewEncoder returns an Encoder.
func NewEncoder() *Encoder {
	e := &Encoder{}
	e.enc = msgpack.NewEncoder(&e.buf)
	return e
}

// The write helpers drop errors: msgpack's encoder only fails when its writer
// does, and bytes.Buffer never returns an error (it panics when out of memory).

func (e *Encoder) begin(t MsgType, n int) {
	e.buf.Reset()
	_ = e.enc.EncodeArrayLen(n)
	_ = e.enc.EncodeUint(uint64(t))
}

func (e *Encoder) array(n int)           { _ = e.enc.EncodeArrayLen(n) }
func (e *Encoder) uint(v uint64)         { _ = e.enc.EncodeUint(v) }
func (e *Encoder) int(v int64)           { _ = e.enc.EncodeInt(v) }
func (e *Encoder) str(s string, max int) { _ = e.enc.EncodeString(cutString(s, max)) }

// bin writes b as a msgpack bin, also when it is empty: msgpack's EncodeBytes
// writes nil for a nil slice, and the wire has no nils.
func (e *Encoder) bin(b []byte, max int) {
	if len(b) > max {
		b = b[:max]
	}
	_ = e.enc.EncodeBytesLen(len(b))
	e.buf.Write(b)
}

func (e *Encoder) done() []byte { return e.buf.Bytes() }

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

// Hello encodes m as [1, version, name, room, resume_token].
func (e *Encoder) Hello(m *Hello) []byte {
	e.begin(MsgHello, 5)
	e.uint(uint64(m.Version))
	e.str(m.Name, MaxNameBytes)
	e.str(m.Room, MaxRoomBytes)
	e.bin(m.ResumeToken, MaxTokenBytes)
	return e.done()
}

// Inputs encodes m as [2, ack_tick, render_tick, window], window holding the
// first m.N frames (N is clamped to 0..MaxInputWindow), each
// [seq, client_tick, move_x, move_y, aim, buttons].
func (e *Encoder) Inputs(m *Inputs) []byte {
	n := min(max(m.N, 0), MaxInputWindow)
	e.begin(MsgInput, 4)
	e.uint(uint64(m.AckTick))
	e.uint(uint64(m.RenderTick))
	e.array(n)
	for i := range n {
		f := &m.Frames[i]
		e.array(6)
		e.uint(uint64(f.Seq))
		e.uint(uint64(f.ClientTick))
		e.int(int64(f.Input.MoveX))
		e.int(int64(f.Input.MoveY))
		e.uint(uint64(f.Input.Aim))
		e.uint(uint64(f.Input.Buttons))
	}
	return e.done()
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

// Welcome encodes m as [16, player_id, room_id, map, tick_rate,
// snapshot_rate, server_tick, resume_token].
func (e *Encoder) Welcome(m *Welcome) []byte {
	e.begin(MsgWelcome, 8)
	e.uint(uint64(m.PlayerID))
	e.str(m.RoomID, MaxRoomBytes)
	e.str(m.Map, MaxMapBytes)
	e.uint(uint64(m.TickRate))
	e.uint(uint64(m.SnapshotRate))
	e.uint(uint64(m.ServerTick))
	e.bin(m.ResumeToken, MaxTokenBytes)
	return e.done()
}

// Snapshot encodes m as [17, tick, ack_seq, players, shots]. At most
// MaxPlayers players (the first ones) and MaxShots shots (the newest, last in
// the slice) are written.
func (e *Encoder) Snapshot(m *Snapshot) []byte {
	players := m.Players[:min(len(m.Players), MaxPlayers)]
	shots := m.Shots[max(len(m.Shots)-MaxShots, 0):]
	e.begin(MsgSnapshot, 5)
	e.uint(uint64(m.Tick))
	e.uint(uint64(m.AckSeq))
	e.array(len(players))
	for i := range players {
		p := &players[i]
		e.array(playerStateFields)
		e.uint(uint64(p.ID))
		e.int(int64(p.X))
		e.int(int64(p.Y))
		e.int(int64(p.VX))
		e.int(int64(p.VY))
		e.uint(uint64(p.Aim))
		e.uint(uint64(p.Health))
		e.uint(uint64(p.Flags))
		e.uint(uint64(p.RespawnTicks))
		e.uint(uint64(p.CooldownTicks))
		e.uint(uint64(p.ProtectTicks))
		e.uint(uint64(p.Kills))
		e.uint(uint64(p.Deaths))
		e.int(int64(p.Score))
	}
	e.array(len(shots))
	for i := range shots {
		s := &shots[i]
		e.array(shotFields)
		e.uint(uint64(s.Tick))
		e.uint(uint64(s.Shooter))
		e.uint(uint64(s.Target))
		e.int(int64(s.FromX))
		e.int(int64(s.FromY))
		e.int(int64(s.ToX))
		e.int(int64(s.ToY))
	}
	return e.done()
}

// Pong encodes m as [18, client_time, server_tick].
func (e *Encoder) Pong(m *Pong) []byte {
	e.begin(MsgPong, 3)
	e.uint(m.ClientTime)
	e.uint(uint64(m.ServerTick))
	return e.done()
}

// ChatFrom encodes m as [19, from, text].
func (e *Encoder) ChatFrom(m *ChatFrom) []byte {
	e.begin(MsgChatFrom, 3)
	e.uint(uint64(m.From))
	e.str(m.Text, MaxChatBytes)
	return e.done()
}

// Events encodes m as [20, events], each event [kind, player, other, name].
// Only the first MaxEvents events are written: a sender with more must split
// them over several messages, since the receiver relies on every one arriving.
func (e *Encoder) Events(m *Events) []byte {
	events := m.Events[:min(len(m.Events), MaxEvents)]
	e.begin(MsgEvents, 2)
	e.array(len(events))
	for i := range events {
		ev := &events[i]
		e.array(eventFields)
		e.uint(uint64(ev.Kind))
		e.uint(uint64(ev.Player))
		e.uint(uint64(ev.Other))
		e.str(ev.Name, MaxNameBytes)
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
	case MsgPong:
		return e.Pong(&m.Pong)
	case MsgChatFrom:
		return e.ChatFrom(&m.Chat)
	case MsgEvents:
		return e.Events(&m.Events)
	case MsgError:
		return e.Error(&m.Error)
	}
	return nil
}
