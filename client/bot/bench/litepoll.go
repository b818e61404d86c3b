package main

// The light swarm's polled reads (-lite-reads poll): after Hello and
// Welcome a bot's socket leaves Go's network poller (rawsock.Detach) and
// belongs to its driver, which reads it without blocking on each of its
// ticks, right before making the bot's inputs. A snapshot arriving then
// wakes nobody: on loopback the server's write(2) of it used to run the
// swarm's TCP input and wake the swarm's netpoller thread from the
// server's own context, a tenth of the server's CPU at 2000 bots, and a
// real client on another machine costs the server no such wake.

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"arena/client/bot"
	"arena/game"
	"arena/netcode"
	"arena/netcode/rawsock"
	"arena/netcode/wstest"
)

// Buffer sizes of a polled bot: the read buffer starts at pollBufMin and
// grows to hold the largest frame; pollOutMax bounds the frames the
// socket has not taken yet (at 30 Inputs messages of about 40 bytes a
// second, a server that read nothing for half a minute).
const (
	pollBufMin = 4096
	pollOutMax = 64 << 10
)

// polled is a bot's detached socket and its buffers; its driver's only.
type polled struct {
	sock rawsock.Socket
	in   []byte // read and not yet parsed
	out  []byte // frames written and not yet taken by the socket; mostly empty
}

// dialPolled opens one bot's connection as dialLite does (Hello, then a
// Welcome naming the bench rule), blocking, then detaches its socket with
// every byte read after the Welcome.
func dialPolled(host, path string, seed uint64) (*liteBot, error) {
	raw, err := net.DialTimeout("tcp", host, dialTimeout)
	if err != nil {
		return nil, err
	}
	b, err := welcomePolled(raw, host, path, seed)
	if err != nil {
		raw.Close()
		return nil, err
	}
	if b.polled.sock, err = rawsock.Detach(raw); err != nil {
		raw.Close()
		return nil, fmt.Errorf("detach the socket: %w", err)
	}
	return b, nil
}

// welcomePolled does the handshake, Hello and Welcome on raw.
func welcomePolled(raw net.Conn, host, path string, seed uint64) (*liteBot, error) {
	// A server that never answers must not hold the run.
	_ = raw.SetDeadline(time.Now().Add(dialTimeout))
	br, err := wstest.Handshake(raw, host, path, netcode.Subprotocol)
	if err != nil {
		return nil, err
	}
	enc := netcode.NewEncoder()
	hello := enc.Hello(&netcode.Hello{Version: netcode.Version, Name: "bench"})
	if _, err := raw.Write(appendFrame(nil, opBinary, hello)); err != nil {
		return nil, err
	}
	dec := netcode.NewDecoder()
	var msg netcode.ServerMessage
	p := &polled{in: make([]byte, 0, pollBufMin)}
	for {
		op, payload, size, err := nextFrame(p.in)
		if err != nil {
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		if size > len(p.in) {
			p.in = grow(p.in, size)
			n, err := br.Read(p.in[len(p.in):cap(p.in)])
			if err != nil {
				return nil, fmt.Errorf("wait for welcome: %w", err)
			}
			p.in = p.in[:len(p.in)+n]
			continue
		}
		switch op {
		case opClose:
			return nil, fmt.Errorf("wait for welcome: %w", closeError(payload))
		case opPing:
			if _, err := raw.Write(appendFrame(nil, opPong, payload)); err != nil {
				return nil, err
			}
		case opBinary:
			if err := dec.DecodeServer(payload, &msg); err != nil {
				return nil, fmt.Errorf("wait for welcome: %w", err)
			}
		}
		p.in = p.in[:copy(p.in, p.in[size:])]
		if op != opBinary || msg.Type != netcode.MsgWelcome {
			continue
		}
		if msg.Welcome.Mode != game.ModeBench {
			return nil, fmt.Errorf("bench bots need a server playing the bench rule (gameserver -mode bench); this one plays %q", msg.Welcome.Mode)
		}
		// What the reader holds beyond the Welcome is the polls' to parse.
		ahead, _ := br.Peek(br.Buffered())
		p.in = append(p.in, ahead...)
		return &liteBot{polled: p, brain: bot.NewBench(seed, int(msg.Welcome.TickRate))}, nil
	}
}

// grow returns b with room for at least size bytes.
func grow(b []byte, size int) []byte {
	if size <= cap(b) {
		return b
	}
	return append(make([]byte, 0, max(size, 2*cap(b))), b...)
}

// closeError is the error of a close frame's payload.
func closeError(payload []byte) *wstest.CloseError {
	ce := &wstest.CloseError{Code: 1005}
	if len(payload) >= 2 {
		ce.Code, ce.Reason = uint16(payload[0])<<8|uint16(payload[1]), string(payload[2:])
	}
	return ce
}

// poll reads what b's socket holds and counts its messages; an error is
// the connection's end (a close frame: a *wstest.CloseError).
func (b *liteBot) poll() error {
	p := b.polled
	// Whole frames may be waiting already: those read with the Welcome.
	if len(p.in) > 0 {
		if err := b.parse(); err != nil {
			return err
		}
	}
	for {
		free := p.in[len(p.in):cap(p.in)]
		n, err := p.sock.Read(free)
		switch {
		case errors.Is(err, rawsock.ErrWouldBlock):
			return nil
		case err == io.EOF:
			return errors.New("the server closed the connection without a close frame")
		case err != nil:
			return err
		}
		p.in = p.in[:len(p.in)+n]
		if err := b.parse(); err != nil {
			return err
		}
		if n < len(free) {
			return nil // the socket is empty
		}
	}
}

// parse handles the whole frames at the start of b.polled.in and keeps
// the rest, with room for the next frame whole.
func (b *liteBot) parse() error {
	p := b.polled
	off := 0
	for {
		op, payload, size, err := nextFrame(p.in[off:])
		if err != nil {
			return err
		}
		if size > len(p.in)-off {
			p.in = p.in[:copy(p.in, p.in[off:])]
			p.in = grow(p.in, size)
			return nil
		}
		off += size
		switch op {
		case opBinary:
			b.down.Add(uint64(len(payload)))
			if tick, ok := snapshotTick(payload); ok {
				b.snapshots.Add(1)
				if tick > b.ack.Load() {
					b.ack.Store(tick)
				}
			}
		case opPing:
			// Answered with the next write, before the bot's inputs.
			p.out = appendFrame(p.out, opPong, payload)
		case opClose:
			ce := closeError(payload)
			// Echo it, as the close handshake asks; the socket closes next.
			_, _ = p.sock.Write(appendFrame(nil, opClose, payload[:min(len(payload), 2)]))
			return ce
		}
	}
}

// send writes msg as one binary frame, built in scratch, after anything
// the socket had not taken yet; what it does not take now is kept for the
// next send.
func (b *liteBot) send(scratch *[]byte, msg []byte) error {
	p := b.polled
	if len(p.out) > 0 {
		p.out = appendFrame(p.out, opBinary, msg)
		n, err := p.sock.Write(p.out)
		if err != nil && !errors.Is(err, rawsock.ErrWouldBlock) {
			return err
		}
		p.out = p.out[:copy(p.out, p.out[n:])]
		if len(p.out) > pollOutMax {
			return fmt.Errorf("the server has not read %d bytes of inputs", len(p.out))
		}
		return nil
	}
	f := appendFrame((*scratch)[:0], opBinary, msg)
	*scratch = f
	n, err := p.sock.Write(f)
	if err != nil && !errors.Is(err, rawsock.ErrWouldBlock) {
		return err
	}
	if n < len(f) {
		p.out = append(p.out, f[n:]...)
	}
	return nil
}

// leave ends b's connection with a close frame (normal closure), so the
// server frees its seat at once, and closes the socket.
func (b *liteBot) leave() {
	p := b.polled
	_, _ = p.sock.Write(appendFrame(p.out, opClose, wstest.ClosePayload(1000, "")))
	_ = p.sock.Close()
}
