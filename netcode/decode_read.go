package netcode

// The bounded readers the message decoders are built from: each peeks the
// next element's msgpack type code, checks it, reads it through msgpack's
// low-level calls, and checks the value or length against its limit; and the
// error reasons they produce.

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// fail returns a DecodeError "<msg>: <path> <problem>", the path being "x"
// or "players[3].x". It is built in one buffer: failing is cheap too, so a
// flood of bad frames costs little.
func (d *Decoder) fail(field, format string, args ...any) error {
	var buf [2 * maxReasonBytes]byte
	b := append(buf[:0], d.msg...)
	b = append(b, ':')
	if d.list != "" {
		b = append(b, ' ')
		b = append(b, d.list...)
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(d.idx), 10)
		b = append(b, ']')
		if field != "" {
			b = append(b, '.')
		}
	} else if field != "" {
		b = append(b, ' ')
	}
	b = append(b, field...)
	b = append(b, ' ')
	b = fmt.Appendf(b, format, args...)
	return &DecodeError{Reason: cutString(string(b), maxReasonBytes)}
}

// wrap turns an error from msgpack into a DecodeError. After our checks of the
// type codes and lengths, msgpack can only fail by running out of bytes.
func (d *Decoder) wrap(field string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return d.fail(field, "truncated")
	}
	return d.fail(field, "%v", err)
}

// kind names the msgpack type of code c for error reasons.
func kind(c byte) string {
	switch {
	case c <= msgpcode.PosFixedNumHigh || c >= msgpcode.NegFixedNumLow,
		c >= msgpcode.Uint8 && c <= msgpcode.Int64:
		return "integer"
	case msgpcode.IsString(c):
		return "string"
	case msgpcode.IsBin(c):
		return "bin"
	case msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32:
		return "array"
	case msgpcode.IsFixedMap(c) || c == msgpcode.Map16 || c == msgpcode.Map32:
		return "map"
	case msgpcode.IsExt(c):
		return "ext"
	case c == msgpcode.Nil:
		return "nil"
	case c == msgpcode.True || c == msgpcode.False:
		return "bool"
	case c == msgpcode.Float || c == msgpcode.Double:
		return "float"
	}
	return fmt.Sprintf("invalid code %#02x", c)
}

// peek returns the next element's type code.
func (d *Decoder) peek(field string) (byte, error) {
	c, err := d.dec.PeekCode()
	if err != nil {
		return 0, d.wrap(field, err)
	}
	return c, nil
}

// uint reads an unsigned integer in 0..max. Any msgpack integer encoding is
// accepted (a peer may write 5 as int32); floats, nil and everything else are
// refused before msgpack sees them, since its DecodeUint64 converts floats and
// nil silently.
func (d *Decoder) uint(field string, max uint64) (uint64, error) {
	c, err := d.peek(field)
	if err != nil {
		return 0, err
	}
	var v uint64
	switch {
	case c <= msgpcode.PosFixedNumHigh || (c >= msgpcode.Uint8 && c <= msgpcode.Uint64):
		if v, err = d.dec.DecodeUint64(); err != nil {
			return 0, d.wrap(field, err)
		}
	case c >= msgpcode.NegFixedNumLow || (c >= msgpcode.Int8 && c <= msgpcode.Int64):
		s, err := d.dec.DecodeInt64()
		if err != nil {
			return 0, d.wrap(field, err)
		}
		if s < 0 {
			return 0, d.fail(field, "%d < 0", s)
		}
		v = uint64(s)
	default:
		return 0, d.fail(field, "is %s, want integer", kind(c))
	}
	if v > max {
		return 0, d.fail(field, "%d > %d", v, max)
	}
	return v, nil
}

// int reads a signed integer in lo..hi, with the same type rules as uint.
func (d *Decoder) int(field string, lo, hi int64) (int64, error) {
	c, err := d.peek(field)
	if err != nil {
		return 0, err
	}
	var v int64
	switch {
	case c == msgpcode.Uint64:
		u, err := d.dec.DecodeUint64()
		if err != nil {
			return 0, d.wrap(field, err)
		}
		if u > uint64(hi) {
			return 0, d.fail(field, "%d > %d", u, hi)
		}
		v = int64(u)
	case c <= msgpcode.PosFixedNumHigh || c >= msgpcode.NegFixedNumLow ||
		(c >= msgpcode.Uint8 && c <= msgpcode.Int64):
		if v, err = d.dec.DecodeInt64(); err != nil {
			return 0, d.wrap(field, err)
		}
	default:
		return 0, d.fail(field, "is %s, want integer", kind(c))
	}
	if v < lo || v > hi {
		return 0, d.fail(field, "%d out of range %d..%d", v, lo, hi)
	}
	return v, nil
}

// arrayLen reads an array header with lo..hi elements, each taking at least
// minElem bytes, and checks that many bytes are left before the caller loops.
func (d *Decoder) arrayLen(field string, lo, hi, minElem int) (int, error) {
	c, err := d.peek(field)
	if err != nil {
		return 0, err
	}
	if !msgpcode.IsFixedArray(c) && c != msgpcode.Array16 && c != msgpcode.Array32 {
		return 0, d.fail(field, "is %s, want array", kind(c))
	}
	n, err := d.dec.DecodeArrayLen()
	if err != nil {
		return 0, d.wrap(field, err)
	}
	switch {
	case n > hi || n < 0: // n < 0: a 32-bit length on a 32-bit platform
		return 0, d.fail(field, "length %d > %d", uint32(n), hi)
	case n < lo:
		return 0, d.fail(field, "length %d < %d", n, lo)
	case n*minElem > d.r.Len():
		return 0, d.fail(field, "length %d needs >= %d bytes, %d left", n, n*minElem, d.r.Len())
	}
	return n, nil
}

// record reads the header of the current list element, an array of exactly
// want elements.
func (d *Decoder) record(want int) error {
	c, err := d.peek("")
	if err != nil {
		return err
	}
	if !msgpcode.IsFixedArray(c) && c != msgpcode.Array16 && c != msgpcode.Array32 {
		return d.fail("", "is %s, want array", kind(c))
	}
	n, err := d.dec.DecodeArrayLen()
	if err != nil {
		return d.wrap("", err)
	}
	if n != want {
		return d.fail("", "length %d, want %d", n, want)
	}
	return nil
}

// blobLen reads a str (text) or bin (!text) header of at most max bytes, all
// of them present in the frame.
func (d *Decoder) blobLen(field string, max int, text bool) (int, error) {
	c, err := d.peek(field)
	if err != nil {
		return 0, err
	}
	if text && !msgpcode.IsString(c) {
		return 0, d.fail(field, "is %s, want string", kind(c))
	}
	if !text && !msgpcode.IsBin(c) {
		return 0, d.fail(field, "is %s, want bin", kind(c))
	}
	n, err := d.dec.DecodeBytesLen()
	if err != nil {
		return 0, d.wrap(field, err)
	}
	switch {
	case n > max || n < 0: // n < 0: a 32-bit length on a 32-bit platform
		return 0, d.fail(field, "is %d bytes > %d", uint32(n), max)
	case n > d.r.Len():
		return 0, d.fail(field, "truncated")
	}
	return n, nil
}

// str reads a UTF-8 string of at most max bytes.
func (d *Decoder) str(field string, max int) (string, error) {
	n, err := d.blobLen(field, max, true)
	if err != nil || n == 0 {
		return "", err
	}
	b := d.scratch[:n]
	if err := d.dec.ReadFull(b); err != nil {
		return "", d.wrap(field, err)
	}
	if !utf8.Valid(b) {
		return "", d.fail(field, "is not valid UTF-8")
	}
	return string(b), nil
}

// bin reads a byte string of at most max bytes into a new slice (nil when
// empty): tokens outlive the message, so they never share the caller's buffer.
func (d *Decoder) bin(field string, max int) ([]byte, error) {
	n, err := d.blobLen(field, max, false)
	if err != nil || n == 0 {
		return nil, err
	}
	b := make([]byte, n)
	if err := d.dec.ReadFull(b); err != nil {
		return nil, d.wrap(field, err)
	}
	return b, nil
}

// Typed shorthands for the fields' wire ranges.

func (d *Decoder) u8(field string) (uint8, error) {
	v, err := d.uint(field, 1<<8-1)
	return uint8(v), err
}

func (d *Decoder) u16(field string) (uint16, error) {
	v, err := d.uint(field, 1<<16-1)
	return uint16(v), err
}

func (d *Decoder) u32(field string) (uint32, error) {
	v, err := d.uint(field, 1<<32-1)
	return uint32(v), err
}

func (d *Decoder) u64(field string) (uint64, error) {
	return d.uint(field, 1<<64-1)
}

func (d *Decoder) i16(field string) (int16, error) {
	v, err := d.int(field, -1<<15, 1<<15-1)
	return int16(v), err
}

func (d *Decoder) i32(field string) (int32, error) {
	v, err := d.int(field, -1<<31, 1<<31-1)
	return int32(v), err
}

// skipRest skips the remaining n-1 elements of the message array (the type
// has been read): a message of a type this version does not know.
func (d *Decoder) skipRest(n int) error {
	d.msg = "message"
	for i := 1; i < n; i++ {
		if err := d.skip("", MaxMessageDepth); err != nil {
			return err
		}
	}
	return nil
}

// skip skips one element of any msgpack type, nested at most depth arrays
// or maps deep. Like every read it checks each length against the bytes
// left before moving on, so skipping costs no allocation whatever a header
// claims.
func (d *Decoder) skip(field string, depth int) error {
	c, err := d.peek(field)
	if err != nil {
		return err
	}
	var n int
	switch {
	case msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32:
		if n, err = d.dec.DecodeArrayLen(); err != nil {
			return d.wrap(field, err)
		}
	case msgpcode.IsFixedMap(c) || c == msgpcode.Map16 || c == msgpcode.Map32:
		if n, err = d.dec.DecodeMapLen(); err != nil {
			return d.wrap(field, err)
		}
		if n >= 0 && n <= d.r.Len() {
			n *= 2
		}
	default:
		return d.skipScalar(field, c)
	}
	switch {
	case n < 0 || n > d.r.Len():
		return d.fail(field, "length %d needs >= %d bytes, %d left", uint32(n), uint32(n), d.r.Len())
	case depth < 1:
		return d.fail(field, "nested more than %d deep", MaxMessageDepth)
	}
	for range n {
		if err := d.skip(field, depth-1); err != nil {
			return err
		}
	}
	return nil
}

// skipScalar skips a value that is not an array or a map.
func (d *Decoder) skipScalar(field string, c byte) error {
	var n int
	switch {
	case msgpcode.IsString(c) || msgpcode.IsBin(c):
		var err error
		if n, err = d.dec.DecodeBytesLen(); err != nil {
			return d.wrap(field, err)
		}
	case msgpcode.IsExt(c):
		// Ext headers: fixext 1..16 (d4..d8) have implied lengths; ext 8/16/32 carry one.
		id, l, err := d.dec.DecodeExtHeader()
		_ = id
		if err != nil {
			return d.wrap(field, err)
		}
		n = l
	case c == 0xc1: // never used
		return d.fail(field, "is %s", kind(c))
	default: // integers, floats, nil, booleans: fixed sizes msgpack knows
		if err := d.dec.Skip(); err != nil {
			return d.wrap(field, err)
		}
		return nil
	}
	if n < 0 || n > d.r.Len() {
		return d.fail(field, "truncated")
	}
	if _, err := d.r.Seek(int64(n), io.SeekCurrent); err != nil {
		return d.wrap(field, err)
	}
	return nil
}
