package netcode_test

import (
	"fmt"
	"strings"
	"testing"

	"arena/netcode"
)

// Valid messages as value trees, the base the generated mutations start from.
func player(id int) []any {
	return arr(id, 16, -16, 0, 0, 0, 100, 1, 0, 0, 0, 0, 0, -1)
}

var validTrees = []struct {
	name string
	dir  direction
	msg  []any
}{
	{"hello", toServer, arr(1, 1, "Ada", "", []byte{})},
	{"inputs", toServer, arr(2, 10, 9, arr(arr(5, 11, -127, 127, 65535, 1), arr(6, 12, 0, 0, 0, 0)))},
	{"ping", toServer, arr(3, 123)},
	{"chat", toServer, arr(4, "hi")},
	{"leave", toServer, arr(5)},
	{"welcome", toClient, arr(16, 1, "r1", "arena", 60, 30, 100, []byte{1, 2})},
	{"snapshot", toClient, arr(17, 100, 5, arr(player(1), player(2)), arr(arr(99, 1, 2, 0, 0, 16, 16)))},
	{"pong", toClient, arr(18, 123, 100)},
	{"chatfrom", toClient, arr(19, 1, "hi")},
	{"events", toClient, arr(20, arr(arr(1, 2, 0, "Bob"), arr(3, 1, 2, "")))},
	{"error", toClient, arr(21, 1, "slow down")},
}

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
	huge := []string{"dd ff ff ff ff", "db ff ff ff ff", "c6 ff ff ff ff", "dc ff ff", "da ff ff", "c5 ff ff"}
	type tc struct {
		name string
		dir  direction
		b    []byte
		want string
	}
	cases := []tc{
		// Framing.
		{"empty frame", toServer, nil, "empty message"},
		{"empty frame server", toClient, []byte{}, "empty message"},
		{"not an array", toServer, mp(1), "is integer, want array"},
		{"map frame", toServer, mp(raw{0x81, 1, 1}), "is map, want array"},
		{"string frame", toServer, mp("hello"), "is string, want array"},
		{"empty array", toServer, mp(arr()), "length 0 < 1"},
		{"unknown type", toServer, mp(arr(99)), "unknown message type 99"},
		{"type zero", toServer, mp(arr(0)), "unknown message type 0"},
		{"server type to server", toServer, mp(arr(16, 1, "r", "m", 60, 30, 1, []byte{})), "unknown message type 16"},
		{"client type to client", toClient, mp(arr(1, 1, "a", "", []byte{})), "unknown message type 1"},
		{"type 256", toServer, mp(arr(256)), "type 256 > 255"},
		{"type negative", toServer, mp(arr(-1)), "type -1 < 0"},
		{"type float", toServer, mp(arr(1.0, 1, "a", "", []byte{})), "type is float, want integer"},
		{"type string", toServer, mp(arr("1")), "type is string, want integer"},
		{"type nil", toServer, mp(arr(nil)), "type is nil, want integer"},
		{"trailing bytes", toServer, mp(arr(5), 0), "trailing bytes after message"},
		{"two messages", toServer, mp(arr(3, 1), arr(3, 2)), "trailing bytes after message"},
		{"trailing server", toClient, mp(arr(18, 1, 1), raw{0xc0}), "trailing bytes after message"},
		{"frame too big", toServer, append(mp(arr(4, strings.Repeat("x", 100))), make([]byte, netcode.MaxClientFrame)...), "> 4096"},
		{"reserved code c1", toServer, mp(arr(raw{0xc1})), "invalid code 0xc1"},

		// Hello.
		{"hello extra element", toServer, mp(arr(1, 1, "Ada", "", []byte{}, 7)), "hello: array length 6, want 5"},
		{"hello missing element", toServer, mp(arr(1, 1, "Ada", "")), "hello: array length 4, want 5"},
		{"hello version 0", toServer, mp(arr(1, 0, "Ada", "", []byte{})), "hello: version is 0"},
		{"hello version too big", toServer, mp(arr(1, 65536, "Ada", "", []byte{})), "hello: version 65536 > 65535"},
		{"hello version negative", toServer, mp(arr(1, -1, "Ada", "", []byte{})), "version -1 < 0"},
		{"hello version float", toServer, mp(arr(1, 1.5, "Ada", "", []byte{})), "version is float"},
		{"hello version ext", toServer, mp(arr(1, raw{0xd4, 0, 1}, "Ada", "", []byte{})), "version is ext"},
		{"hello version bool", toServer, mp(arr(1, true, "Ada", "", []byte{})), "version is bool"},
		{"hello version array", toServer, mp(arr(1, arr(1), "Ada", "", []byte{})), "version is array"},
		{"hello name too long", toServer, mp(arr(1, 1, strings.Repeat("n", 300), "", []byte{})), "hello: name is 300 bytes > 64"},
		{"hello name 65", toServer, mp(arr(1, 1, strings.Repeat("n", 65), "", []byte{})), "name is 65 bytes > 64"},
		{"hello name bin", toServer, mp(arr(1, 1, []byte("Ada"), "", []byte{})), "name is bin, want string"},
		{"hello name int", toServer, mp(arr(1, 1, 7, "", []byte{})), "name is integer, want string"},
		{"hello name nil", toServer, mp(arr(1, 1, nil, "", []byte{})), "name is nil"},
		{"hello name invalid utf8", toServer, mp(arr(1, 1, "A\xffa", "", []byte{})), "name is not valid UTF-8"},
		{"hello name truncated utf8", toServer, mp(arr(1, 1, "é"[:1], "", []byte{})), "not valid UTF-8"},
		{"hello name overlong utf8", toServer, mp(arr(1, 1, "\xc0\xaf", "", []byte{})), "not valid UTF-8"},
		{"hello name surrogate", toServer, mp(arr(1, 1, "\xed\xa0\x80", "", []byte{})), "not valid UTF-8"},
		{"hello room too long", toServer, mp(arr(1, 1, "Ada", strings.Repeat("r", 33), []byte{})), "room is 33 bytes > 32"},
		{"hello token too long", toServer, mp(arr(1, 1, "Ada", "", make([]byte, 33))), "resume_token is 33 bytes > 32"},
		{"hello token string", toServer, mp(arr(1, 1, "Ada", "", "tok")), "resume_token is string, want bin"},
		{"hello token nil", toServer, mp(arr(1, 1, "Ada", "", nil)), "resume_token is nil, want bin"},
		{"hello name str32 claims 4G", toServer, msg(5, 1, 1, raw{0xdb, 0xff, 0xff, 0xff, 0xff}), "name is 4294967295 bytes > 64"},
		{"hello name str claims more than present", toServer, msg(5, 1, 1, raw{0xd9, 60, 'a', 'b'}), "name truncated"},
		{"hello token bin32 claims 4G", toServer, mp(arr(1, 1, "a", "", raw{0xc6, 0xff, 0xff, 0xff, 0xff})), "resume_token is 4294967295 bytes > 32"},
		{"hello array32 claims 4G", toServer, mp(raw{0xdd, 0xff, 0xff, 0xff, 0xff}), "length 4294967295 > 255"},
		{"hello array32 claims 5", toServer, mp(raw{0xdd, 0, 0, 0, 5}, 1), "length 5 needs >= 5 bytes, 1 left"},

		// Inputs.
		{"inputs window too long", toServer, inputsWithWindow(40, 1), "inputs: window length 40 > 16"},
		{"inputs window 17", toServer, inputsWithWindow(17, 1), "window length 17 > 16"},
		{"inputs empty window", toServer, mp(arr(2, 0, 0, arr())), "window length 0 < 1"},
		{"inputs window array32 4G", toServer, mp(arr(2, 0, 0, raw{0xdd, 0xff, 0xff, 0xff, 0xff})), "window length 4294967295 > 16"},
		{"inputs window claims more than present", toServer, msg(4, 2, 0, 0, raw{0x93}, arr(1, 0, 0, 0, 0, 0)), "window length 3 needs >= 21 bytes, 7 left"},
		{"inputs window is map", toServer, mp(arr(2, 0, 0, raw{0x80})), "window is map, want array"},
		{"inputs window is int", toServer, mp(arr(2, 0, 0, 3)), "window is integer, want array"},
		{"inputs frame short", toServer, mp(arr(2, 0, 0, arr(arr(1000, 0, 0, 0, 0)))), "window[0] length 5, want 6"},
		{"inputs frame long", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, 0, 0, 0, 0)))), "window[0] length 7, want 6"},
		{"inputs frame not array", toServer, mp(arr(2, 0, 0, arr("window"))), "window[0] is string, want array"},
		{"inputs frame too small", toServer, mp(arr(2, 0, 0, arr(1))), "window length 1 needs >= 7 bytes, 1 left"},
		{"inputs seq 0", toServer, mp(arr(2, 0, 0, arr(arr(0, 0, 0, 0, 0, 0)))), "window[0].seq is 0"},
		{"inputs seq gap", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, 0, 0, 0), arr(3, 0, 0, 0, 0, 0)))), "window[1].seq 3 after 1"},
		{"inputs seq repeated", toServer, mp(arr(2, 0, 0, arr(arr(5, 0, 0, 0, 0, 0), arr(5, 0, 0, 0, 0, 0)))), "window[1].seq 5 after 5"},
		{"inputs seq decreasing", toServer, mp(arr(2, 0, 0, arr(arr(5, 0, 0, 0, 0, 0), arr(4, 0, 0, 0, 0, 0)))), "seq 4 after 5"},
		{"inputs seq wraps", toServer, mp(arr(2, 0, 0, arr(arr(uint64(1<<32-1), 0, 0, 0, 0, 0), arr(0, 0, 0, 0, 0, 0)))), "seq is 0"},
		{"inputs seq too big", toServer, mp(arr(2, 0, 0, arr(arr(uint64(1<<32), 0, 0, 0, 0, 0)))), "seq 4294967296 > 4294967295"},
		{"inputs move_x 128", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 128, 0, 0, 0)))), "window[0].move_x 128 out of range -127..127"},
		{"inputs move_x -128", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, -128, 0, 0, 0)))), "move_x -128 out of range"},
		{"inputs move_y huge", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, uint64(1<<63), 0, 0)))), "move_y 9223372036854775808 > 127"},
		{"inputs move_y min int64", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, int64(-1<<63), 0, 0)))), "move_y -9223372036854775808 out of range"},
		{"inputs move_x float", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0.5, 0, 0, 0)))), "move_x is float, want integer"},
		{"inputs move_x nested array", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, arr(1), 0, 0, 0)))), "move_x is array, want integer"},
		{"inputs aim 65536", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, 0, 65536, 0)))), "aim 65536 > 65535"},
		{"inputs buttons 256", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, 0, 0, 256)))), "buttons 256 > 255"},
		{"inputs buttons nil", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, 0, 0, nil)))), "buttons is nil"},
		{"inputs ack negative", toServer, mp(arr(2, -5, 0, arr(arr(1, 0, 0, 0, 0, 0)))), "ack_tick -5 < 0"},
		{"inputs render float32", toServer, mp(arr(2, 0, raw{0xca, 0, 0, 0, 0}, arr(arr(1, 0, 0, 0, 0, 0)))), "render_tick is float"},
		{"inputs client_tick string", toServer, mp(arr(2, 0, 0, arr(arr(1, "0", 0, 0, 0, 0)))), "window[0].client_tick is string"},
		{"inputs extra element", toServer, mp(arr(2, 0, 0, arr(arr(1, 0, 0, 0, 0, 0)), 0)), "inputs: array length 5, want 4"},

		// Ping, Chat, Leave.
		{"ping extra", toServer, mp(arr(3, 1, 2)), "ping: array length 3, want 2"},
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
		{"welcome player 0", toClient, mp(arr(16, 0, "r", "m", 60, 30, 1, []byte{})), "welcome: player_id is 0"},
		{"welcome tick rate 0", toClient, mp(arr(16, 1, "r", "m", 0, 30, 1, []byte{})), "tick_rate is 0"},
		{"welcome snapshot rate 0", toClient, mp(arr(16, 1, "r", "m", 60, 0, 1, []byte{})), "snapshot_rate is 0"},
		{"welcome map too long", toClient, mp(arr(16, 1, "r", strings.Repeat("m", 65), 60, 30, 1, []byte{})), "map is 65 bytes > 64"},
		{"welcome token nil", toClient, mp(arr(16, 1, "r", "m", 60, 30, 1, nil)), "resume_token is nil"},
		{"welcome server tick negative", toClient, mp(arr(16, 1, "r", "m", 60, 30, -1, []byte{})), "server_tick -1 < 0"},
		{"welcome short", toClient, mp(arr(16, 1, "r", "m", 60, 30, 1)), "welcome: array length 7, want 8"},

		// Snapshot.
		{"snapshot too many players", toClient, msg(5, 17, 1, 0, raw{0xdc, 0, 65}), "players length 65 > 64"},
		{"snapshot players array32 4G", toClient, msg(5, 17, 1, 0, raw{0xdd, 0xff, 0xff, 0xff, 0xff}), "players length 4294967295 > 64"},
		{"snapshot players claim more than present", toClient, msg(5, 17, 1, 0, raw{0x9f}, arr()), "players length 15 needs >= 225 bytes, 1 left"},
		{"snapshot too many shots", toClient, msg(5, 17, 1, 0, arr(), raw{0xdc, 1, 1}), "shots length 257 > 256"},
		{"snapshot player short", toClient, mp(arr(17, 1, 0, arr(player(1)[:13]), arr())), "players[0] length 13, want 14"},
		{"snapshot player id 0", toClient, mp(arr(17, 1, 0, arr(player(0)), arr())), "players[0].id is 0"},
		{"snapshot x too big", toClient, mp(arr(17, 1, 0, arr(player(1), setAt(player(2), 1, uint64(1<<31))), arr())), "players[1].x 2147483648 out of range"},
		{"snapshot vy float", toClient, mp(arr(17, 1, 0, arr(setAt(player(1), 4, 1.5)), arr())), "players[0].vy is float"},
		{"snapshot health 256", toClient, mp(arr(17, 1, 0, arr(setAt(player(1), 6, 256)), arr())), "players[0].health 256 > 255"},
		{"snapshot score too low", toClient, mp(arr(17, 1, 0, arr(setAt(player(1), 13, -32769)), arr())), "score -32769 out of range -32768..32767"},
		{"snapshot shot shooter 0", toClient, mp(arr(17, 1, 0, arr(), arr(arr(1, 0, 0, 0, 0, 0, 0)))), "shots[0].shooter is 0"},
		{"snapshot shot nested array", toClient, mp(arr(17, 1, 0, arr(), arr(arr(1, 1, 0, arr(), 0, 0, 0)))), "shots[0].from_x is array"},
		{"snapshot shots missing", toClient, mp(arr(17, 1, 0, arr())), "snapshot: array length 4, want 5"},

		// Pong, ChatFrom, Events, Error.
		{"pong string tick", toClient, mp(arr(18, 1, "1")), "pong: server_tick is string"},
		{"chatfrom too long", toClient, mp(arr(19, 1, strings.Repeat("x", 201))), "chatfrom: text is 201 bytes > 200"},
		{"chatfrom from too big", toClient, mp(arr(19, 65536, "x")), "from 65536 > 65535"},
		{"events too many", toClient, msg(2, 20, raw{0xdc, 1, 1}), "events length 257 > 256"},
		{"events unknown kind", toClient, mp(arr(20, arr(arr(9, 1, 0, "")))), "events[0].kind 9 unknown"},
		{"events kind 0", toClient, mp(arr(20, arr(arr(0, 1, 0, "")))), "events[0].kind 0 unknown"},
		{"events player 0", toClient, mp(arr(20, arr(arr(1, 0, 0, "x")))), "events[0].player is 0"},
		{"events name too long", toClient, mp(arr(20, arr(arr(1, 1, 0, strings.Repeat("n", 65))))), "events[0].name is 65 bytes > 64"},
		{"events name invalid utf8", toClient, mp(arr(20, arr(arr(1, 1, 0, "ok"), arr(1, 2, 0, "\xfe")))), "events[1].name is not valid UTF-8"},
		{"events not array", toClient, mp(arr(20, "x")), "events: events is string, want array"},
		{"error message too long", toClient, mp(arr(21, 1, strings.Repeat("e", 257))), "error: message is 257 bytes > 256"},
		{"error code negative", toClient, mp(arr(21, -3, "x")), "code -3 < 0"},
	}
	// Hostile length headers in place of each element of a valid message
	// (the outer array still claims its right length) and of the first
	// element of each nested list or record.
	for _, v := range validTrees {
		for i := range v.msg {
			for _, h := range huge {
				m := append(append([]any{}, v.msg[:i]...), raw(unhex(t, h)))
				cases = append(cases, tc{fmt.Sprintf("%s huge %q at %d", v.name, h, i), v.dir, msg(len(v.msg), m...), ""})
				if sub, ok := v.msg[i].([]any); ok && len(sub) > 0 {
					inner := append([]byte{0x90 | byte(len(sub))}, unhex(t, h)...)
					m[i] = raw(inner)
					cases = append(cases, tc{fmt.Sprintf("%s huge %q in %d", v.name, h, i), v.dir, msg(len(v.msg), m...), ""})
					if rec, ok := sub[0].([]any); ok {
						m[i] = raw(append([]byte{0x90 | byte(len(sub)), 0x90 | byte(len(rec))}, unhex(t, h)...))
						cases = append(cases, tc{fmt.Sprintf("%s huge %q in %d[0]", v.name, h, i), v.dir, msg(len(v.msg), m...), ""})
					}
				}
			}
		}
	}
	if named := 130; len(cases) < named {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			wantDecodeError(t, decode(c.dir, c.b), c.want)
		})
	}
}

// msg returns the elements vs behind an array header claiming n elements, for
// frames whose header does not match what follows.
func msg(n int, vs ...any) []byte {
	h := raw{0x90 | byte(n)}
	if n >= 16 {
		h = raw{0xdc, byte(n >> 8), byte(n)}
	}
	return mp(append([]any{h}, vs...)...)
}

func inputsWithWindow(n, firstSeq int) []byte {
	w := make([]any, n)
	for i := range w {
		w[i] = arr(firstSeq+i, 0, 0, 0, 0, 0)
	}
	return mp(arr(2, 0, 0, w))
}

// setAt returns a copy of a with element i replaced by v.
func setAt(a []any, i int, v any) []any {
	b := append([]any{}, a...)
	b[i] = v
	return b
}

// TestTruncated cuts every valid encoding at every byte: every strict prefix
// must be refused, since a frame holds exactly one message.
func TestTruncated(t *testing.T) {
	t.Parallel()
	e := netcode.NewEncoder()
	var frames []struct {
		name string
		dir  direction
		b    []byte
	}
	add := func(name string, dir direction, b []byte) {
		frames = append(frames, struct {
			name string
			dir  direction
			b    []byte
		}{name, dir, append([]byte(nil), b...)})
	}
	for name, m := range clientSamples() {
		add(name, toServer, e.EncodeClient(&m))
	}
	for name, m := range serverSamples() {
		add(name, toClient, e.EncodeServer(&m))
	}
	for _, f := range frames {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			for i := range len(f.b) {
				err := decode(f.dir, f.b[:i])
				if err == nil {
					t.Fatalf("prefix of %d/%d bytes decoded", i, len(f.b))
				}
				wantDecodeError(t, err, "")
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
		1.5, "s", []byte{1}, nil, true, arr(), arr(1), raw{0x80}, raw{0xd4, 1, 1}, raw{0xc7, 1, 5, 0}, -1, uint64(1 << 40),
	}
	for _, v := range validTrees {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			n := 0
			var walk func(path []int, node []any)
			check := func(what string, m []any) {
				t.Helper()
				n++
				err := decode(v.dir, mp(m))
				if err == nil {
					t.Errorf("%s: % x decoded", what, mp(m))
					return
				}
				wantDecodeError(t, err, "")
			}
			walk = func(path []int, node []any) {
				// An extra element and a missing one, at this depth; a list
				// of records (window, players, ...) may be shorter.
				check(fmt.Sprintf("extra at %v", path), replace(v.msg, path, append(append([]any{}, node...), 0)))
				if len(node) > 0 && !isList(node) {
					check(fmt.Sprintf("missing at %v", path), replace(v.msg, path, node[:len(node)-1]))
				}
				for i, el := range node {
					p := append(append([]int{}, path...), i)
					if sub, ok := el.([]any); ok {
						walk(p, sub)
						continue
					}
					for _, r := range replacements {
						if sameKind(el, r) || (i == 0 && len(path) == 0) {
							continue
						}
						check(fmt.Sprintf("%v = %#v", p, r), replace(v.msg, p, r))
					}
				}
			}
			walk(nil, v.msg)
			if n == 0 {
				t.Error("no mutations")
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
// integer by an integer, a string by a string. Out-of-range integers are
// skipped here; TestMalformed covers them field by field.
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

// replace returns a deep copy of tree with the element at path set to v.
func replace(tree []any, path []int, v any) []any {
	if len(path) == 0 {
		return v.([]any)
	}
	out := append([]any{}, tree...)
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
	frames := map[string][]byte{
		"array32":        unhex(t, "dd ff ff ff ff"),
		"inputs window":  msg(4, 2, 0, 0, raw{0xdd, 0xff, 0xff, 0xff, 0xff}),
		"hello name":     msg(5, 1, 1, raw{0xdb, 0xff, 0xff, 0xff, 0xff}),
		"hello token":    msg(5, 1, 1, "a", "", raw{0xc6, 0xff, 0xff, 0xff, 0xff}),
		"snapshot shots": msg(5, 17, 1, 0, arr(), raw{0xdd, 0xff, 0xff, 0xff, 0xff}),
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
		// Two decodes, each building one error.
		if allocs >= 10 {
			t.Errorf("%s: %v allocs for two decodes, want < 5 each", name, allocs)
		}
	}
	d := netcode.NewDecoder()
	var cm netcode.ClientMessage
	b := unhex(t, "dd ff ff ff ff")
	if allocs := testing.AllocsPerRun(20, func() { _ = d.DecodeClient(b, &cm) }); allocs >= 5 {
		t.Errorf("dd ff ff ff ff: %v allocs, want < 5", allocs)
	}
}
