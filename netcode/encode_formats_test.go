package netcode

// The Encoder's write helpers against msgpack's Encoder, call for call. An
// internal test because the helpers are unexported and because the formats
// the protocol's limits keep messages from reaching (str 32, bin 16/32,
// array 32) must be right too. encode_msgpack_test.go checks whole messages.

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vmihailenco/msgpack/v5"
)

// formatCall is one write helper call and the msgpack Encoder calls that
// write the same value.
type formatCall struct {
	name string
	do   func(e *Encoder)
	ref  func(w *bytes.Buffer, m *msgpack.Encoder) error
	// check decodes the value with msgpack's Decoder and compares it.
	check func(d *msgpack.Decoder) error
}

func uintCall(v uint64) formatCall {
	return formatCall{
		name: fmt.Sprintf("uint(%d)", v),
		do:   func(e *Encoder) { e.uint(v) },
		ref:  func(_ *bytes.Buffer, m *msgpack.Encoder) error { return m.EncodeUint(v) },
		check: func(d *msgpack.Decoder) error {
			return sameDecoded(d.DecodeUint64())(v)
		},
	}
}

func intCall(v int64) formatCall {
	return formatCall{
		name: fmt.Sprintf("int(%d)", v),
		do:   func(e *Encoder) { e.int(v) },
		ref:  func(_ *bytes.Buffer, m *msgpack.Encoder) error { return m.EncodeInt(v) },
		check: func(d *msgpack.Decoder) error {
			return sameDecoded(d.DecodeInt64())(v)
		},
	}
}

func arrayCall(n int) formatCall {
	return formatCall{
		name: fmt.Sprintf("array(%d)", n),
		do:   func(e *Encoder) { e.array(n) },
		ref:  func(_ *bytes.Buffer, m *msgpack.Encoder) error { return m.EncodeArrayLen(n) },
		check: func(d *msgpack.Decoder) error {
			return sameDecoded(d.DecodeArrayLen())(n)
		},
	}
}

// strCall writes s with a limit of max bytes; the reference cuts it the
// same way, so that the cut is tested elsewhere (TestEncoderCutsToLimits).
func strCall(s string, max int) formatCall {
	return formatCall{
		name: fmt.Sprintf("str(%d bytes, %d)", len(s), max),
		do:   func(e *Encoder) { e.str(s, max) },
		ref:  func(_ *bytes.Buffer, m *msgpack.Encoder) error { return m.EncodeString(cutString(s, max)) },
		check: func(d *msgpack.Decoder) error {
			return sameDecoded(d.DecodeString())(cutString(s, max))
		},
	}
}

// binCall writes b with a limit of max bytes: in msgpack, EncodeBytesLen
// and the bytes (EncodeBytes would write nil for a nil b).
func binCall(b []byte, max int) formatCall {
	cut := b[:min(len(b), max)]
	return formatCall{
		name: fmt.Sprintf("bin(%d bytes, %d)", len(b), max),
		do:   func(e *Encoder) { e.bin(b, max) },
		ref: func(w *bytes.Buffer, m *msgpack.Encoder) error {
			if err := m.EncodeBytesLen(len(cut)); err != nil {
				return err
			}
			w.Write(cut)
			return nil
		},
		check: func(d *msgpack.Decoder) error {
			got, err := d.DecodeBytes()
			if err == nil && !bytes.Equal(got, cut) {
				err = fmt.Errorf("decoded %d bytes, want %d", len(got), len(cut))
			}
			return err
		},
	}
}

// sameDecoded returns a func that compares a decoded value with the one written.
func sameDecoded[T comparable](got T, err error) func(T) error {
	return func(w T) error {
		if err != nil {
			return err
		}
		if got != w {
			return fmt.Errorf("decoded %v, want %v", got, w)
		}
		return nil
	}
}

// Values at and around every boundary between msgpack's integer formats,
// and the ends of int64 and uint64.
var (
	uintEdges = []uint64{0, 1, 126, 127, 128, 129, 254, 255, 256, 257, 65534, 65535, 65536, 65537,
		1<<32 - 2, 1<<32 - 1, 1 << 32, 1<<32 + 1, 1<<63 - 1, 1 << 63, 1<<63 + 1, 1<<64 - 2, 1<<64 - 1}
	intEdges = []int64{-1, -2, -31, -32, -33, -34, -127, -128, -129, -130, -255, -256, -257,
		-32767, -32768, -32769, -32770, -65535, -65536, -65537,
		math.MinInt32 + 1, math.MinInt32, math.MinInt32 - 1, math.MinInt32 - 2, -1 << 32,
		math.MinInt64 + 1, math.MinInt64, math.MaxInt64 - 1, math.MaxInt64}
	// Lengths at the boundaries of the array, str and bin formats.
	lenEdges = []int{0, 1, 15, 16, 17, 31, 32, 33, 255, 256, 257, 65535, 65536, 65537}
)

// randomUint is a random width's random value, so that every format comes
// up about as often as the others.
func randomUint(r *rand.Rand) uint64 { return r.Uint64() >> r.IntN(64) }

func randomInt(r *rand.Rand) int64 {
	v := int64(randomUint(r) >> 1)
	if r.IntN(2) == 0 {
		return -v - 1
	}
	return v
}

// formatCalls returns a call of each helper at each boundary, then random
// ones.
func formatCalls(r *rand.Rand) []formatCall {
	var calls []formatCall
	for _, v := range uintEdges {
		calls = append(calls, uintCall(v))
		if v <= math.MaxInt64 {
			calls = append(calls, intCall(int64(v)))
		}
	}
	for _, v := range intEdges {
		calls = append(calls, intCall(v))
	}
	text := strings.Repeat("aé€🚀", 1<<15) // 10 bytes a round, runes of 1 to 4 bytes
	blob := bytes.Repeat([]byte{0, 0xc1, 0xff, 0x90}, 1<<15)
	for _, n := range append(lenEdges, 1<<20, 1<<32-1) {
		calls = append(calls, arrayCall(n))
	}
	for _, n := range lenEdges {
		calls = append(calls, strCall(text[:n], n), strCall(text[:n], 1<<20), binCall(blob[:n], 1<<20), binCall(blob[:n], n))
		if n > 0 {
			// A limit below the length: cut, at a rune boundary for a str.
			calls = append(calls, strCall(text[:n], n-1), binCall(blob[:n], n-1))
		}
	}
	calls = append(calls, strCall(text, len(text)), binCall(blob, len(blob)), binCall(nil, 10)) // str 32, bin 32
	for range 2000 {
		calls = append(calls, uintCall(randomUint(r)), intCall(randomInt(r)), arrayCall(int(randomUint(r)>>32)))
		n := r.IntN(300)
		calls = append(calls, strCall(text[:n], r.IntN(300)), binCall(blob[:n], r.IntN(300)))
	}
	return calls
}

// TestEncoderFormatsMatchMsgpack checks each write helper alone, and random
// runs of them after begin, against msgpack's Encoder, and decodes the
// values back with msgpack's Decoder.
func TestEncoderFormatsMatchMsgpack(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(16, 1))
	calls := formatCalls(r)
	e := &Encoder{}
	var ref bytes.Buffer
	m := msgpack.NewEncoder(&ref)
	for _, c := range calls {
		e.buf = e.buf[:0]
		c.do(e)
		ref.Reset()
		if err := c.ref(&ref, m); err != nil {
			t.Fatalf("%s: msgpack: %v", c.name, err)
		}
		if !bytes.Equal(e.done(), ref.Bytes()) {
			t.Errorf("%s:\n got % x\nwant % x", c.name, clip(e.done()), clip(ref.Bytes()))
			continue
		}
		d := msgpack.NewDecoder(bytes.NewReader(e.done()))
		if err := c.check(d); err != nil {
			t.Errorf("%s: decode % x: %v", c.name, clip(e.done()), err)
		}
	}

	// Runs: begin resets the buffer, each helper appends.
	for i := range 3000 {
		typ, n := MsgType(r.IntN(256)), r.IntN(40)
		e.begin(typ, n)
		ref.Reset()
		_ = m.EncodeArrayLen(n)
		_ = m.EncodeUint(uint64(typ))
		run := make([]formatCall, r.IntN(30))
		for j := range run {
			if c := calls[r.IntN(len(calls))]; !strings.HasPrefix(c.name, "array(") || r.IntN(8) == 0 {
				run[j] = c
			} else {
				run[j] = uintCall(randomUint(r))
			}
			run[j].do(e)
			if err := run[j].ref(&ref, m); err != nil {
				t.Fatalf("run %d: %s: msgpack: %v", i, run[j].name, err)
			}
		}
		got := e.done()
		if !bytes.Equal(got, ref.Bytes()) {
			t.Fatalf("run %d (type %d, %d calls):\n got % x\nwant % x", i, typ, len(run), clip(got), clip(ref.Bytes()))
		}
		d := msgpack.NewDecoder(bytes.NewReader(got))
		if err := arrayCall(n).check(d); err != nil {
			t.Fatalf("run %d: header: %v", i, err)
		}
		if err := uintCall(uint64(typ)).check(d); err != nil {
			t.Fatalf("run %d: type: %v", i, err)
		}
		for _, c := range run {
			if err := c.check(d); err != nil {
				t.Fatalf("run %d: %s: %v", i, c.name, err)
			}
		}
	}
}

// TestEncoderFormatsAllocate checks that the helpers do not allocate once
// the buffer has grown.
func TestEncoderFormatsAllocate(t *testing.T) {
	e := &Encoder{}
	token := make([]byte, MaxTokenBytes)
	write := func() {
		e.begin(MsgSnapshot, 6)
		for _, v := range uintEdges {
			e.uint(v)
		}
		for _, v := range intEdges {
			e.int(v)
		}
		e.array(70000)
		e.str("a string of some length, over 32 bytes", MaxChatBytes)
		e.bin(token, MaxTokenBytes)
		e.done()
	}
	write()
	if n := testing.AllocsPerRun(100, write); n != 0 {
		t.Errorf("%v allocs per message, want 0", n)
	}
}

// clip is b cut to a readable length for failure messages.
func clip(b []byte) []byte { return b[:min(len(b), 48)] }
