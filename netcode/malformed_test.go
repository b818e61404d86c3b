package netcode_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"arena/netcode"
)

// Valid messages as value trees, the base the generated mutations start
// from. Each holds only known types, kinds and events, so that any change
// to an element's msgpack type, any missing or extra element, and any
// hostile length header in place of an element makes it invalid.

func ownFullTree() []any {
	// mask, x, y, vx, vy, health, flags, respawn, cooldown, protect, kills, deaths, score, ack_seq
	return arr(int(netcode.OwnFull), 1600, -1600, 100, -100, 100, 1, 0, 5, 30, 2, 1, -3, 42)
}

// enterInts is a player enter update: key, x, y, aim, health, flags, kills, deaths, score.
func enterInts(idDelta int) []any { return arr(idDelta<<5|16, 10, 20, 30, 40, 3, 5, 6, -7) }

var validTrees = []struct {
	name string
	dir  direction
	msg  []any
}{
	{"hello", toServer, arr(1, 2, "Ada", "", []byte{})},
	{"hello token", toServer, arr(1, 2, "Zoë", "r1", []byte{1, 2, 3})},
	{"inputs", toServer, arr(2, 10, 9, arr(arr(127, -127, 65535, 255, -128), arr(0, 0, 0, 0, 10)))},
	{"ping", toServer, arr(3, 123)},
	{"chat", toServer, arr(4, "hi")},
	{"leave", toServer, arr(5)},
	{"welcome", toClient, arr(16, 1, "r1", "arena", "ffa", 60, 30, 100, []byte{1, 2}, 1600, 1040,
		arr(arr("speed", 260), arr("neg", -5)), arr(arr(1, "Ada"), arr(2, "Bob")))},
	{"welcome private", toClient, arr(16, 1, "K7M2QX", "arena", "ffa", 60, 30, 100, []byte{1, 2}, 1600, 1040,
		arr(arr("speed", 260)), arr(arr(1, "Ada")), 1)},
	{"snapshot full", toClient, arr(17, 100, 0, ownFullTree(),
		arr(arr(1, append(arr(1<<5|16, 800, -800, 64, 100, 1, 0, 0, 0), enterInts(199)...))),
		arr(arr(1, 0, 7, "Ada"), arr(2, 1, 7), arr(3, 2, 1, 200), arr(4, 0, 1, 0, 10, -20, 30, -40), arr(5, 3, 0, "hi")))},
	{"snapshot delta", toClient, arr(17, 100, 3,
		// OwnPos | OwnVitals | OwnInputs | OwnPong: dx, dy, health, flags, ack_seq, 3 steps, client_time, hold_us
		arr(int(netcode.OwnPos|netcode.OwnVitals|netcode.OwnInputs|netcode.OwnPong), -3, 4, 50, 1, 77, 0, 2, 1, 555, 1000),
		arr(arr(1, append(arr(
			1<<5,                                // 1 gone
			2<<5|15, 1, -1, -5, 90, 1, 2, 3, -4, // 3 every change
			1<<5|1, 7, 8, // 4 pos
			1<<5|2, -128, // 5 aim
			1<<5|4, 0, 0, // 6 vitals
			1<<5|8, 1, 2, 3), // 7 score
			enterInts(5000)...))), // 5007 enters
		arr(arr(5, 0, 0, "")))},
	{"snapshot empty delta", toClient, arr(17, 1, 1, arr(0), arr(), arr())},
	{"error", toClient, arr(21, 1, "slow down")},
	{"hello private", toServer, arr(1, 2, "Ada", "", []byte{}, 1)},
}

// optionalTail names the valid trees that omit an optional last element
// (Hello's flags, Welcome's room_flags): one extra element is that one.
var optionalTail = map[string]bool{"hello": true, "hello token": true, "welcome": true}

// withOptional names the valid trees that end with that optional element:
// without it they are still valid.
var withOptional = map[string]bool{"hello private": true, "welcome private": true}

func TestValidTreesDecode(t *testing.T) {
	t.Parallel()
	for _, tc := range validTrees {
		if err := decode(tc.dir, mp(tc.msg)); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestMalformed is the hand-written table: each frame must be refused with a
// *DecodeError whose reason contains the given text.
func TestMalformed(t *testing.T) {
	t.Parallel()
	type tc struct {
		name string
		dir  direction
		b    []byte
		want string
	}
	in := func(ack, first any, frames ...any) []byte { return mp(arr(2, ack, first, arr(frames...))) }
	frame := arr(0, 0, 0, 0, 0)
	welcome := validTrees[6].msg
	own := ownFullTree()
	snap := func(tick, baseline any, own []any, entities, events []any) []byte {
		return mp(arr(17, tick, baseline, own, entities, events))
	}
	players := func(stream ...any) []any { return arr(arr(1, arr(stream...))) }
	events := func(evs ...any) []byte { return snap(100, 0, own, arr(), arr(evs...)) }
	kindBlocks := make([]any, netcode.MaxKinds+1)
	for i := range kindBlocks {
		kindBlocks[i] = arr(9, 0)
	}
	longOwn := make([]any, 274)
	for i := range longOwn {
		longOwn[i] = 0
	}

	cases := []tc{
		// Framing.
		{"empty frame", toServer, nil, "empty message"},
		{"empty frame server", toClient, []byte{}, "empty message"},
		{"not an array", toServer, mp(1), "message array: is integer, want array"},
		{"map frame", toServer, mp(raw{0x81, 1, 1}), "is map, want array"},
		{"string frame", toClient, mp("hello"), "is string, want array"},
		{"empty array", toServer, mp(arr()), "message array: length 0 < 1"},
		{"type zero", toServer, mp(arr(0)), "message: type is 0"},
		{"type zero server", toClient, mp(arr(0, 1, 2)), "message: type is 0"},
		{"type 256", toServer, mp(arr(256)), "type 256 > 255"},
		{"type negative", toServer, mp(arr(-1)), "type -1 < 0"},
		{"type float", toServer, mp(arr(1.0, 2, "a", "", []byte{})), "type is float, want integer"},
		{"type string", toClient, mp(arr("17")), "type is string, want integer"},
		{"type nil", toServer, mp(arr(nil)), "type is nil, want integer"},
		{"trailing bytes", toServer, mp(arr(5), 0), "trailing bytes after message"},
		{"two messages", toServer, mp(arr(3, 1), arr(3, 2)), "trailing bytes after message"},
		{"trailing server", toClient, mp(arr(21, 1, "x"), raw{0xc0}), "trailing bytes after message"},
		{"256 elements", toServer, mp(append(arr(3), make([]any, 255)...)), "message array: length 256 > 255"},
		{"client frame too big", toServer, append(mp(arr(4, strings.Repeat("x", 100))), make([]byte, netcode.MaxClientFrame)...), "> 4096"},
		{"server frame too big", toClient, make([]byte, netcode.MaxServerFrame+1), "> 1048576"},
		{"reserved code c1", toServer, mp(arr(raw{0xc1})), "invalid code 0xc1"},
		{"array32 claims 4G", toServer, mp(raw{0xdd, 0xff, 0xff, 0xff, 0xff}), "length 4294967295 > 255"},
		{"array32 claims 5", toClient, mp(raw{0xdd, 0, 0, 0, 5}, 1), "length 5 needs >= 5 bytes, 1 left"},
		{"array16 claims 200", toServer, mp(raw{0xdc, 0, 200}, 3), "length 200 needs >= 200 bytes, 1 left"},

		// Hello.
		{"hello extra element", toServer, mp(arr(1, 2, "Ada", "", []byte{}, 1, 7)), "hello: array length 7, want 5 to 6"},
		{"hello missing element", toServer, mp(arr(1, 2, "Ada", "")), "hello: array length 4, want 5 to 6"},
		{"hello flags 256", toServer, mp(arr(1, 2, "Ada", "", []byte{}, 256)), "hello: flags 256 > 255"},
		{"hello flags string", toServer, mp(arr(1, 2, "Ada", "", []byte{}, "1")), "flags is string"},
		{"hello private with room", toServer, mp(arr(1, 2, "Ada", "r1", []byte{}, 1)), "hello: room must be empty when flags ask for a new private room"},
		{"hello version 0", toServer, mp(arr(1, 0, "Ada", "", []byte{})), "hello: version is 0"},
		{"hello version too big", toServer, mp(arr(1, 65536, "Ada", "", []byte{})), "hello: version 65536 > 65535"},
		{"hello version negative", toServer, mp(arr(1, -1, "Ada", "", []byte{})), "version -1 < 0"},
		{"hello version float", toServer, mp(arr(1, 1.5, "Ada", "", []byte{})), "version is float"},
		{"hello version ext", toServer, mp(arr(1, raw{0xd4, 0, 1}, "Ada", "", []byte{})), "version is ext"},
		{"hello version bool", toServer, mp(arr(1, true, "Ada", "", []byte{})), "version is bool"},
		{"hello version array", toServer, mp(arr(1, arr(1), "Ada", "", []byte{})), "version is array"},
		{"hello version map", toServer, mp(arr(1, raw{0x80}, "Ada", "", []byte{})), "version is map"},
		{"hello name too long", toServer, mp(arr(1, 2, strings.Repeat("n", 300), "", []byte{})), "hello: name is 300 bytes > 64"},
		{"hello name 65", toServer, mp(arr(1, 2, strings.Repeat("n", 65), "", []byte{})), "name is 65 bytes > 64"},
		{"hello name 65 unicode", toServer, mp(arr(1, 2, name64+"a", "", []byte{})), "name is 65 bytes > 64"},
		{"hello name bin", toServer, mp(arr(1, 2, []byte("Ada"), "", []byte{})), "name is bin, want string"},
		{"hello name int", toServer, mp(arr(1, 2, 7, "", []byte{})), "name is integer, want string"},
		{"hello name nil", toServer, mp(arr(1, 2, nil, "", []byte{})), "name is nil"},
		{"hello name invalid utf8", toServer, mp(arr(1, 2, "A\xffa", "", []byte{})), "name is not valid UTF-8"},
		{"hello name truncated utf8", toServer, mp(arr(1, 2, "é"[:1], "", []byte{})), "not valid UTF-8"},
		{"hello name cut rune at limit", toServer, mp(arr(1, 2, name64[:63], "", []byte{})), "not valid UTF-8"},
		{"hello name overlong utf8", toServer, mp(arr(1, 2, "\xc0\xaf", "", []byte{})), "not valid UTF-8"},
		{"hello name surrogate", toServer, mp(arr(1, 2, "\xed\xa0\x80", "", []byte{})), "not valid UTF-8"},
		{"hello room too long", toServer, mp(arr(1, 2, "Ada", strings.Repeat("r", 33), []byte{})), "room is 33 bytes > 32"},
		{"hello room invalid utf8", toServer, mp(arr(1, 2, "Ada", "\x80", []byte{})), "room is not valid UTF-8"},
		{"hello token too long", toServer, mp(arr(1, 2, "Ada", "", make([]byte, 33))), "resume_token is 33 bytes > 32"},
		{"hello token string", toServer, mp(arr(1, 2, "Ada", "", "tok")), "resume_token is string, want bin"},
		{"hello token nil", toServer, mp(arr(1, 2, "Ada", "", nil)), "resume_token is nil, want bin"},
		{"hello name str32 claims 4G", toServer, msg(5, 1, 2, raw{0xdb, 0xff, 0xff, 0xff, 0xff}), "name is 4294967295 bytes > 64"},
		{"hello name claims more than present", toServer, msg(5, 1, 2, raw{0xd9, 60, 'a', 'b'}), "name truncated"},
		{"hello token bin32 claims 4G", toServer, mp(arr(1, 2, "a", "", raw{0xc6, 0xff, 0xff, 0xff, 0xff})), "resume_token is 4294967295 bytes > 32"},
		{"hello token claims more than present", toServer, mp(arr(1, 2, "a", "", raw{0xc4, 5, 1})), "resume_token truncated"},

		// Inputs.
		{"inputs 17", toServer, in(0, 1, slices.Repeat(arr(frame), 17)...), "inputs: inputs length 17 > 16"},
		{"inputs empty", toServer, in(0, 1), "inputs length 0 < 1"},
		{"inputs array32 4G", toServer, mp(arr(2, 0, 1, raw{0xdd, 0xff, 0xff, 0xff, 0xff})), "inputs length 4294967295 > 16"},
		{"inputs claim more than present", toServer, msg(4, 2, 0, 1, raw{0x93}, frame), "inputs length 3 needs >= 18 bytes, 6 left"},
		{"inputs is map", toServer, mp(arr(2, 0, 1, raw{0x80})), "inputs is map, want array"},
		{"inputs is int", toServer, mp(arr(2, 0, 1, 3)), "inputs is integer, want array"},
		{"input short", toServer, in(0, 1, arr(0, 0, 65535, 0)), "inputs[0] length 4, want 5"},
		{"input long", toServer, in(0, 1, arr(0, 0, 0, 0, 0, 0)), "inputs[0] length 6, want 5"},
		{"third input long", toServer, in(0, 1, frame, frame, arr(0, 0, 0, 0, 0, 0)), "inputs[2] length 6, want 5"},
		{"input not array", toServer, in(0, 1, "window"), "inputs[0] is string, want array"},
		{"input too small", toServer, in(0, 1, 1), "inputs length 1 needs >= 6 bytes, 1 left"},
		{"first_seq 0", toServer, in(0, 0, frame), "inputs: first_seq is 0"},
		{"first_seq too big", toServer, in(0, uint64(1<<32), frame), "first_seq 4294967296 > 4294967295"},
		{"first_seq + n passes 2^32-1", toServer, in(0, uint64(math.MaxUint32), frame, frame), "first_seq 4294967295 + 2 inputs passes 2^32-1"},
		{"first_seq + 16 passes 2^32-1", toServer, in(0, uint64(math.MaxUint32-14), slices.Repeat(arr(frame), 16)...), "+ 16 inputs passes 2^32-1"},
		{"first_seq negative", toServer, in(0, -1, frame), "first_seq -1 < 0"},
		{"move_x 128", toServer, in(0, 1, arr(128, 0, 0, 0, 0)), "inputs[0].move_x 128 out of range -127..127"},
		{"move_x -128", toServer, in(0, 1, arr(-128, 0, 0, 0, 0)), "move_x -128 out of range"},
		{"move_y huge", toServer, in(0, 1, arr(0, uint64(1<<63), 0, 0, 0)), "move_y 9223372036854775808 > 127"},
		{"move_y min int64", toServer, in(0, 1, arr(0, int64(math.MinInt64), 0, 0, 0)), "move_y -9223372036854775808 out of range"},
		{"move_x float", toServer, in(0, 1, arr(0.5, 0, 0, 0, 0)), "move_x is float, want integer"},
		{"move_x nested array", toServer, in(0, 1, arr(arr(1), 0, 0, 0, 0)), "move_x is array, want integer"},
		{"aim 65536", toServer, in(0, 1, arr(0, 0, 65536, 0, 0)), "aim 65536 > 65535"},
		{"aim negative", toServer, in(0, 1, arr(0, 0, -1, 0, 0)), "aim -1 < 0"},
		{"buttons 256", toServer, in(0, 1, arr(0, 0, 0, 256, 0)), "buttons 256 > 255"},
		{"buttons nil", toServer, in(0, 1, arr(0, 0, 0, nil, 0)), "buttons is nil"},
		{"render_lag 128", toServer, in(1000, 1, arr(0, 0, 0, 0, 128)), "render_lag 128 out of range -128..127"},
		{"render_lag -129", toServer, in(1000, 1, arr(0, 0, 0, 0, -129)), "render_lag -129 out of range"},
		{"render_lag with ack 0", toServer, in(0, 1, arr(0, 0, 0, 0, 1)), "inputs[0].render_lag 1 with ack_tick 0, want 0"},
		{"render_lag -1 with ack 0", toServer, in(0, 1, frame, arr(0, 0, 0, 0, -1)), "inputs[1].render_lag -1 with ack_tick 0"},
		{"render tick negative", toServer, in(5, 1, arr(0, 0, 0, 0, 6)), "render_lag 6 puts the render tick out of range"},
		{"render tick past 2^32-1", toServer, in(uint64(math.MaxUint32), 1, arr(0, 0, 0, 0, -1)), "render_lag -1 puts the render tick out of range"},
		{"render_lag string", toServer, in(5, 1, arr(0, 0, 0, 0, "1")), "render_lag is string"},
		{"ack negative", toServer, in(-5, 1, frame), "ack_tick -5 < 0"},
		{"ack too big", toServer, in(uint64(1<<32), 1, frame), "ack_tick 4294967296 > 4294967295"},
		{"ack float32", toServer, in(raw{0xca, 0, 0, 0, 0}, 1, frame), "ack_tick is float"},
		{"inputs extra element", toServer, mp(arr(2, 0, 1, arr(frame), 0)), "inputs: array length 5, want 4"},
		{"inputs missing element", toServer, mp(arr(2, 0, 1)), "inputs: array length 3, want 4"},

		// Ping, Chat, Leave.
		{"ping extra", toServer, mp(arr(3, 1, 2)), "ping: array length 3, want 2"},
		{"ping missing", toServer, mp(arr(3)), "ping: array length 1, want 2"},
		{"ping negative", toServer, mp(arr(3, -1)), "client_time -1 < 0"},
		{"ping double", toServer, mp(arr(3, 1e9)), "client_time is float"},
		{"ping str", toServer, mp(arr(3, "1")), "client_time is string"},
		{"chat too long", toServer, mp(arr(4, strings.Repeat("c", 201))), "chat: text is 201 bytes > 200"},
		{"chat str16 claims 64K", toServer, msg(2, 4, raw{0xda, 0xff, 0xff}), "text is 65535 bytes > 200"},
		{"chat bin", toServer, mp(arr(4, []byte("hi"))), "text is bin, want string"},
		{"chat invalid utf8", toServer, mp(arr(4, "\x80hi")), "text is not valid UTF-8"},
		{"chat missing text", toServer, mp(arr(4)), "chat: array length 1, want 2"},
		{"leave extra", toServer, mp(arr(5, 0)), "leave: array length 2, want 1"},

		// Welcome.
		{"welcome player 0", toClient, mp(setAt(welcome, 1, 0)), "welcome: player_id is 0"},
		{"welcome player 65536", toClient, mp(setAt(welcome, 1, 65536)), "player_id 65536 > 65535"},
		{"welcome room too long", toClient, mp(setAt(welcome, 2, strings.Repeat("r", 33))), "room_id is 33 bytes > 32"},
		{"welcome map too long", toClient, mp(setAt(welcome, 3, strings.Repeat("m", 65))), "map is 65 bytes > 64"},
		{"welcome mode too long", toClient, mp(setAt(welcome, 4, strings.Repeat("m", 33))), "mode is 33 bytes > 32"},
		{"welcome mode invalid utf8", toClient, mp(setAt(welcome, 4, "\xfe")), "mode is not valid UTF-8"},
		{"welcome tick rate 0", toClient, mp(setAt(welcome, 5, 0)), "tick_rate is 0"},
		{"welcome snapshot rate 0", toClient, mp(setAt(welcome, 6, 0)), "snapshot_rate is 0"},
		{"welcome server tick negative", toClient, mp(setAt(welcome, 7, -1)), "server_tick -1 < 0"},
		{"welcome token too long", toClient, mp(setAt(welcome, 8, make([]byte, 33))), "resume_token is 33 bytes > 32"},
		{"welcome token nil", toClient, mp(setAt(welcome, 8, nil)), "resume_token is nil"},
		{"welcome view width 65536", toClient, mp(setAt(welcome, 9, 65536)), "view_width 65536 > 65535"},
		{"welcome view height negative", toClient, mp(setAt(welcome, 10, -1)), "view_height -1 < 0"},
		{"welcome 33 rules", toClient, mp(setAt(welcome, 11, slices.Repeat(arr(arr("r", 1)), 33))), "rules length 33 > 32"},
		{"welcome rules 4G", toClient, mp(setAt(welcome, 11, raw{0xdd, 0xff, 0xff, 0xff, 0xff})), "rules length 4294967295 > 32"},
		{"welcome rules not array", toClient, mp(setAt(welcome, 11, "rules")), "rules is string, want array"},
		{"welcome rule name 33", toClient, mp(setAt(welcome, 11, arr(arr(strings.Repeat("n", 33), 1)))), "rules[0].name is 33 bytes > 32"},
		{"welcome rule of 3", toClient, mp(setAt(welcome, 11, arr(arr("a", 1), arr("b", 1, 2)))), "rules[1] length 3, want 2"},
		{"welcome rule value too big", toClient, mp(setAt(welcome, 11, arr(arr("a", uint64(1<<63))))), "rules[0].value 9223372036854775808 > 9223372036854775807"},
		{"welcome rule value float", toClient, mp(setAt(welcome, 11, arr(arr("a", 1.5)))), "rules[0].value is float"},
		{"welcome rule not array", toClient, mp(setAt(welcome, 11, arr("abc"))), "rules[0] is string, want array"},
		{"welcome 65 roster", toClient, mp(setAt(welcome, 12, slices.Repeat(arr(arr(1, "a")), 65))), "roster length 65 > 64"},
		{"welcome roster id 0", toClient, mp(setAt(welcome, 12, arr(arr(0, "a")))), "roster[0].id is 0"},
		{"welcome roster id 65536", toClient, mp(setAt(welcome, 12, arr(arr(65536, "a")))), "roster[0].id 65536 > 65535"},
		{"welcome roster name 65", toClient, mp(setAt(welcome, 12, arr(arr(1, strings.Repeat("n", 65))))), "roster[0].name is 65 bytes > 64"},
		{"welcome roster name invalid", toClient, mp(setAt(welcome, 12, arr(arr(1, "a"), arr(2, "\xc3")))), "roster[1].name is not valid UTF-8"},
		{"welcome roster claims more", toClient, msg(13, append(welcome[:12:12], raw{0x9f}, arr(1, "a"))...), "roster length 15 needs >= 45 bytes"},
		{"welcome short", toClient, mp(welcome[:12]), "welcome: array length 12, want 13 to 15"},
		{"welcome long", toClient, mp(append(slices.Clone(welcome), 1, arr(), 0)), "welcome: array length 16, want 13 to 15"},
		{"welcome room_flags 256", toClient, mp(append(slices.Clone(welcome), 256)), "welcome: room_flags 256 > 255"},
		{"welcome match not array", toClient, mp(append(slices.Clone(welcome), 0, 0)), "welcome: match is integer, want array"},
		{"welcome match short", toClient, mp(append(slices.Clone(welcome), 0, arr(1, 1, 0, 300, "arena", 0))), "match length 6, want 0 or 7"},
		{"welcome match phase 0", toClient, mp(append(slices.Clone(welcome), 0, arr(0, 1, 0, 300, "arena", 0, arr()))), "phase is 0, want 1..3"},
		{"welcome match phase 4", toClient, mp(append(slices.Clone(welcome), 0, arr(4, 1, 0, 300, "arena", 0, arr()))), "phase is 4, want 1..3"},
		{"welcome match number 0", toClient, mp(append(slices.Clone(welcome), 0, arr(1, 0, 0, 300, "arena", 0, arr()))), "number is 0"},
		{"welcome match ends early", toClient, mp(append(slices.Clone(welcome), 0, arr(2, 1, 300, 299, "arena", 0, arr()))), "end_tick 299 < start_tick 300"},
		{"welcome match map too long", toClient, mp(append(slices.Clone(welcome), 0, arr(2, 1, 0, 300, strings.Repeat("m", 65), 0, arr()))), "map is 65 bytes > 64"},
		{"welcome match 65 scores", toClient, mp(append(slices.Clone(welcome), 0, arr(3, 1, 0, 300, "arena", 1, slices.Repeat(arr(arr(1, 0, 0, 0)), 65)))), "scores length 65 > 64"},
		{"welcome match score id 0", toClient, mp(append(slices.Clone(welcome), 0, arr(3, 1, 0, 300, "arena", 1, arr(arr(0, 0, 0, 0))))), "scores[0].id is 0"},
		{"welcome match score of 3", toClient, mp(append(slices.Clone(welcome), 0, arr(3, 1, 0, 300, "arena", 1, arr(arr(1, 0, 0, 0), arr(2, 0, 300))))), "scores[1] length 3, want 4"},
		{"welcome match score 40000", toClient, mp(append(slices.Clone(welcome), 0, arr(3, 1, 0, 300, "arena", 1, arr(arr(1, 0, 0, 40000))))), "scores[0].score 40000 out of range -32768..32767"},

		// Snapshot header and own section.
		{"snapshot short", toClient, mp(arr(17, 100, 0, own, arr())), "snapshot: array length 5, want 6"},
		{"snapshot long", toClient, mp(arr(17, 100, 0, own, arr(), arr(), arr())), "snapshot: array length 7, want 6"},
		{"tick too big", toClient, snap(uint64(1<<32), 0, own, arr(), arr()), "tick 4294967296 > 4294967295"},
		{"baseline 256", toClient, snap(1000, 256, arr(0), arr(), arr()), "snapshot: baseline 256 out of range 0..min(255, tick 1000)"},
		{"baseline > tick", toClient, snap(5, 6, arr(0), arr(), arr()), "baseline 6 out of range"},
		{"baseline huge", toClient, snap(1000, uint64(math.MaxUint32), arr(0), arr(), arr()), "baseline 4294967295 out of range"},
		{"own arms without fields", toClient, snap(100, 0, setAt(own, 0, int(netcode.OwnFull)|128), arr(), arr()), "own length 14, want 16 for mask 191"},
		{"own arms delta short", toClient, snap(100, 1, arr(128, 1), arr(), arr()), "own length 2, want 3 for mask 128"},
		{"own weapon too big", toClient, snap(100, 1, arr(128, 256, 0), arr(), arr()), "own.weapon"},
		{"own mask 256", toClient, snap(100, 1, arr(256), arr(), arr()), "own.mask 256 > 255"},
		{"own mask float", toClient, snap(100, 1, arr(0.0), arr(), arr()), "own.mask is float"},
		{"own full short", toClient, snap(100, 0, own[:13], arr(), arr()), "own length 13, want 14 for mask 63"},
		{"own full long", toClient, snap(100, 0, append(slices.Clone(own), 0), arr(), arr()), "own length 15, want 14 for mask 63"},
		{"own steps short", toClient, snap(100, 3, arr(int(netcode.OwnInputs), 10, 1, 1), arr(), arr()), "own length 4, want 5 for mask 32"},
		{"own steps long", toClient, snap(100, 1, arr(int(netcode.OwnInputs), 10, 1, 1), arr(), arr()), "own length 4, want 3 for mask 32"},
		{"own pong short", toClient, snap(100, 1, arr(int(netcode.OwnPong), 10), arr(), arr()), "own length 2, want 3 for mask 64"},
		{"own empty", toClient, snap(100, 1, arr(), arr(), arr()), "own length 0 < 1"},
		{"own too long", toClient, snap(100, 1, longOwn, arr(), arr()), "own length 274 > 273"},
		{"own is map", toClient, mp(arr(17, 100, 1, raw{0x80}, arr(), arr())), "own is map, want array"},
		{"own is int", toClient, mp(arr(17, 100, 1, 0, arr(), arr())), "own is integer, want array"},
		{"full missing inputs", toClient, snap(100, 0, setAt(own, 0, int(netcode.OwnFull&^netcode.OwnInputs)), arr(), arr()), "own.mask 31: a full snapshot carries every group"},
		{"full missing pos", toClient, snap(100, 0, arr(int(netcode.OwnFull&^netcode.OwnPos|netcode.OwnPong), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), arr(), arr()), "a full snapshot carries every group"},
		{"full mask 0", toClient, snap(100, 0, arr(0), arr(), arr()), "own.mask 0: a full snapshot"},
		{"own x too big", toClient, snap(100, 1, arr(1, uint64(1<<31), 0), arr(), arr()), "own.x 2147483648 out of range"},
		{"own vy too small", toClient, snap(100, 1, arr(2, 0, int64(math.MinInt32-1)), arr(), arr()), "own.vy -2147483649 out of range"},
		{"own health 256", toClient, snap(100, 1, arr(4, 256, 0), arr(), arr()), "own.health 256 > 255"},
		{"own flags negative", toClient, snap(100, 1, arr(4, 0, -1), arr(), arr()), "own.flags -1 < 0"},
		{"own protect 65536", toClient, snap(100, 1, arr(8, 0, 0, 65536), arr(), arr()), "own.protect_ticks 65536 > 65535"},
		{"own score -32769", toClient, snap(100, 1, arr(16, 0, 0, -32769), arr(), arr()), "own.score -32769 out of range -32768..32767"},
		{"own kills string", toClient, snap(100, 1, arr(16, "0", 0, 0), arr(), arr()), "own.kills is string"},
		{"own ack negative", toClient, snap(100, 1, arr(32, -1, 1), arr(), arr()), "own.ack_seq -1 < 0"},
		{"own step too big", toClient, snap(100, 2, arr(32, 5, 1, uint64(1<<32)), arr(), arr()), "own.step 4294967296 > 4294967295"},
		{"own client_time float", toClient, snap(100, 1, arr(64, 1.5, 0), arr(), arr()), "own.client_time is float"},
		{"own hold_us too big", toClient, snap(100, 1, arr(64, 0, uint64(1<<32)), arr(), arr()), "own.hold_us 4294967296 > 4294967295"},

		// Entities.
		{"too many kinds", toClient, snap(100, 1, arr(0), kindBlocks, arr()), "entities length 17 > 16"},
		{"entities 4G", toClient, msg(6, 17, 100, 1, arr(0), raw{0xdd, 0xff, 0xff, 0xff, 0xff}, arr()), "entities length 4294967295 > 16"},
		{"entities claim more than present", toClient, msg(6, 17, 100, 1, arr(0), raw{0x9f}, arr()), "entities length 15 needs >= 45 bytes, 1 left"},
		{"entities is map", toClient, mp(arr(17, 100, 1, arr(0), raw{0x80}, arr())), "entities is map, want array"},
		{"kind block not array", toClient, snap(100, 1, arr(0), arr("abc"), arr()), "entities[0] is string, want array"},
		{"kind block of 1", toClient, snap(100, 1, arr(0), arr(arr(1)), arr()), "entities[0] length 1, want 2"},
		{"kind block of 3", toClient, snap(100, 1, arr(0), arr(arr(1, arr(), 0)), arr()), "entities[0] length 3, want 2"},
		{"kind 256", toClient, snap(100, 1, arr(0), arr(arr(256, arr())), arr()), "entities[0].kind 256 > 255"},
		{"kind negative", toClient, snap(100, 1, arr(0), arr(arr(-1, arr())), arr()), "entities[0].kind -1 < 0"},
		{"duplicate pickup kind", toClient, snap(100, 1, arr(0), arr(arr(3, arr()), arr(3, arr())), arr()), "entities[1].kind 3 appears twice"},
		{"projectile mask reserved", toClient, snap(100, 1, arr(0), arr(arr(2, arr(1<<2|2))), arr()), "key 6: mask 2 is reserved"},
		{"projectile ids repeat", toClient, snap(100, 1, arr(0), arr(arr(2, arr(1<<2, 0))), arr()), "key 0: ids must ascend"},
		{"projectile ends inside enter", toClient, snap(100, 1, arr(0), arr(arr(2, arr(1<<2|1, 1, 2))), arr()), "end inside projectile 1"},
		{"projectile owner 0", toClient, snap(100, 1, arr(0), arr(arr(2, arr(1<<2|1, 0, 1, 2, 3, 4))), arr()), "owner"},
		{"projectile age too big", toClient, snap(100, 1, arr(0), arr(arr(2, arr(1<<2|1, 1, 1, 2, 3, 65536))), arr()), "age"},
		{"pickup mask reserved", toClient, snap(100, 1, arr(0), arr(arr(3, arr(1<<2|3))), arr()), "key 7: mask 3 is reserved"},
		{"pickup ends inside timer", toClient, snap(100, 1, arr(0), arr(arr(3, arr(2<<2|2))), arr()), "end inside pickup 2"},
		{"explosion short", toClient, snap(100, 1, arr(0), arr(), arr(arr(6, 0, 1, 2, 3, 4))), "length 6, want 7 for kind 6"},
		{"pickup event player 0", toClient, snap(100, 1, arr(0), arr(), arr(arr(7, 0, 0, 1, 1))), "player"},
		{"duplicate player kind", toClient, snap(100, 1, arr(0), arr(arr(1, arr()), arr(9, 0), arr(1, arr())), arr()), "entities[2].kind 1 appears twice"},
		{"player updates not array", toClient, snap(100, 1, arr(0), arr(arr(1, 5)), arr()), "entities[0].updates is integer, want array"},
		{"player updates map", toClient, snap(100, 1, arr(0), arr(arr(1, raw{0x80})), arr()), "updates is map, want array"},
		{"updates 2049", toClient, snap(100, 1, arr(0), arr(arr(1, raw{0xdc, 0x08, 0x01})), arr()), "updates length 2049 > 2048"},
		{"updates 4G", toClient, snap(100, 1, arr(0), arr(arr(1, raw{0xdd, 0xff, 0xff, 0xff, 0xff})), arr()), "updates length 4294967295 > 2048"},
		{"updates claim more", toClient, snap(100, 1, arr(0), arr(arr(1, raw{0x9f, 32})), arr()), "updates length 15 needs >= 15 bytes"},
		{"first key id 0", toClient, snap(100, 1, arr(0), players(0<<5|1, 0, 0), arr()), "key 1: ids must ascend"},
		{"first key id 0 enter", toClient, snap(100, 0, own, players(0<<5|16, 0, 0, 0, 0, 0, 0, 0, 0), arr()), "key 16: ids must ascend"},
		{"key repeats id", toClient, snap(100, 1, arr(0), players(1<<5, 0<<5), arr()), "key 0: ids must ascend"},
		{"key id past 65535", toClient, snap(100, 1, arr(0), players(65535<<5, 1<<5), arr()), "key 32: id 65536 > 65535"},
		{"key id 65535 then more", toClient, snap(100, 1, arr(0), players(65000<<5|4, 1, 1, 535<<5|4, 1, 1, 1<<5), arr()), "id 65536 > 65535"},
		{"key too big", toClient, snap(100, 1, arr(0), players(uint64(65536<<5|16)), arr()), "key 2097168 > 2097151"},
		{"key negative", toClient, snap(100, 1, arr(0), players(-1), arr()), "key -1 < 0"},
		{"key float", toClient, snap(100, 1, arr(0), players(32.0), arr()), "key is float"},
		{"reserved mask 17", toClient, snap(100, 1, arr(0), players(1<<5|17, 0, 0, 0, 0, 0, 0, 0, 0), arr()), "key 49: mask 17 is reserved"},
		{"reserved mask 31", toClient, snap(100, 1, arr(0), players(1<<5, 1<<5|31), arr()), "key 63: mask 31 is reserved"},
		{"stream ends inside enter", toClient, snap(100, 1, arr(0), players(1<<5|16, 1, 2), arr()), "updates end inside player 1"},
		{"stream ends inside change", toClient, snap(100, 1, arr(0), players(1<<5, 1<<5|15, 1, 2, 3, 4, 5, 6, 7), arr()), "updates end inside player 2"},
		{"stream ends inside pos", toClient, snap(100, 1, arr(0), players(3<<5|1, 1), arr()), "end inside player 3"},
		{"full snapshot update ends", toClient, snap(100, 0, own, players(enterInts(1)[:8]...), arr()), "end inside player 1"},
		{"enter x too big", toClient, snap(100, 1, arr(0), players(setAt(enterInts(7), 1, uint64(1<<31))...), arr()), "players[7].x 2147483648 out of range"},
		{"enter aim 256", toClient, snap(100, 1, arr(0), players(setAt(enterInts(7), 3, 256)...), arr()), "players[7].aim 256 > 255"},
		{"enter health 256", toClient, snap(100, 1, arr(0), players(setAt(enterInts(7), 4, 256)...), arr()), "players[7].health 256 > 255"},
		{"enter kills 65536", toClient, snap(100, 1, arr(0), players(setAt(enterInts(7), 6, 65536)...), arr()), "players[7].kills 65536 > 65535"},
		{"enter score 32768", toClient, snap(100, 1, arr(0), players(setAt(enterInts(7), 8, 32768)...), arr()), "players[7].score 32768 out of range"},
		{"daim 128", toClient, snap(100, 1, arr(0), players(2<<5|2, 128), arr()), "players[2].daim 128 out of range -128..127"},
		{"daim -129", toClient, snap(100, 1, arr(0), players(2<<5|2, -129), arr()), "players[2].daim -129 out of range"},
		{"dy nil", toClient, snap(100, 1, arr(0), players(2<<5|1, 0, nil), arr()), "players[2].dy is nil"},
		{"vitals flags 256", toClient, snap(100, 1, arr(0), players(2<<5|4, 0, 256), arr()), "players[2].flags 256 > 255"},
		{"score deaths -1", toClient, snap(100, 1, arr(0), players(2<<5|8, 0, -1, 0), arr()), "players[2].deaths -1 < 0"},

		// Events.
		{"too many events", toClient, msg(6, 17, 100, 0, own, arr(), raw{0xdc, 1, 1}), "events length 257 > 256"},
		{"events 4G", toClient, msg(6, 17, 100, 0, own, arr(), raw{0xdd, 0xff, 0xff, 0xff, 0xff}), "events length 4294967295 > 256"},
		{"events claim more", toClient, msg(6, 17, 100, 0, own, arr(), raw{0x9f}), "events length 15 needs >= 45 bytes, 0 left"},
		{"events is string", toClient, mp(arr(17, 100, 0, own, arr(), "events")), "events is string, want array"},
		{"event not array", toClient, events("abc"), "events[0] is string, want array"},
		{"event of 1", toClient, events(arr(1, 0, 7, "x"), arr(1)), "events[1] length 1 < 2"},
		{"event kind 256", toClient, events(arr(256, 0, 1)), "events[0].kind 256 > 255"},
		{"event kind nil", toClient, events(arr(nil, 0, 1)), "events[0].kind is nil"},
		{"join of 3", toClient, events(arr(1, 0, 7)), "events[0] length 3, want 4 for kind 1"},
		{"join of 5", toClient, events(arr(1, 0, 7, "a", 0)), "events[0] length 5, want 4 for kind 1"},
		{"leave of 4", toClient, events(arr(2, 0, 7, 8)), "events[0] length 4, want 3 for kind 2"},
		{"leave of 2", toClient, events(arr(2, 0)), "events[0] length 2, want 3 for kind 2"},
		{"kill of 3", toClient, events(arr(3, 0, 7)), "length 3, want 4 for kind 3"},
		{"shot of 7", toClient, events(arr(4, 0, 1, 0, 1, 2, 3)), "length 7, want 8 for kind 4"},
		{"shot of 9", toClient, events(arr(4, 0, 1, 0, 1, 2, 3, 4, 5)), "length 9, want 8 for kind 4"},
		{"chat of 5", toClient, events(arr(5, 0, 0, "hi", 1)), "length 5, want 4 for kind 5"},
		{"ticks_back > tick", toClient, events(arr(2, 101, 7)), "events[0].ticks_back 101 > tick 100"},
		{"ticks_back 2^32", toClient, events(arr(2, uint64(1<<32), 7)), "ticks_back 4294967296 > 4294967295"},
		{"ticks_back negative", toClient, events(arr(2, -1, 7)), "ticks_back -1 < 0"},
		{"join player 0", toClient, events(arr(1, 0, 0, "a")), "events[0].player is 0"},
		{"leave player 0", toClient, events(arr(2, 1, 7), arr(2, 0, 0)), "events[1].player is 0"},
		{"kill killer 0", toClient, events(arr(3, 0, 0, 7)), "events[0].player is 0"},
		{"kill victim 0", toClient, events(arr(3, 0, 7, 0)), "events[0].victim is 0"},
		{"shot shooter 0", toClient, events(arr(4, 0, 0, 7, 1, 2, 3, 4)), "events[0].player is 0"},
		{"player 65536", toClient, events(arr(2, 0, 65536)), "events[0].player 65536 > 65535"},
		{"chat from 65536", toClient, events(arr(5, 0, 65536, "x")), "events[0].player 65536 > 65535"},
		{"shot target 65536", toClient, events(arr(4, 0, 1, 65536, 1, 2, 3, 4)), "events[0].target 65536 > 65535"},
		{"shot from_x too big", toClient, events(arr(4, 0, 1, 0, uint64(1<<31), 2, 3, 4)), "events[0].from_x 2147483648 out of range"},
		{"shot to_y string", toClient, events(arr(4, 0, 1, 0, 1, 2, 3, "4")), "events[0].to_y is string"},
		{"join name 65", toClient, events(arr(1, 0, 7, strings.Repeat("n", 65))), "events[0].name is 65 bytes > 64"},
		{"join name invalid utf8", toClient, events(arr(1, 0, 7, "ok"), arr(1, 0, 8, "\xfe")), "events[1].name is not valid UTF-8"},
		{"join name bin", toClient, events(arr(1, 0, 7, []byte("a"))), "events[0].name is bin, want string"},
		{"chat text 201", toClient, events(arr(5, 0, 0, strings.Repeat("t", 201))), "events[0].text is 201 bytes > 200"},
		{"chat text str32 4G", toClient, msg(6, 17, 100, 0, own, arr(), arr(arr(5, 0, 0, raw{0xdb, 0xff, 0xff, 0xff, 0xff}))), "events[0].text is 4294967295 bytes > 200"},

		// Error.
		{"error message too long", toClient, mp(arr(21, 1, strings.Repeat("e", 257))), "error: message is 257 bytes > 256"},
		{"error code negative", toClient, mp(arr(21, -3, "x")), "code -3 < 0"},
		{"error code 65536", toClient, mp(arr(21, 65536, "x")), "code 65536 > 65535"},
		{"error short", toClient, mp(arr(21, 1)), "error: array length 2, want 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			wantDecodeError(t, decode(c.dir, c.b), c.want)
		})
	}
}

var hostileHeaders = []string{"dd ff ff ff ff", "db ff ff ff ff", "c6 ff ff ff ff", "dc ff ff", "da ff ff", "c5 ff ff", "df ff ff ff ff", "c9 ff ff ff ff"}

// elementPaths lists the path of every element of tree at every depth, the
// message type included.
func elementPaths(tree []any, prefix []int) [][]int {
	var paths [][]int
	for i, el := range tree {
		p := append(slices.Clone(prefix), i)
		paths = append(paths, p)
		if sub, ok := el.([]any); ok {
			paths = append(paths, elementPaths(sub, p)...)
		}
	}
	return paths
}

// encodePrefix encodes tree up to, not including, the element at path: the
// enclosing arrays' headers claim their full lengths.
func encodePrefix(b []byte, node []any, path []int) []byte {
	b = appendArrayHeader(b, len(node))
	for _, el := range node[:path[0]] {
		b = appendValue(b, el)
	}
	if len(path) == 1 {
		return b
	}
	return encodePrefix(b, node[path[0]].([]any), path[1:])
}

// TestHostileHeaders puts each hostile length header in place of every
// element, at every depth, of every valid tree: once with the rest of the
// message after it, once with the frame ending right after the header.
func TestHostileHeaders(t *testing.T) {
	t.Parallel()
	n := 0
	for _, v := range validTrees {
		for _, path := range elementPaths(v.msg, nil) {
			for _, h := range hostileHeaders {
				hb := raw(unhex(t, h))
				for kind, b := range map[string][]byte{
					"in place":   mp(replace(v.msg, path, hb)),
					"at the end": append(encodePrefix(nil, v.msg, path), hb...),
				} {
					n++
					if msg := checkDecodeError(decode(v.dir, b)); msg != "" {
						t.Errorf("%s: %q %s at %v: % x: %s", v.name, h, kind, path, b, msg)
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d frames", n)
	}
}

// allEncodings returns every sample's and every valid tree's encoding.
func allEncodings() []struct {
	name string
	dir  direction
	b    []byte
} {
	var out []struct {
		name string
		dir  direction
		b    []byte
	}
	add := func(name string, dir direction, b []byte) {
		out = append(out, struct {
			name string
			dir  direction
			b    []byte
		}{name, dir, slices.Clone(b)})
	}
	e := netcode.NewEncoder()
	for name, m := range clientSamples() {
		add(name, toServer, e.EncodeClient(&m))
	}
	for name, m := range serverSamples() {
		add(name, toClient, e.EncodeServer(&m))
	}
	for _, v := range validTrees {
		add("tree "+v.name, v.dir, mp(v.msg))
	}
	slices.SortFunc(out, func(a, b struct {
		name string
		dir  direction
		b    []byte
	}) int {
		return strings.Compare(a.name, b.name)
	})
	return out
}

// TestTruncated cuts every valid encoding at every byte: every strict prefix
// must be refused, since a frame holds exactly one message.
func TestTruncated(t *testing.T) {
	t.Parallel()
	for _, f := range allEncodings() {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			if err := decode(f.dir, f.b); err != nil {
				t.Fatalf("whole message: %v", err)
			}
			d := netcode.NewDecoder()
			var cm netcode.ClientMessage
			var sm netcode.ServerMessage
			for i := range len(f.b) {
				var err error
				if f.dir == toServer {
					err = d.DecodeClient(f.b[:i], &cm)
				} else {
					err = d.DecodeServer(f.b[:i], &sm)
				}
				if msg := checkDecodeError(err); msg != "" {
					t.Fatalf("prefix of %d/%d bytes: %s", i, len(f.b), msg)
				}
			}
		})
	}
}

// TestMutations generates bad frames from each valid tree: every element (at
// every depth) replaced by each value of another msgpack type, removed, or
// followed by an extra element. Each must be refused.
func TestMutations(t *testing.T) {
	t.Parallel()
	replacements := []any{
		1.5, raw{0xca, 0x3f, 0x80, 0, 0}, "s", "", []byte{1}, []byte{}, nil, true, false, arr(), arr(1), arr(arr()),
		raw{0x80}, mapOf(1, 2), raw{0xd4, 1, 1}, raw{0xc7, 1, 5, 0}, raw{0xc1}, -1, uint64(1 << 40),
	}
	for _, v := range validTrees {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			n := 0
			check := func(what string, m []any) {
				t.Helper()
				n++
				b := mp(m)
				if msg := checkDecodeError(decode(v.dir, b)); msg != "" {
					t.Errorf("%s: % x: %s", what, b, msg)
				}
			}
			var walk func(path []int, node []any)
			walk = func(path []int, node []any) {
				// An extra element and a missing one, at this depth; a list
				// of records (inputs, rules, events, ...) may be shorter.
				extra := append(slices.Clone(node), 0)
				if len(path) == 0 && optionalTail[v.name] {
					extra = append(extra, 0)
				}
				check(fmt.Sprintf("extra at %v", path), replace(v.msg, path, extra))
				if len(node) > 0 && !isList(node) && !(len(path) == 0 && withOptional[v.name]) {
					check(fmt.Sprintf("missing at %v", path), replace(v.msg, path, node[:len(node)-1]))
				}
				for i, el := range node {
					p := append(slices.Clone(path), i)
					_, isArray := el.([]any)
					for _, r := range replacements {
						if sameKind(el, r) {
							continue
						}
						if _, rArray := r.([]any); isArray && rArray {
							continue // an empty or shorter list may be valid; walk covers arrays
						}
						check(fmt.Sprintf("%v = %#v", p, r), replace(v.msg, p, r))
					}
					if isArray {
						walk(p, el.([]any))
					}
				}
			}
			walk(nil, v.msg)
			if n < 10*len(elementPaths(v.msg, nil)) {
				t.Errorf("only %d mutations", n)
			}
		})
	}
}

// isList reports whether node is a list of records rather than a record.
func isList(node []any) bool {
	for _, el := range node {
		if _, ok := el.([]any); !ok {
			return false
		}
	}
	return true
}

// sameKind reports whether replacing a with b could still be valid: an
// integer by an integer, a string by a string, a bin by a bin. Out-of-range
// integers are skipped here; TestMalformed covers them field by field.
func sameKind(a, b any) bool {
	switch a.(type) {
	case int, int64, uint64:
		switch b.(type) {
		case int, int64, uint64:
			return true
		}
	case string:
		_, ok := b.(string)
		return ok
	case []byte:
		_, ok := b.([]byte)
		return ok
	}
	return false
}

// replace returns a copy of tree with the element at path set to v.
func replace(tree []any, path []int, v any) []any {
	if len(path) == 0 {
		return v.([]any)
	}
	out := slices.Clone(tree)
	if len(path) == 1 {
		out[path[0]] = v
		return out
	}
	out[path[0]] = replace(tree[path[0]].([]any), path[1:], v)
	return out
}

// TestHostileAllocations proves no allocation follows a length header: a
// frame claiming 4 billion elements or bytes costs a few small allocations
// (the error), not gigabytes.
//
// Not parallel: testing.AllocsPerRun refuses to run in a parallel test.
func TestHostileAllocations(t *testing.T) {
	own := ownFullTree()
	huge := raw{0xdd, 0xff, 0xff, 0xff, 0xff}
	frames := map[string][]byte{
		"array32":           mp(huge),
		"inputs":            msg(4, 2, 0, 1, huge),
		"hello name":        msg(5, 1, 1, raw{0xdb, 0xff, 0xff, 0xff, 0xff}),
		"hello token":       msg(5, 1, 1, "a", "", raw{0xc6, 0xff, 0xff, 0xff, 0xff}),
		"welcome rules":     msg(13, 16, 1, "r", "m", "x", 60, 30, 1, []byte{}, 1, 1, huge),
		"snapshot own":      msg(6, 17, 100, 0, huge),
		"snapshot entities": msg(6, 17, 100, 0, own, huge),
		"player stream":     msg(6, 17, 100, 0, own, raw{0x91, 0x92, 1}, huge),
		"snapshot events":   msg(6, 17, 100, 0, own, arr(), huge),
		"unknown kind":      msg(6, 17, 100, 0, own, raw{0x91, 0x92, 9}, huge),
		"unknown kind map":  msg(6, 17, 100, 0, own, raw{0x91, 0x92, 9, 0xdf, 0xff, 0xff, 0xff, 0xff}),
		"unknown kind ext":  msg(6, 17, 100, 0, own, raw{0x91, 0x92, 9, 0xc9, 0xff, 0xff, 0xff, 0xff, 1}),
		"unknown event bin": msg(6, 17, 100, 0, own, arr(), raw{0x91, 0x93, 99, 0, 0xc6, 0xff, 0xff, 0xff, 0xff}),
		"unknown message":   msg(3, 99, 1, raw{0xdb, 0xff, 0xff, 0xff, 0xff}),
		"deep nesting":      mp(arr(99, nested(200, 1))),
	}
	for name, b := range frames {
		d := netcode.NewDecoder()
		var cm netcode.ClientMessage
		var sm netcode.ServerMessage
		allocs := testing.AllocsPerRun(20, func() {
			if d.DecodeClient(b, &cm) == nil && d.DecodeServer(b, &sm) == nil {
				t.Fatal("decoded")
			}
		})
		// Two decodes, each building at most one error.
		if allocs >= 10 {
			t.Errorf("%s: %v allocs for two decodes, want < 5 each", name, allocs)
		}
	}
	d := netcode.NewDecoder()
	var cm netcode.ClientMessage
	b := mp(huge)
	if allocs := testing.AllocsPerRun(20, func() { _ = d.DecodeClient(b, &cm) }); allocs >= 5 {
		t.Errorf("dd ff ff ff ff: %v allocs, want < 5", allocs)
	}
}
