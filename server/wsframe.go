package server

// Writing WebSocket frames ourselves. coder/websocket does the handshake,
// all the reading and the close handshake; every other frame the server
// sends (snapshots, Welcome, Error, pongs) is framed here and written
// straight to the socket, so that a room can put a snapshot on the wire
// with one non-blocking write(2) instead of waking a writer goroutine for
// each one (see sendQueue).

import (
	"bufio"
	"encoding/binary"
	"errors"
	"net"
	"net/http"
)

// WebSocket opcodes (RFC 6455 §5.2) with FIN set: every frame we send is a
// whole message.
const (
	frameBinary byte = 0x80 | 0x2
	framePong   byte = 0x80 | 0xA
)

// maxFrameHeader is the longest header of an unmasked server frame.
const maxFrameHeader = 10

// appendFrame appends a frame of opcode carrying payload to dst.
func appendFrame(dst []byte, opcode byte, payload []byte) []byte {
	n := len(payload)
	switch {
	case n < 126:
		dst = append(dst, opcode, byte(n))
	case n < 1<<16:
		dst = append(dst, opcode, 126)
		dst = binary.BigEndian.AppendUint16(dst, uint16(n))
	default:
		dst = append(dst, opcode, 127)
		dst = binary.BigEndian.AppendUint64(dst, uint64(n))
	}
	return append(dst, payload...)
}

// framePayload returns the payload of a frame made by appendFrame.
func framePayload(frame []byte) []byte {
	switch frame[1] {
	case 126:
		return frame[4:]
	case 127:
		return frame[10:]
	}
	return frame[2:]
}

// errWouldBlock is what a non-blocking write returns when the socket's send
// buffer is full.
var errWouldBlock = errors.New("socket send buffer full")

// hijackRecorder is the http.ResponseWriter handed to websocket.Accept: it
// remembers the connection the handshake hijacks, so that the server can
// write frames to it.
type hijackRecorder struct {
	http.ResponseWriter
	conn net.Conn
	brw  *bufio.ReadWriter
}

// Hijack hijacks the underlying connection and records it.
func (h *hijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	h.conn, h.brw = c, brw
	return c, brw, err
}

// Unwrap returns the underlying ResponseWriter.
func (h *hijackRecorder) Unwrap() http.ResponseWriter { return h.ResponseWriter }
