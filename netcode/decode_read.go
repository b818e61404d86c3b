package netcode

// The bounded readers the message decoders are built from: each looks at the
// next element's msgpack type code in the frame, checks it, checks the value
// or length against its limit and against the bytes left, and only then
// moves past it; and the error reasons they produce. The format itself is in
// decode_msgpack.go.

import (
	"fmt"
	"strconv"
	"unicode/utf8"
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

// truncated is the reason for a frame that ends inside an element.
func (d *Decoder) truncated(field string) error { return d.fail(field, "truncated") }

// left is the number of bytes after the read position.
func (d *Decoder) left() int { return len(d.b) - d.off }

// peek returns the next element's type code.
func (d *Decoder) peek(field string) (byte, error) {
	if d.off >= len(d.b) {
		return 0, d.truncated(field)
	}
	return d.b[d.off], nil
}

// uint reads an unsigned integer in 0..max. Any msgpack integer encoding is
// accepted (a peer may write 5 as int32); floats, nil and everything else are
// refused.
func (d *Decoder) uint(field string, max uint64) (uint64, error) {
	// Most values are small: a positive fixint in range needs no more checks.
	if d.off < len(d.b) {
		if c := d.b[d.off]; c <= codePosFixintMax && uint64(c) <= max {
			d.off++
			return uint64(c), nil
		}
	}
	v, signed, size := d.integer()
	if size == 0 || (signed && int64(v) < 0) || v > max {
		return 0, d.uintError(field, max, v, signed, size)
	}
	d.off += size
	return v, nil
}

// uintError says why uint refused what integer returned.
func (d *Decoder) uintError(field string, max, v uint64, signed bool, size int) error {
	c, err := d.peek(field)
	switch {
	case err != nil:
		return err
	case !isInt(c):
		return d.fail(field, "is %s, want integer", kind(c))
	case size == 0:
		return d.truncated(field)
	case signed && int64(v) < 0:
		return d.fail(field, "%d < 0", int64(v))
	}
	return d.fail(field, "%d > %d", v, max)
}

// int reads a signed integer in lo..hi (hi >= 0), with the same type rules as
// uint.
func (d *Decoder) int(field string, lo, hi int64) (int64, error) {
	if d.off < len(d.b) {
		if c := d.b[d.off]; c <= codePosFixintMax || c >= codeNegFixintMin {
			if v := int64(int8(c)); v >= lo && v <= hi {
				d.off++
				return v, nil
			}
		}
	}
	u, signed, size := d.integer()
	v := int64(u)
	if size == 0 || (!signed && u > uint64(hi)) || v < lo || v > hi {
		return 0, d.intError(field, lo, hi, u, size)
	}
	d.off += size
	return v, nil
}

// intError says why int refused what integer returned.
func (d *Decoder) intError(field string, lo, hi int64, u uint64, size int) error {
	c, err := d.peek(field)
	switch {
	case err != nil:
		return err
	case !isInt(c):
		return d.fail(field, "is %s, want integer", kind(c))
	case size == 0:
		return d.truncated(field)
	case c == codeUint64 && u > uint64(hi):
		return d.fail(field, "%d > %d", u, hi)
	}
	return d.fail(field, "%d out of range %d..%d", int64(u), lo, hi)
}

// arrayLen reads an array header with lo..hi elements, each taking at least
// minElem bytes, and checks that many bytes are left before the caller loops.
func (d *Decoder) arrayLen(field string, lo, hi, minElem int) (int, error) {
	c, err := d.peek(field)
	if err != nil {
		return 0, err
	}
	if !isArray(c) {
		return 0, d.fail(field, "is %s, want array", kind(c))
	}
	n, ok := d.arrayOrMapHeader(c)
	switch {
	case !ok:
		return 0, d.truncated(field)
	case n > hi || n < 0: // n < 0: a 32-bit length on a 32-bit platform
		return 0, d.fail(field, "length %d > %d", uint32(n), hi)
	case n < lo:
		return 0, d.fail(field, "length %d < %d", n, lo)
	case n*minElem > d.left():
		return 0, d.fail(field, "length %d needs >= %d bytes, %d left", n, n*minElem, d.left())
	}
	return n, nil
}

// record reads the header of the current list element, an array of exactly
// want elements.
func (d *Decoder) record(want int) error {
	if d.off < len(d.b) && want <= 0xf && d.b[d.off] == codeFixarray|byte(want) {
		d.off++
		return nil
	}
	c, err := d.peek("")
	if err != nil {
		return err
	}
	if !isArray(c) {
		return d.fail("", "is %s, want array", kind(c))
	}
	n, ok := d.arrayOrMapHeader(c)
	switch {
	case !ok:
		return d.truncated("")
	case n != want:
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
	if text && !isStr(c) {
		return 0, d.fail(field, "is %s, want string", kind(c))
	}
	if !text && !isBin(c) {
		return 0, d.fail(field, "is %s, want bin", kind(c))
	}
	n, ok := d.blobHeader(c)
	switch {
	case !ok:
		return 0, d.truncated(field)
	case n > max || n < 0: // n < 0: a 32-bit length on a 32-bit platform
		return 0, d.fail(field, "is %d bytes > %d", uint32(n), max)
	case n > d.left():
		return 0, d.truncated(field)
	}
	return n, nil
}

// str reads a UTF-8 string of at most max bytes.
func (d *Decoder) str(field string, max int) (string, error) {
	n, err := d.blobLen(field, max, true)
	if err != nil || n == 0 {
		return "", err
	}
	b := d.b[d.off : d.off+n]
	if !utf8.Valid(b) {
		return "", d.fail(field, "is not valid UTF-8")
	}
	d.off += n
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
	d.off += copy(b, d.b[d.off:])
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
	if !isArray(c) && !isMap(c) {
		return d.skipScalar(field, c)
	}
	n, ok := d.arrayOrMapHeader(c)
	if !ok {
		return d.truncated(field)
	}
	if isMap(c) && n >= 0 && n <= d.left() {
		n *= 2 // keys and values
	}
	switch {
	case n < 0 || n > d.left():
		return d.fail(field, "length %d needs >= %d bytes, %d left", uint32(n), uint32(n), d.left())
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

// skipScalar skips the element with type code c that is not an array or a
// map.
func (d *Decoder) skipScalar(field string, c byte) error {
	n, ok := 0, true
	switch {
	case isStr(c) || isBin(c):
		n, ok = d.blobHeader(c)
	case isExt(c):
		n, ok = d.extHeader(c)
	case c == codeNeverUsed:
		return d.fail(field, "is %s", kind(c))
	default: // integers, floats, nil, booleans: the code says the size
		n = fixedSize(c)
		d.off++
	}
	if !ok || n < 0 || n > d.left() {
		return d.truncated(field)
	}
	d.off += n
	return nil
}
