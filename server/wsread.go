package server

// Reading WebSocket frames ourselves (RFC 6455 §5), for connections whose
// room polls their socket each tick (see conn_poll.go). Client frames are
// masked; messages may be fragmented, with control frames between the
// fragments; no extension is negotiated, so the RSV bits must be clear.

import (
	"encoding/binary"
	"fmt"

	"arena/netcode"
)

// WebSocket opcodes, without the FIN bit.
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

// Close codes of the WebSocket layer that netcode's table does not need.
const closeProtocolError = netcode.CloseProtocolError

// wsError is a frame that breaks the protocol: the connection is closed
// with code and reason.
type wsError struct {
	code   netcode.CloseCode
	reason string
}

// wsReader parses the frames of one client connection. Feed it bytes with
// buffered (the bytes it holds) and the slice after them; next returns
// messages and control frames as they complete. It is not safe for
// concurrent use.
type wsReader struct {
	in     []byte // bytes read and not yet parsed
	frag   []byte // a fragmented message's payload so far
	fragOp byte   // its opcode; 0 when no message is fragmented
	frames int    // frames parsed since the caller last took the count (the rate limit's)
}

// wsMessage is what next returns: a whole message (opcode text or binary)
// or a control frame.
type wsMessage struct {
	op      byte
	payload []byte // valid until the next call of next or compact
}

// next parses the next message or control frame from r.in. ok is false
// when more bytes are needed. A protocol violation returns a *wsError; the
// reader is then unusable.
func (r *wsReader) next() (m wsMessage, ok bool, werr *wsError) {
	for {
		b := r.in
		if len(b) < 2 {
			return m, false, nil
		}
		fin, rsv, op := b[0]&0x80 != 0, b[0]&0x70, b[0]&0x0f
		masked, n := b[1]&0x80 != 0, int64(b[1]&0x7f)
		h := 2
		switch n {
		case 126:
			if len(b) < 4 {
				return m, false, nil
			}
			n, h = int64(binary.BigEndian.Uint16(b[2:])), 4
		case 127:
			if len(b) < 10 {
				return m, false, nil
			}
			u := binary.BigEndian.Uint64(b[2:])
			if u > 1<<62 {
				return m, false, &wsError{closeProtocolError, "frame length has its top bit set"}
			}
			n, h = int64(u), 10
		}
		control := op >= opClose
		switch {
		case rsv != 0:
			return m, false, &wsError{closeProtocolError, "frame has reserved bits set"}
		case !masked:
			return m, false, &wsError{closeProtocolError, "client frame is not masked"}
		case op != opContinuation && op != opText && op != opBinary && op != opClose && op != opPing && op != opPong:
			return m, false, &wsError{closeProtocolError, fmt.Sprintf("unknown opcode %d", op)}
		case control && (!fin || n > 125):
			return m, false, &wsError{closeProtocolError, "control frame fragmented or over 125 bytes"}
		case !control && int64(len(r.frag))+n > netcode.MaxClientFrame:
			return m, false, &wsError{netcode.CloseTooBig, tooBigReason}
		case op == opContinuation && r.fragOp == 0:
			return m, false, &wsError{closeProtocolError, "continuation frame without a message"}
		case (op == opText || op == opBinary) && r.fragOp != 0:
			return m, false, &wsError{closeProtocolError, "new message inside a fragmented one"}
		}
		h += 4 // the mask key
		if int64(len(b)) < int64(h)+n {
			return m, false, nil
		}
		key := b[h-4 : h]
		payload := b[h : h+int(n)]
		for i := range payload {
			payload[i] ^= key[i&3]
		}
		r.in = b[h+int(n):]
		r.frames++
		switch {
		case control:
			if op == opClose && len(payload) == 1 {
				return m, false, &wsError{closeProtocolError, "close frame with a 1-byte payload"}
			}
			return wsMessage{op: op, payload: payload}, true, nil
		case fin && r.fragOp == 0:
			return wsMessage{op: op, payload: payload}, true, nil
		}
		// A fragment: keep it until the final one.
		if r.fragOp == 0 {
			r.fragOp = op
		}
		r.frag = append(r.frag, payload...)
		if fin {
			m = wsMessage{op: r.fragOp, payload: r.frag}
			r.fragOp, r.frag = 0, r.frag[:0]
			return m, true, nil
		}
	}
}

// maxFrameBytes is the most bytes a frame next accepts takes on the wire:
// header, mask key and a payload of MaxClientFrame.
const maxFrameBytes = 14 + netcode.MaxClientFrame

// closePayload returns the code and reason of a close frame's payload
// (1005, "no status", when it has none).
func closePayload(p []byte) (uint16, string) {
	if len(p) < 2 {
		return 1005, ""
	}
	return binary.BigEndian.Uint16(p), string(p[2:])
}

// peerMaySend reports whether a close frame may carry code (RFC 6455 7.4):
// 1004, 1005, 1006 and 1015 must never be sent, codes under 1000 and from
// 1016 to 2999 are not defined. (A close frame with no payload carries no
// code and is fine.)
func peerMaySend(code uint16) bool {
	if code == 1004 || code == 1005 || code == 1006 || code == 1015 {
		return false
	}
	return code >= 1000 && code <= 1014 || code >= 3000 && code <= 4999
}
