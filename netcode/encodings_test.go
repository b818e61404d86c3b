package netcode_test

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"regexp"
	"testing"

	"arena/netcode"
)

// The encoder writes every value in its smallest msgpack form, but a client
// in another language may write 5 as an int32 or a three-element array as an
// array16. These tests re-encode every valid sample with such wider forms,
// chosen at random, and hold the decoder to reading them as the same message,
// and to refusing any prefix of them as truncated.

// widen re-encodes the msgpack elements of b, which must be valid msgpack,
// writing each integer and each string, bin, array and map header in a
// random one of the encodings that hold it. Other elements are copied.
func widen(rng *rand.Rand, b []byte) []byte {
	w := widener{rng: rng, in: b}
	for w.p < len(w.in) {
		w.element()
	}
	return w.out
}

type widener struct {
	rng *rand.Rand
	in  []byte
	p   int // read position in in
	out []byte
}

// next returns the n bytes at the read position as a big-endian number and
// moves past them.
func (w *widener) next(n int) uint64 {
	var v uint64
	for _, x := range w.in[w.p : w.p+n] {
		v = v<<8 | uint64(x)
	}
	w.p += n
	return v
}

func (w *widener) element() {
	c := w.in[w.p]
	w.p++
	switch {
	case c <= 0x7f:
		w.uint(uint64(c))
	case c >= 0xe0:
		w.int(int64(int8(c)))
	case c >= 0xcc && c <= 0xcf: // uint8..64
		w.uint(w.next(1 << (c - 0xcc)))
	case c >= 0xd0 && c <= 0xd3: // int8..64
		n := 1 << (c - 0xd0)
		shift := 64 - 8*n
		w.int(int64(w.next(n)<<shift) >> shift)
	case c >= 0xa0 && c <= 0xbf:
		w.blob(0xd9, int(c&0x1f), true)
	case c >= 0xd9 && c <= 0xdb: // str8..32
		w.blob(0xd9, int(w.next(1<<(c-0xd9))), true)
	case c >= 0xc4 && c <= 0xc6: // bin8..32
		w.blob(0xc4, int(w.next(1<<(c-0xc4))), false)
	case c >= 0x90 && c <= 0x9f:
		w.list(0x90, 0xdc, int(c&0xf), 1)
	case c == 0xdc || c == 0xdd: // array16, array32
		w.list(0x90, 0xdc, int(w.next(2<<(c-0xdc))), 1)
	case c >= 0x80 && c <= 0x8f:
		w.list(0x80, 0xde, int(c&0xf), 2)
	case c == 0xde || c == 0xdf: // map16, map32
		w.list(0x80, 0xde, int(w.next(2<<(c-0xde))), 2)
	default: // nil, booleans, floats, ext: copied
		start := w.p - 1
		switch {
		case c == 0xca:
			w.p += 4
		case c == 0xcb:
			w.p += 8
		case c >= 0xd4 && c <= 0xd8: // fixext 1..16
			w.p += 1 + 1<<(c-0xd4)
		case c >= 0xc7 && c <= 0xc9: // ext8..32
			n := int(w.next(1 << (c - 0xc7)))
			w.p += 1 + n
		}
		w.out = append(w.out, w.in[start:w.p]...)
	}
}

// uint writes v >= 0 as a positive fixint, uint8..64 or int8..64.
func (w *widener) uint(v uint64) {
	if v > math.MaxInt64 {
		w.out = binary.BigEndian.AppendUint64(append(w.out, 0xcf), v)
		return
	}
	type form struct {
		code byte
		max  uint64
	}
	forms := []form{{0, 127}, {0xcc, 1<<8 - 1}, {0xcd, 1<<16 - 1}, {0xce, 1<<32 - 1}, {0xcf, math.MaxUint64},
		{0xd0, 1<<7 - 1}, {0xd1, 1<<15 - 1}, {0xd2, 1<<31 - 1}, {0xd3, math.MaxInt64}}
	for {
		f := forms[w.rng.IntN(len(forms))]
		if v <= f.max {
			w.code(f.code, v)
			return
		}
	}
}

// int writes v as a negative fixint or int8..64 when it is negative, else as
// uint does.
func (w *widener) int(v int64) {
	if v >= 0 {
		w.uint(uint64(v))
		return
	}
	type form struct {
		code byte
		min  int64
	}
	forms := []form{{0, -32}, {0xd0, math.MinInt8}, {0xd1, math.MinInt16}, {0xd2, math.MinInt32}, {0xd3, math.MinInt64}}
	for {
		f := forms[w.rng.IntN(len(forms))]
		if v >= f.min {
			w.code(f.code, uint64(v))
			return
		}
	}
}

// code writes v after an integer code: code 0 is a fixint, codes 0xcc..0xd3
// take 1, 2, 4 or 8 bytes.
func (w *widener) code(code byte, v uint64) {
	if code == 0 {
		w.out = append(w.out, byte(v))
		return
	}
	w.out = append(w.out, code)
	for i := 1<<(code&3) - 1; i >= 0; i-- {
		w.out = append(w.out, byte(v>>(8*i)))
	}
}

// header writes length n after fix (fixstr, fixarray or fixmap: fixMax is
// the largest length it holds) or after code8 (str8, bin8; code8 == 0 for
// arrays and maps, which have no 8-bit form), code16 or code16+1.
func (w *widener) header(fix byte, fixMax int, code8, code16 byte, n int) {
	for {
		switch w.rng.IntN(4) {
		case 0:
			if fix != 0 && n <= fixMax {
				w.out = append(w.out, fix|byte(n))
				return
			}
		case 1:
			if code8 != 0 && n <= math.MaxUint8 {
				w.out = append(w.out, code8, byte(n))
				return
			}
		case 2:
			if n <= math.MaxUint16 {
				w.out = binary.BigEndian.AppendUint16(append(w.out, code16), uint16(n))
				return
			}
		case 3:
			w.out = binary.BigEndian.AppendUint32(append(w.out, code16+1), uint32(n))
			return
		}
	}
}

// blob copies a str (text) or bin of n bytes behind a new header; code8 is
// str8 or bin8.
func (w *widener) blob(code8 byte, n int, text bool) {
	if text {
		w.header(0xa0, 31, code8, code8+1, n)
	} else {
		w.header(0, 0, code8, code8+1, n)
	}
	w.out = append(w.out, w.in[w.p:w.p+n]...)
	w.p += n
}

// list writes an array (fixarray, array16) or map (fixmap, map16) header
// for n entries of per elements each, and the elements widened.
func (w *widener) list(fix, code16 byte, n, per int) {
	w.header(fix, 15, 0, code16, n)
	for range n * per {
		w.element()
	}
}

// TestWiderEncodingsDecodeTheSame decodes every sample and valid tree and
// random wider encodings of it: each must decode to the same message.
func TestWiderEncodingsDecodeTheSame(t *testing.T) {
	t.Parallel()
	changed := 0
	for i, f := range allEncodings() {
		rng := rand.New(rand.NewPCG(uint64(i), 16))
		d := netcode.NewDecoder()
		var c1, c2 netcode.ClientMessage
		var s1, s2 netcode.ServerMessage
		limit := netcode.MaxServerFrame
		if f.dir == toServer {
			limit = netcode.MaxClientFrame
			if err := d.DecodeClient(f.b, &c1); err != nil {
				t.Fatalf("%s: %v", f.name, err)
			}
		} else if err := d.DecodeServer(f.b, &s1); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		for range 50 {
			wide := widen(rng, f.b)
			if string(wide) != string(f.b) {
				changed++
			}
			if len(wide) > limit {
				continue // too big to be a message at all
			}
			if f.dir == toServer {
				if err := d.DecodeClient(wide, &c2); err != nil {
					t.Fatalf("%s: % x: %v", f.name, wide, err)
				}
				if !sameClient(&c1, &c2) {
					t.Fatalf("%s: % x decoded as\n%s\nwant\n%s", f.name, wide, short(canonClient(&c2)), short(canonClient(&c1)))
				}
				continue
			}
			if err := d.DecodeServer(wide, &s2); err != nil {
				t.Fatalf("%s: % x: %v", f.name, wide, err)
			}
			same := sameServer(&s1, &s2, false)
			if s1.Type == netcode.MsgSnapshot {
				same = same && s1.Snapshot.SkippedKinds == s2.Snapshot.SkippedKinds &&
					s1.Snapshot.SkippedEvents == s2.Snapshot.SkippedEvents
			}
			if !same {
				t.Fatalf("%s: % x decoded as\n%s\nwant\n%s", f.name, wide, short(canonServer(&s2, true)), short(canonServer(&s1, true)))
			}
		}
	}
	if changed == 0 {
		t.Fatal("widen changed nothing")
	}
}

// truncatedReason is what a decoder says about a frame that ends early: an
// element cut off, or a list whose length needs more bytes than are left.
var truncatedReason = regexp.MustCompile(` truncated$|length \d+ needs >= \d+ bytes, \d+ left$`)

// TestPrefixesOfAnyEncodingAreTruncated cuts every sample and valid tree, in
// its own encoding and in wider ones, at random points (at every point when
// it is short): every prefix must be refused as truncated.
func TestPrefixesOfAnyEncodingAreTruncated(t *testing.T) {
	t.Parallel()
	for i, f := range allEncodings() {
		rng := rand.New(rand.NewPCG(uint64(i), 17))
		d := netcode.NewDecoder()
		var cm netcode.ClientMessage
		var sm netcode.ServerMessage
		frames := [][]byte{f.b}
		for range 4 {
			frames = append(frames, widen(rng, f.b))
		}
		for _, b := range frames {
			cuts := len(b)
			if len(b) > 512 {
				cuts = 64
			}
			for j := range cuts {
				cut := j
				if len(b) > 512 {
					cut = rng.IntN(len(b))
				}
				var err error
				if f.dir == toServer {
					err = d.DecodeClient(b[:cut], &cm)
				} else {
					err = d.DecodeServer(b[:cut], &sm)
				}
				var de *netcode.DecodeError
				switch {
				case cut == 0:
					wantDecodeError(t, err, "empty message")
				case !errors.As(err, &de):
					t.Fatalf("%s: prefix of %d/%d bytes % x: err %v", f.name, cut, len(b), b[:cut], err)
				case !truncatedReason.MatchString(de.Reason):
					t.Fatalf("%s: prefix of %d/%d bytes % x: reason %q, want a truncation", f.name, cut, len(b), b[:cut], de.Reason)
				}
			}
		}
	}
}
