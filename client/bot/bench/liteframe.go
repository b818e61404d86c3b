package main

// WebSocket for the polled light bots (litepoll.go), the part of RFC 6455
// that Arena's server speaks to a client: the handshake, then unmasked,
// unfragmented frames (binary messages, pings, pongs, close) down and
// masked frames up. netcode/wstest does the same for the blocking reader
// mode, but a polled bot must own every byte read after the handshake,
// which wstest's buffered reader keeps to itself.

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
)

// Opcodes.
const (
	opBinary = 0x2
	opClose  = 0x8
	opPing   = 0x9
	opPong   = 0xA
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

// appendFrame appends a client's frame of op carrying p (masked, as
// every client frame must be) to b.
func appendFrame(b []byte, op byte, p []byte) []byte {
	b = append(b, 0x80|op)
	switch n := len(p); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	case n <= 0xFFFF:
		b = append(b, 0x80|126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 0x80|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	// A fixed key, as wstest's: RFC 6455 wants it unpredictable to protect
	// proxies from browsers' scripts; what matters here is that the server
	// unmasks.
	key := [4]byte{0x37, 0xfa, 0x21, 0x3d}
	b = append(b, key[:]...)
	start := len(b)
	b = append(b, p...)
	for i := range p {
		b[start+i] ^= key[i&3]
	}
	return b
}

// closePayload is a close frame's payload: its code, then its reason.
func closePayload(code uint16, reason string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, code), reason...)
}

const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// handshake upgrades raw to a WebSocket on path offering subprotocol, and
// returns the reader the response was read through: it may hold the first
// frames already.
func handshake(raw net.Conn, host, path, subprotocol string) (*bufio.Reader, error) {
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	key := base64.StdEncoding.EncodeToString(nonce[:])
	req := "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n"
	if _, err := io.WriteString(raw, req); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(raw, 4096)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	sum := sha1.Sum([]byte(key + wsGUID))
	switch {
	case resp.StatusCode != http.StatusSwitchingProtocols:
		return nil, fmt.Errorf("handshake: %s", resp.Status)
	case resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]):
		return nil, errors.New("handshake: wrong Sec-WebSocket-Accept")
	case resp.Header.Get("Sec-WebSocket-Protocol") != subprotocol:
		return nil, fmt.Errorf("handshake: subprotocol %q not accepted", subprotocol)
	}
	return br, nil
}
