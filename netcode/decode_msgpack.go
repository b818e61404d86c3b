package netcode

// The msgpack format as the Decoder reads it: the type codes, their families
// and names, and the raw reads at the read position: integer looks at an
// integer's value, the header readers move past a header. These check only
// that the frame holds the bytes they read; decode_read.go checks types,
// limits and ranges and says what is wrong.

import (
	"encoding/binary"
	"fmt"
)

// msgpack type codes, from the spec
// (https://github.com/msgpack/msgpack/blob/master/spec.md#formats), for the
// Decoder and the Encoder (encode.go). Codes without a name here (ext16,
// fixext2, ...) are the named one plus 1 or 2.
const (
	codePosFixintMax = 0x7f
	codeFixmap       = 0x80 // 0x80..0x8f: a map of the low 4 bits' pairs
	codeFixarray     = 0x90 // 0x90..0x9f: an array of the low 4 bits' elements
	codeFixstr       = 0xa0 // 0xa0..0xbf: a string of the low 5 bits' bytes
	codeNil          = 0xc0
	codeNeverUsed    = 0xc1
	codeFalse        = 0xc2
	codeTrue         = 0xc3
	codeBin8         = 0xc4 // bin8, bin16, bin32
	codeBin16        = 0xc5
	codeBin32        = 0xc6
	codeExt8         = 0xc7 // ext8, ext16, ext32
	codeFloat32      = 0xca
	codeFloat64      = 0xcb
	codeUint8        = 0xcc // uint8, uint16, uint32, uint64
	codeUint16       = 0xcd
	codeUint32       = 0xce
	codeUint64       = 0xcf
	codeInt8         = 0xd0 // int8, int16, int32, int64
	codeInt16        = 0xd1
	codeInt32        = 0xd2
	codeInt64        = 0xd3
	codeFixext1      = 0xd4 // fixext 1, 2, 4, 8, 16
	codeFixext16     = 0xd8
	codeStr8         = 0xd9 // str8, str16, str32
	codeStr16        = 0xda
	codeStr32        = 0xdb
	codeArray16      = 0xdc
	codeArray32      = 0xdd
	codeMap16        = 0xde
	codeMap32        = 0xdf
	codeNegFixintMin = 0xe0
)

// The type families: which codes start an element of each.

func isInt(c byte) bool {
	return c <= codePosFixintMax || c >= codeNegFixintMin || (c >= codeUint8 && c <= codeInt64)
}

func isStr(c byte) bool {
	return (c >= codeFixstr && c <= codeFixstr|0x1f) || (c >= codeStr8 && c <= codeStr8+2)
}

func isBin(c byte) bool { return c >= codeBin8 && c <= codeBin8+2 }

func isArray(c byte) bool {
	return (c >= codeFixarray && c <= codeFixarray|0xf) || c == codeArray16 || c == codeArray32
}

func isMap(c byte) bool {
	return (c >= codeFixmap && c <= codeFixmap|0xf) || c == codeMap16 || c == codeMap32
}

func isExt(c byte) bool {
	return (c >= codeFixext1 && c <= codeFixext16) || (c >= codeExt8 && c <= codeExt8+2)
}

// kind names the msgpack type of code c for error reasons.
func kind(c byte) string {
	switch {
	case isInt(c):
		return "integer"
	case isStr(c):
		return "string"
	case isBin(c):
		return "bin"
	case isArray(c):
		return "array"
	case isMap(c):
		return "map"
	case isExt(c):
		return "ext"
	case c == codeNil:
		return "nil"
	case c == codeTrue || c == codeFalse:
		return "bool"
	case c == codeFloat32 || c == codeFloat64:
		return "float"
	}
	return fmt.Sprintf("invalid code %#02x", c)
}

// bigEndian reads the width-byte (1, 2, 4 or 8) big-endian number at the
// start of b, which holds at least width bytes.
func bigEndian(b []byte, width int) uint64 {
	switch width {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(binary.BigEndian.Uint16(b))
	case 4:
		return uint64(binary.BigEndian.Uint32(b))
	}
	return binary.BigEndian.Uint64(b)
}

// integer decodes the integer at the read position without moving past it:
// its value, whether that is a two's complement int64 (negative fixint,
// int8..64) rather than an unsigned value (positive fixint, uint8..64), and
// its size in bytes. size is 0 when the frame ends before or inside it or
// the next element is not an integer.
func (d *Decoder) integer() (v uint64, signed bool, size int) {
	b := d.b[d.off:]
	if len(b) == 0 {
		return 0, false, 0
	}
	c := b[0]
	switch {
	case c <= codePosFixintMax:
		return uint64(c), false, 1
	case c >= codeNegFixintMin:
		return uint64(int64(int8(c))), true, 1
	case c < codeUint8 || c > codeInt64:
		return 0, false, 0
	}
	width := 1 << (c & 3) // uint8..uint64 and int8..int64 are 1, 2, 4, 8 bytes
	if len(b) <= width {
		return 0, false, 0
	}
	v = bigEndian(b[1:], width)
	if c >= codeInt8 {
		shift := 64 - 8*width
		return uint64(int64(v<<shift) >> shift), true, 1 + width
	}
	return v, false, 1 + width
}

// length reads the width-byte length after the type code of a str, bin,
// array, map or ext header and moves past both. On a 32-bit platform a 32-bit length may come out
// negative, which every caller refuses.
func (d *Decoder) length(width int) (int, bool) {
	b := d.b[d.off+1:] // the caller has peeked the code
	if len(b) < width {
		return 0, false
	}
	d.off += 1 + width
	return int(uint32(bigEndian(b, width))), true
}

// arrayOrMapHeader reads the length of the array (isArray) or map (isMap)
// whose type code c is at the read position: fixarray and fixmap keep it in
// the low 4 bits.
func (d *Decoder) arrayOrMapHeader(c byte) (int, bool) {
	switch c {
	case codeArray16, codeMap16:
		return d.length(2)
	case codeArray32, codeMap32:
		return d.length(4)
	}
	d.off++
	return int(c & 0xf), true
}

// blobHeader reads the length of the str (isStr) or bin (isBin) whose type
// code c is at the read position: fixstr keeps it in the low 5 bits.
func (d *Decoder) blobHeader(c byte) (int, bool) {
	switch c {
	case codeStr8, codeBin8:
		return d.length(1)
	case codeStr8 + 1, codeBin8 + 1:
		return d.length(2)
	case codeStr8 + 2, codeBin8 + 2:
		return d.length(4)
	}
	d.off++
	return int(c & 0x1f), true
}

// extHeader reads the header of the ext (isExt) whose type code c is at the
// read position, up to its data: the length (implied by fixext 1..16, after
// an ext8/16/32 code) and the ext type byte.
func (d *Decoder) extHeader(c byte) (n int, ok bool) {
	if c >= codeFixext1 {
		d.off++
		n = 1 << (c - codeFixext1)
	} else if n, ok = d.length(1 << (c - codeExt8)); !ok {
		return 0, false
	}
	if d.off >= len(d.b) {
		return 0, false
	}
	d.off++
	return n, true
}

// fixedSize is the number of bytes after the type code c of an integer,
// float, nil or boolean.
func fixedSize(c byte) int {
	switch c {
	case codeFloat32:
		return 4
	case codeFloat64:
		return 8
	}
	if c >= codeUint8 && c <= codeInt64 {
		return 1 << (c & 3)
	}
	return 0 // fixints, nil, false, true
}
