package netcode_test

// Random messages of every type against msgpack: the Encoder writes its own
// bytes, and they must be what vmihailenco/msgpack's Encoder writes for the
// same values (the docs' examples and other implementations were made with
// it), and must decode to the message. encode_formats_test.go checks the
// write helpers call for call.

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"

	"arena/game"
	"arena/netcode"
)

// msgpackCopy reads b as the msgpack values the Encoder writes (integers,
// str, bin, arrays) and writes them again with msgpack's Encoder: an
// integer read from an unsigned format with EncodeUint, from a signed one
// with EncodeInt, a str with EncodeString, a bin with EncodeBytesLen and
// its bytes, an array with EncodeArrayLen and its elements. As msgpack
// writes the smallest format for each, the copy equals b only if b's every
// header and integer is in the format msgpack's Encoder would have chosen.
func msgpackCopy(b []byte) ([]byte, error) {
	r := bytes.NewReader(b)
	d := msgpack.NewDecoder(r)
	var out bytes.Buffer
	e := msgpack.NewEncoder(&out)
	if err := copyValue(d, e, &out); err != nil {
		return nil, err
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%d bytes after the message", r.Len())
	}
	return out.Bytes(), nil
}

func copyValue(d *msgpack.Decoder, e *msgpack.Encoder, out *bytes.Buffer) error {
	c, err := d.PeekCode()
	if err != nil {
		return err
	}
	switch {
	case c <= msgpcode.PosFixedNumHigh, c >= msgpcode.Uint8 && c <= msgpcode.Uint64:
		v, err := d.DecodeUint64()
		if err != nil {
			return err
		}
		return e.EncodeUint(v)
	case c >= msgpcode.NegFixedNumLow, c >= msgpcode.Int8 && c <= msgpcode.Int64:
		v, err := d.DecodeInt64()
		if err != nil {
			return err
		}
		return e.EncodeInt(v)
	case msgpcode.IsString(c):
		s, err := d.DecodeString()
		if err != nil {
			return err
		}
		return e.EncodeString(s)
	case msgpcode.IsBin(c):
		b, err := d.DecodeBytes()
		if err != nil {
			return err
		}
		if err := e.EncodeBytesLen(len(b)); err != nil {
			return err
		}
		out.Write(b)
		return nil
	case msgpcode.IsFixedArray(c), c == msgpcode.Array16, c == msgpcode.Array32:
		n, err := d.DecodeArrayLen()
		if err != nil {
			return err
		}
		if err := e.EncodeArrayLen(n); err != nil {
			return err
		}
		for range n {
			if err := copyValue(d, e, out); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("format %#x: the Encoder never writes one", c)
}

// TestEncoderMatchesMsgpack encodes random messages of every type, with
// integers at and around every boundary of msgpack's formats, with one
// Encoder (reuse is part of the test), compares the bytes with msgpack's
// and decodes them.
func TestEncoderMatchesMsgpack(t *testing.T) {
	t.Parallel()
	g := &messageGen{r: rand.New(rand.NewPCG(16, 2))}
	e, d := netcode.NewEncoder(), netcode.NewDecoder()
	check := func(name string, i int, b []byte) {
		t.Helper()
		ref, err := msgpackCopy(b)
		if err != nil {
			t.Fatalf("%s %d: %d bytes % x...: %v", name, i, len(b), b[:min(len(b), 64)], err)
		}
		if !bytes.Equal(b, ref) {
			t.Fatalf("%s %d: %s", name, i, diffAt(b, ref))
		}
	}
	for i := range 600 {
		for _, want := range g.clientMessages() {
			b := e.EncodeClient(&want)
			check(fmt.Sprintf("client type %d", want.Type), i, b)
			var got netcode.ClientMessage
			if err := d.DecodeClient(b, &got); err != nil {
				t.Fatalf("client type %d %d: decode % x: %v", want.Type, i, b, err)
			}
			if !sameClient(&got, &want) {
				t.Fatalf("client type %d %d:\n got %s\nwant %s", want.Type, i, short(canonClient(&got)), short(canonClient(&want)))
			}
		}
		for _, want := range g.serverMessages() {
			b := e.EncodeServer(&want)
			check(fmt.Sprintf("server type %d", want.Type), i, b)
			var got netcode.ServerMessage
			if err := d.DecodeServer(b, &got); err != nil {
				t.Fatalf("server type %d %d: decode % x: %v", want.Type, i, b, err)
			}
			if want.Type == netcode.MsgSnapshot {
				dropUnknownEvents(&want.Snapshot)
			}
			if !sameServer(&got, &want, false) {
				t.Fatalf("server type %d %d:\n got %s\nwant %s", want.Type, i, short(canonServer(&got, false)), short(canonServer(&want, false)))
			}
		}
	}
}

// diffAt says where got first differs from want, with the bytes around.
func diffAt(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-8, 0)
	return fmt.Sprintf("byte %d differs (%d bytes, want %d):\n got ...% x\nwant ...% x",
		i, len(got), len(want), got[from:min(len(got), i+16)], want[from:min(len(want), i+16)])
}

// dropUnknownEvents removes the events of kinds a decoder skips.
func dropUnknownEvents(s *netcode.Snapshot) {
	var known []netcode.Event
	for _, ev := range s.Events {
		switch ev.Kind {
		case netcode.EventJoin, netcode.EventLeave, netcode.EventKill, netcode.EventShot, netcode.EventChat,
			netcode.EventExplosion, netcode.EventPickup, netcode.EventMatch:
			known = append(known, ev)
		}
	}
	s.Events = known
}

// messageGen makes random valid messages: within the protocol's limits and
// the decoder's rules, so that they decode to themselves, with the fields a
// message does not carry left zero.
type messageGen struct{ r *rand.Rand }

// Values at and around every boundary between msgpack's integer formats
// (positive fixint, uint 8/16/32/64, negative fixint, int 8/16/32/64).
var formatEdges = []int64{0, 127, 128, 255, 256, 65535, 65536, 1<<32 - 1, 1 << 32, math.MaxInt64,
	-1, -32, -33, -128, -129, -32768, -32769, math.MinInt32, math.MinInt32 - 1, math.MinInt64}

// uint returns a value in 0..max: a format edge (or one beside it), a small
// one or one of a random width.
func (g *messageGen) uint(max uint64) uint64 {
	r := g.r
	switch r.IntN(4) {
	case 0:
		for {
			v := uint64(formatEdges[r.IntN(len(formatEdges))]) + uint64(r.IntN(3)) - 1
			if r.IntN(8) == 0 {
				v = max - uint64(r.IntN(2))
			}
			if v <= max {
				return v
			}
		}
	case 1:
		return r.Uint64N(min(max, 300) + 1)
	}
	v := r.Uint64() >> r.IntN(64)
	if max < math.MaxUint64 {
		v %= max + 1
	}
	return v
}

// int returns a value in lo..hi, picked like uint's.
func (g *messageGen) int(lo, hi int64) int64 {
	r := g.r
	span := uint64(hi) - uint64(lo)
	switch r.IntN(4) {
	case 0:
		for {
			v := formatEdges[r.IntN(len(formatEdges))]
			if off := int64(r.IntN(3)) - 1; (off < 0 && v > math.MinInt64) || (off > 0 && v < math.MaxInt64) {
				v += off
			}
			switch r.IntN(8) {
			case 0:
				v = lo
			case 1:
				v = hi
			}
			if lo <= v && v <= hi {
				return v
			}
		}
	case 1:
		if lo <= 40 && hi >= -40 {
			a, b := max(lo, -40), min(hi, 300)
			return a + int64(r.Uint64N(uint64(b-a)+1))
		}
	}
	v := int64(r.Uint64() >> r.IntN(64))
	if r.IntN(2) == 0 {
		v = -v
	}
	if span < math.MaxUint64 {
		v = lo + int64(uint64(v-lo)%(span+1))
	}
	return v
}

func (g *messageGen) u8() uint8         { return uint8(g.uint(math.MaxUint8)) }
func (g *messageGen) u16() uint16       { return uint16(g.uint(math.MaxUint16)) }
func (g *messageGen) u32() uint32       { return uint32(g.uint(math.MaxUint32)) }
func (g *messageGen) i16() int16        { return int16(g.int(math.MinInt16, math.MaxInt16)) }
func (g *messageGen) i32() int32        { return int32(g.int(math.MinInt32, math.MaxInt32)) }
func (g *messageGen) id() game.PlayerID { return game.PlayerID(g.uint(math.MaxUint16-1) + 1) }

// length returns a length in 0..limit, often at a format's boundary.
func (g *messageGen) length(limit int) int {
	if g.r.IntN(2) == 0 {
		edges := [...]int{0, 1, 15, 16, 31, 32, 255, 256, limit - 1, limit}
		return min(max(edges[g.r.IntN(len(edges))], 0), limit)
	}
	return g.r.IntN(limit + 1)
}

// text returns valid UTF-8 of length(max) bytes, with runes of 1 to 4 bytes.
func (g *messageGen) text(max int) string {
	n := g.length(max)
	b := make([]byte, 0, n)
	for len(b) < n {
		c := []rune{'a', 'Z', '7', ' ', 'é', '€', '🚀'}[g.r.IntN(7)]
		if len(b)+utf8.RuneLen(c) > n {
			c = 'x'
		}
		b = utf8.AppendRune(b, c)
	}
	return string(b)
}

func (g *messageGen) token() []byte {
	b := make([]byte, g.length(netcode.MaxTokenBytes))
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return b
}

// count returns how many entries of a list of at most max to make, often 0
// and sometimes max.
func (g *messageGen) count(max int) int {
	switch g.r.IntN(4) {
	case 0:
		return 0
	case 1:
		return max
	}
	return g.r.IntN(max + 1)
}

// ids returns n distinct ascending non-zero ids below 1<<16, some far apart.
func (g *messageGen) ids(n int) []uint16 {
	seen := map[uint16]bool{}
	for len(seen) < n {
		v := g.uint(math.MaxUint16-1) + 1
		if g.r.IntN(2) == 0 {
			v = uint64(1 + g.r.IntN(n+8))
		}
		seen[uint16(v)] = true
	}
	ids := make([]uint16, 0, n)
	for v := range seen {
		ids = append(ids, v)
	}
	slices.Sort(ids)
	return ids
}

func (g *messageGen) clientMessages() []netcode.ClientMessage {
	h := netcode.Hello{Version: uint16(g.uint(math.MaxUint16-1) + 1), Name: g.text(netcode.MaxNameBytes),
		Room: g.text(netcode.MaxRoomBytes), ResumeToken: g.token()}
	if g.r.IntN(2) == 0 {
		h.Flags = g.u8()
	}
	if h.Flags&netcode.HelloPrivate != 0 {
		h.Room = ""
	}
	in := netcode.Inputs{AckTick: g.u32(), N: 1 + g.r.IntN(netcode.MaxInputWindow)}
	first := uint32(1 + g.uint(math.MaxUint32-uint64(in.N)))
	for i := range in.N {
		f := &in.Frames[i]
		f.Seq = first + uint32(i)
		f.Input = game.Input{MoveX: int8(g.int(-127, 127)), MoveY: int8(g.int(-127, 127)), Aim: g.u16(), Buttons: game.Buttons(g.u8())}
		// What the decoder makes of it: the render tick the clamped render_lag says.
		f.RenderTick = uint32(int64(in.AckTick) - netcode.RenderLag(in.AckTick, g.u32()))
		if g.r.IntN(2) == 0 && in.AckTick != 0 {
			lag := g.int(max(-128, int64(in.AckTick)-math.MaxUint32), min(127, int64(in.AckTick)))
			f.RenderTick = uint32(int64(in.AckTick) - lag)
		}
	}
	return []netcode.ClientMessage{
		{Type: netcode.MsgHello, Hello: h},
		{Type: netcode.MsgInput, Input: in},
		{Type: netcode.MsgPing, Ping: netcode.Ping{ClientTime: g.uint(math.MaxUint64)}},
		{Type: netcode.MsgChat, Chat: netcode.Chat{Text: g.text(netcode.MaxChatBytes)}},
		{Type: netcode.MsgLeave},
	}
}

func (g *messageGen) match() *netcode.Match {
	m := &netcode.Match{Phase: netcode.PhaseCountdown + uint8(g.r.IntN(3)), Number: uint32(g.uint(math.MaxUint32-1) + 1),
		Start: g.u32(), Map: g.text(netcode.MaxMapBytes), Winner: game.PlayerID(g.u16())}
	m.End = m.Start + uint32(g.uint(uint64(math.MaxUint32-m.Start)))
	for range g.count(netcode.MaxPlayers) {
		m.Scores = append(m.Scores, netcode.Score{ID: g.id(), Kills: g.u16(), Deaths: g.u16(), Score: g.i16()})
	}
	return m
}

func (g *messageGen) serverMessages() []netcode.ServerMessage {
	w := netcode.Welcome{PlayerID: g.id(), RoomID: g.text(netcode.MaxRoomBytes), Map: g.text(netcode.MaxMapBytes),
		Mode: g.text(netcode.MaxModeBytes), TickRate: uint16(g.uint(math.MaxUint16-1) + 1),
		SnapshotRate: uint16(g.uint(math.MaxUint16-1) + 1), ServerTick: g.u32(), ResumeToken: g.token(),
		ViewWidth: g.u16(), ViewHeight: g.u16()}
	for range g.count(netcode.MaxRules) {
		w.Rules = append(w.Rules, netcode.Rule{Name: g.text(netcode.MaxRuleName), Value: g.int(math.MinInt64, math.MaxInt64)})
	}
	for range g.count(netcode.MaxPlayers) {
		w.Roster = append(w.Roster, netcode.RosterEntry{ID: g.id(), Name: g.text(netcode.MaxNameBytes)})
	}
	if g.r.IntN(2) == 0 {
		w.RoomFlags = g.u8()
	}
	if g.r.IntN(2) == 0 {
		w.Match = g.match()
	}
	return []netcode.ServerMessage{
		{Type: netcode.MsgWelcome, Welcome: w},
		{Type: netcode.MsgSnapshot, Snapshot: g.snapshot()},
		{Type: netcode.MsgError, Error: netcode.Error{Code: g.u16(), Message: g.text(netcode.MaxErrorBytes)}},
	}
}

func (g *messageGen) snapshot() netcode.Snapshot {
	s := netcode.Snapshot{Tick: g.u32()}
	if g.r.IntN(3) > 0 {
		s.Baseline = uint32(g.uint(uint64(min(s.Tick, netcode.MaxSteps))))
	}
	s.Own = g.own(s.Baseline)
	for _, id := range g.ids(g.count(netcode.MaxPlayers)) {
		s.Players = append(s.Players, g.player(game.PlayerID(id)))
	}
	for _, id := range g.ids(g.count(40)) {
		u := netcode.ProjectileUpdate{Mask: uint8(g.r.IntN(2)), ProjectileState: netcode.ProjectileState{ID: id}}
		if u.Mask == netcode.ProjectileEnter {
			u.Owner, u.X, u.Y, u.Aim, u.Age = g.id(), g.i32(), g.i32(), g.u16(), g.u16()
		}
		s.Projectiles = append(s.Projectiles, u)
	}
	for _, id := range g.ids(g.count(40)) {
		u := netcode.PickupUpdate{Mask: uint8(g.r.IntN(3)), PickupState: netcode.PickupState{ID: id}}
		switch u.Mask {
		case netcode.PickupEnter:
			u.Kind, u.X, u.Y, u.RespawnTicks = g.u8(), g.i32(), g.i32(), g.u16()
		case netcode.PickupTimer:
			u.RespawnTicks = g.u16()
		}
		s.Pickups = append(s.Pickups, u)
	}
	for range g.count(netcode.MaxEvents / 8) {
		s.Events = append(s.Events, g.event(s.Tick))
	}
	return s
}

// own returns an own section: every group in a full snapshot (baseline 0),
// random groups in a delta, the fields of the groups it leaves out zero.
func (g *messageGen) own(baseline uint32) netcode.OwnUpdate {
	o := netcode.OwnUpdate{Mask: g.u8()}
	if baseline == 0 {
		o.Mask |= netcode.OwnFull
	}
	if o.Mask&netcode.OwnPos != 0 {
		o.X, o.Y = g.i32(), g.i32()
	}
	if o.Mask&netcode.OwnVel != 0 {
		o.VX, o.VY = g.i32(), g.i32()
	}
	if o.Mask&netcode.OwnVitals != 0 {
		o.Health, o.Flags = g.u8(), g.u8()
	}
	if o.Mask&netcode.OwnTimers != 0 {
		o.RespawnTicks, o.CooldownTicks, o.ProtectTicks = g.u16(), g.u16(), g.u16()
	}
	if o.Mask&netcode.OwnScore != 0 {
		o.Kills, o.Deaths, o.Score = g.u16(), g.u16(), g.i16()
	}
	if o.Mask&netcode.OwnInputs != 0 {
		o.AckSeq = g.u32()
		for range baseline {
			o.Steps = append(o.Steps, g.u32())
		}
	}
	if o.Mask&netcode.OwnPong != 0 {
		o.Pong = netcode.Pong{ClientTime: g.uint(math.MaxUint64), HoldMicros: g.u32()}
	}
	if o.Mask&netcode.OwnArms != 0 {
		o.Weapon, o.Ammo = g.u8(), g.u8()
	}
	return o
}

// player returns a player update: gone, entering or any change mask.
func (g *messageGen) player(id game.PlayerID) netcode.PlayerUpdate {
	u := netcode.PlayerUpdate{ID: id, Mask: uint8(g.r.IntN(int(netcode.PlayerEnter) + 1))}
	if u.Mask == netcode.PlayerEnter {
		u.X, u.Y, u.Aim, u.Health, u.Flags = g.i32(), g.i32(), g.u8(), g.u8(), g.u8()
		u.Kills, u.Deaths, u.Score = g.u16(), g.u16(), g.i16()
		return u
	}
	if u.Mask&netcode.PlayerPos != 0 {
		u.X, u.Y = g.i32(), g.i32()
	}
	if u.Mask&netcode.PlayerAim != 0 {
		u.DAim = int8(g.int(math.MinInt8, math.MaxInt8))
	}
	if u.Mask&netcode.PlayerVitals != 0 {
		u.Health, u.Flags = g.u8(), g.u8()
	}
	if u.Mask&netcode.PlayerScore != 0 {
		u.Kills, u.Deaths, u.Score = g.u16(), g.u16(), g.i16()
	}
	return u
}

// event returns an event of a random kind, unknown kinds included, at or
// before tick.
func (g *messageGen) event(tick uint32) netcode.Event {
	kinds := [...]netcode.EventKind{netcode.EventJoin, netcode.EventLeave, netcode.EventKill, netcode.EventShot,
		netcode.EventChat, netcode.EventExplosion, netcode.EventPickup, netcode.EventMatch, 8, 9, 11, 200, 255}
	ev := netcode.Event{Kind: kinds[g.r.IntN(len(kinds))], Tick: tick - uint32(g.uint(uint64(tick)))}
	switch ev.Kind {
	case netcode.EventJoin:
		ev.Player, ev.Text = g.id(), g.text(netcode.MaxNameBytes)
	case netcode.EventLeave:
		ev.Player = g.id()
	case netcode.EventKill:
		ev.Player, ev.Other = g.id(), g.id()
	case netcode.EventShot:
		ev.Player, ev.Other = g.id(), game.PlayerID(g.u16())
		ev.FromX, ev.FromY, ev.ToX, ev.ToY = g.i32(), g.i32(), g.i32(), g.i32()
	case netcode.EventChat:
		ev.Player, ev.Text = game.PlayerID(g.u16()), g.text(netcode.MaxChatBytes)
	case netcode.EventExplosion:
		ev.Player, ev.Item, ev.Other = g.id(), g.u16(), game.PlayerID(g.u16())
		ev.FromX, ev.FromY = g.i32(), g.i32()
	case netcode.EventPickup:
		ev.Player, ev.Item, ev.ItemKind = g.id(), g.u16(), g.u8()
	case netcode.EventMatch:
		ev.Match = g.match()
	}
	return ev
}
