package main

// WebSocket for the polled light bots (litepoll.go): frames parsed out of
// the bytes a driver read, which must own every byte after the handshake
// (netcode/wstest's Conn reads through a buffered reader of its own). The
// handshake and the frames written are netcode/wstest's.

import (
	"encoding/binary"
	"errors"
	"fmt"

	"arena/netcode/wstest"
)

// Opcodes.
const (
	opBinary = wstest.OpBinary
	opClose  = wstest.OpClose
	opPing   = wstest.OpPing
	opPong   = wstest.OpPong
)

// maxFramePayload bounds a frame from the server, as wstest does.
const maxFramePayload = 1 << 20

// maxFrameHeader is the longest header of an unmasked frame.
const maxFrameHeader = 10

// nextFrame parses the frame at the start of in. size is the whole
// frame's length in bytes; size > len(in) means in does not hold it yet
// (size is then what it needs, as far as the header says: at least the
// header). payload is within in.
func nextFrame(in []byte) (op byte, payload []byte, size int, err error) {
	if len(in) < 2 {
		return 0, nil, 2, nil
	}
	fin, op, masked := in[0]&0x80 != 0, in[0]&0x0F, in[1]&0x80 != 0
	switch {
	case in[0]&0x70 != 0:
		return 0, nil, 0, fmt.Errorf("frame with reserved bits %#x", in[0]&0x70)
	case !fin || op == 0:
		return 0, nil, 0, errors.New("fragmented frame: the server never fragments")
	case masked:
		return 0, nil, 0, errors.New("masked frame from the server")
	case op != opBinary && op != opClose && op != opPing && op != opPong:
		return 0, nil, 0, fmt.Errorf("frame of opcode %d", op)
	}
	n, hdr := uint64(in[1]&0x7F), 2
	switch n {
	case 126:
		if hdr = 4; len(in) < hdr {
			return 0, nil, hdr, nil
		}
		n = uint64(binary.BigEndian.Uint16(in[2:4]))
	case 127:
		if hdr = 10; len(in) < hdr {
			return 0, nil, hdr, nil
		}
		n = binary.BigEndian.Uint64(in[2:10])
	}
	if n > maxFramePayload {
		return 0, nil, 0, fmt.Errorf("frame of %d bytes", n)
	}
	size = hdr + int(n)
	if size > len(in) {
		return 0, nil, size, nil
	}
	return op, in[hdr:size], size, nil
}

// appendFrame appends a client's frame of op carrying p (masked, as every
// client frame must be) to b.
func appendFrame(b []byte, op byte, p []byte) []byte { return wstest.AppendFrame(b, op, p, true) }
