// Package wstest is a bare RFC 6455 endpoint for tests and benchmarks that
// measure one side of a real loopback WebSocket: the peer it provides does
// its handshake by hand and then reads and writes frames into reused
// buffers, so in steady state it allocates nothing and every allocation a
// benchmark counts belongs to the side under test.
//
// It implements what Arena's peers exchange: unfragmented binary messages,
// ping (answered), pong and close. It is not a general WebSocket library.
package wstest

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
	"strings"
	"sync"
)

// Conn is one side of an established WebSocket. One goroutine may read
// while another writes.
type Conn struct {
	raw    net.Conn
	wmu    sync.Mutex // one frame at a time: the reader answers pings
	br     *bufio.Reader
	client bool // masks what it writes

	rbuf []byte // the last message read
	hdr  [14]byte
	key  [4]byte // the mask key of the frame being read
	wbuf []byte  // the frame being written
	cbuf []byte  // control replies, written by the reader
}

// Raw returns the underlying connection.
func (c *Conn) Raw() net.Conn { return c.raw }

// Close closes the connection without a close handshake.
func (c *Conn) Close() error { return c.raw.Close() }

const guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// AcceptKey is the Sec-WebSocket-Accept a server answers the
// Sec-WebSocket-Key key with.
func AcceptKey(key string) string {
	h := sha1.Sum([]byte(key + guid))
	return base64.StdEncoding.EncodeToString(h[:])
}

// Dial opens a WebSocket to ws://addr/path offering subprotocol and checks
// the server accepted it.
func Dial(addr, path, subprotocol string) (*Conn, error) {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	br, err := Handshake(raw, addr, path, subprotocol)
	if err != nil {
		raw.Close()
		return nil, err
	}
	return &Conn{raw: raw, br: br, client: true}, nil
}

// Handshake upgrades raw, a connection to host, to a WebSocket on path
// offering subprotocol, and checks the server accepted it. It returns the
// reader the response was read through, which may hold the first frames
// already. It does not close raw on failure.
func Handshake(raw net.Conn, host, path, subprotocol string) (*bufio.Reader, error) {
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
	switch {
	case resp.StatusCode != http.StatusSwitchingProtocols:
		return nil, fmt.Errorf("handshake: %s", resp.Status)
	case resp.Header.Get("Sec-WebSocket-Accept") != AcceptKey(key):
		return nil, errors.New("handshake: wrong Sec-WebSocket-Accept")
	case resp.Header.Get("Sec-WebSocket-Protocol") != subprotocol:
		return nil, fmt.Errorf("handshake: subprotocol %q not accepted", subprotocol)
	}
	return br, nil
}

// Accept completes the handshake of a WebSocket request on the server side,
// selecting subprotocol, and takes the connection over from w.
func Accept(w http.ResponseWriter, r *http.Request, subprotocol string) (*Conn, error) {
	key := r.Header.Get("Sec-WebSocket-Key")
	if key == "" || !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		http.Error(w, "not a WebSocket request", http.StatusBadRequest)
		return nil, errors.New("not a WebSocket request")
	}
	raw, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return nil, err
	}
	resp := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + AcceptKey(key) + "\r\nSec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n"
	if _, err := io.WriteString(raw, resp); err != nil {
		raw.Close()
		return nil, err
	}
	return &Conn{raw: raw, br: brw.Reader}, nil
}

// Opcodes.
const (
	OpBinary = 0x2
	OpClose  = 0x8
	OpPing   = 0x9
	OpPong   = 0xA
)

// ErrClosed is returned by ReadMessage when the peer sent a close frame; the
// CloseError it wraps has the code and reason.
var ErrClosed = errors.New("websocket closed by peer")

// CloseError is the peer's close frame.
type CloseError struct {
	Code   uint16
	Reason string
}

func (e *CloseError) Error() string { return fmt.Sprintf("close %d %q", e.Code, e.Reason) }
func (e *CloseError) Unwrap() error { return ErrClosed }

// WriteMessage writes p as one binary message.
func (c *Conn) WriteMessage(p []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.writeFrame(&c.wbuf, OpBinary, p)
}

// WriteClose writes a close frame with code and reason.
func (c *Conn) WriteClose(code uint16, reason string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.writeFrame(&c.wbuf, OpClose, ClosePayload(code, reason))
}

func (c *Conn) writeFrame(buf *[]byte, op byte, p []byte) error {
	*buf = AppendFrame((*buf)[:0], op, p, c.client)
	_, err := c.raw.Write(*buf)
	return err
}

// AppendFrame appends one unfragmented frame of opcode op carrying p to b,
// masked as a client's frames must be when masked is true.
func AppendFrame(b []byte, op byte, p []byte, masked bool) []byte {
	b = append(b, 0x80|op)
	var maskBit byte
	if masked {
		maskBit = 0x80
	}
	switch n := len(p); {
	case n < 126:
		b = append(b, maskBit|byte(n))
	case n <= 0xFFFF:
		b = append(b, maskBit|126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, maskBit|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	if !masked {
		return append(b, p...)
	}
	// A fixed key is allowed by RFC 6455 for a peer that is not a browser
	// (it protects proxies from browsers' scripts); what matters here is
	// that the server unmasks it.
	key := [4]byte{0x37, 0xfa, 0x21, 0x3d}
	b = append(b, key[:]...)
	start := len(b)
	b = append(b, p...)
	for i := range p {
		b[start+i] ^= key[i&3]
	}
	return b
}

// ClosePayload is a close frame's payload: its code, then its reason.
func ClosePayload(code uint16, reason string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, code), reason...)
}

// ReadMessage returns the payload of the next binary message, valid until
// the next call. Pings are answered, pongs skipped; a close frame returns a
// *CloseError.
func (c *Conn) ReadMessage() ([]byte, error) {
	for {
		if _, err := io.ReadFull(c.br, c.hdr[:2]); err != nil {
			return nil, err
		}
		fin, op := c.hdr[0]&0x80 != 0, c.hdr[0]&0x0F
		masked := c.hdr[1]&0x80 != 0
		n := uint64(c.hdr[1] & 0x7F)
		switch n {
		case 126:
			if _, err := io.ReadFull(c.br, c.hdr[2:4]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(c.hdr[2:4]))
		case 127:
			if _, err := io.ReadFull(c.br, c.hdr[2:10]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(c.hdr[2:10])
		}
		if !fin || (op != OpBinary && op < OpClose) {
			return nil, fmt.Errorf("wstest: unsupported frame (fin %v, opcode %d)", fin, op)
		}
		if n > 1<<20 {
			return nil, fmt.Errorf("wstest: frame of %d bytes", n)
		}
		key := c.key[:]
		if masked {
			if _, err := io.ReadFull(c.br, key); err != nil {
				return nil, err
			}
		}
		if uint64(cap(c.rbuf)) < n {
			c.rbuf = make([]byte, n)
		}
		p := c.rbuf[:n]
		if _, err := io.ReadFull(c.br, p); err != nil {
			return nil, err
		}
		if masked {
			for i := range p {
				p[i] ^= key[i&3]
			}
		}
		switch op {
		case OpBinary:
			return p, nil
		case OpPing:
			c.wmu.Lock()
			err := c.writeFrame(&c.cbuf, OpPong, p)
			c.wmu.Unlock()
			if err != nil {
				return nil, err
			}
		case OpClose:
			ce := &CloseError{Code: 1005}
			if len(p) >= 2 {
				ce.Code, ce.Reason = binary.BigEndian.Uint16(p), string(p[2:])
			}
			return nil, ce
		}
	}
}
