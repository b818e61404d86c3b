//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
	"arena/server"
)

func TestNextFrame(t *testing.T) {
	t.Parallel()
	long := make([]byte, 300)
	huge := binary.BigEndian.AppendUint64([]byte{0x82, 127}, maxFramePayload+1)
	for _, tc := range []struct {
		name    string
		in      []byte
		op      byte
		payload []byte
		size    int
		err     string
	}{
		{name: "empty", in: nil, size: 2},
		{name: "half a header", in: []byte{0x82}, size: 2},
		{name: "binary", in: []byte{0x82, 3, 'a', 'b', 'c', 0x89}, op: opBinary, payload: []byte("abc"), size: 5},
		{name: "short payload", in: []byte{0x82, 3, 'a'}, size: 5},
		{name: "16-bit length, header cut", in: []byte{0x82, 126, 1}, size: 4},
		{name: "16-bit length", in: append([]byte{0x82, 126, 1, 44}, long...), op: opBinary, payload: long, size: 304},
		{name: "16-bit length, short", in: append([]byte{0x82, 126, 1, 44}, long[:10]...), size: 304},
		{name: "64-bit length, header cut", in: []byte{0x82, 127, 0, 0}, size: 10},
		{name: "ping", in: []byte{0x89, 2, 'h', 'i'}, op: opPing, payload: []byte("hi"), size: 4},
		{name: "close", in: []byte{0x88, 2, 0x03, 0xe9}, op: opClose, payload: []byte{0x03, 0xe9}, size: 4},
		{name: "fragment", in: []byte{0x02, 1, 'a'}, err: "fragmented"},
		{name: "continuation", in: []byte{0x80, 1, 'a'}, err: "fragmented"},
		{name: "masked", in: []byte{0x82, 0x81, 1, 2, 3, 4, 'a'}, err: "masked"},
		{name: "text", in: []byte{0x81, 1, 'a'}, err: "opcode 1"},
		{name: "reserved bits", in: []byte{0xc2, 1, 'a'}, err: "reserved"},
		{name: "too big", in: huge, err: "bytes"},
	} {
		op, payload, size, err := nextFrame(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case op != tc.op || !bytes.Equal(payload, tc.payload) || size != tc.size:
			t.Errorf("%s: op %d payload %q size %d, want %d %q %d", tc.name, op, payload, size, tc.op, tc.payload, tc.size)
		}
	}
}

// scriptServer is a hand-made WebSocket server for one polled or woken
// bot: it owns every byte of the connection, so it can split a frame
// across writes and see the bot's pongs and close frame.
type scriptServer struct {
	t    *testing.T
	conn net.Conn
	br   *bufio.Reader
	dec  *netcode.Decoder
	msg  netcode.ClientMessage
}

// acceptScript accepts one connection on ln and does the handshake.
func acceptScript(t *testing.T, ln net.Listener) *scriptServer {
	conn, err := ln.Accept()
	if err != nil {
		t.Error(err)
		return nil
	}
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	br := bufio.NewReader(conn)
	req, err := http.ReadRequest(br)
	if err != nil {
		t.Error(err)
		return nil
	}
	fmt.Fprintf(conn, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: %s\r\n\r\n", wstest.AcceptKey(req.Header.Get("Sec-WebSocket-Key")), netcode.Subprotocol)
	return &scriptServer{t: t, conn: conn, br: br, dec: netcode.NewDecoder()}
}

// frame is a server frame.
func frame(op byte, p []byte) []byte {
	b := []byte{0x80 | op}
	if len(p) < 126 {
		b = append(b, byte(len(p)))
	} else {
		b = binary.BigEndian.AppendUint16(append(b, 126), uint16(len(p)))
	}
	return append(b, p...)
}

func (s *scriptServer) write(b []byte) {
	if _, err := s.conn.Write(b); err != nil {
		s.t.Error(err)
	}
}

// read returns the bot's next frame, unmasked.
func (s *scriptServer) read() (op byte, payload []byte, err error) {
	var hdr [2]byte
	if _, err := io.ReadFull(s.br, hdr[:]); err != nil {
		return 0, nil, err
	}
	n := int(hdr[1] & 0x7F)
	if n == 126 {
		var ext [2]byte
		if _, err := io.ReadFull(s.br, ext[:]); err != nil {
			return 0, nil, err
		}
		n = int(binary.BigEndian.Uint16(ext[:]))
	}
	if hdr[1]&0x80 == 0 {
		return 0, nil, errors.New("unmasked client frame")
	}
	b := make([]byte, 4+n)
	if _, err := io.ReadFull(s.br, b); err != nil {
		return 0, nil, err
	}
	payload = b[4:]
	for i := range payload {
		payload[i] ^= b[i&3]
	}
	return hdr[0] & 0x0F, payload, nil
}

// until reads the bot's frames until f says done.
func (s *scriptServer) until(what string, f func(op byte, payload []byte) bool) {
	for {
		op, payload, err := s.read()
		if err != nil {
			s.t.Errorf("waiting for %s: %v", what, err)
			return
		}
		if f(op, payload) {
			return
		}
	}
}

// acks reports whether op and payload are an Inputs message acking tick.
func (s *scriptServer) acks(op byte, payload []byte, tick uint32) bool {
	if op != opBinary {
		return false
	}
	if err := s.dec.DecodeClient(payload, &s.msg); err != nil {
		s.t.Errorf("bot message: %v", err)
		return true
	}
	return s.msg.Type == netcode.MsgInput && s.msg.Input.AckTick == tick
}

// TestLiteReadsWhatAServerSends: one bot of each kind of reads against a
// scripted server counts exactly the snapshots and bytes sent after its
// Welcome, acks the newest tick, answers a ping, and counts the server's
// close frame as a disconnect: a snapshot in the same segment as the
// Welcome, one split across two writes a few driver ticks apart, one
// larger than the read buffer.
func TestLiteReadsWhatAServerSends(t *testing.T) {
	for _, reads := range []string{readsPoll, readsWake} {
		t.Run(reads, func(t *testing.T) { t.Parallel(); liteReadsWhatAServerSends(t, reads) })
	}
}

func liteReadsWhatAServerSends(t *testing.T, reads string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sw, err := startLite(ctx, "ws://"+ln.Addr().String()+"/ws", 1, 1, 0, reads)
	if err != nil {
		t.Fatal(err)
	}
	s := acceptScript(t, ln)
	if s == nil {
		return
	}
	defer s.conn.Close()
	s.until("hello", func(op byte, p []byte) bool {
		return op == opBinary && s.dec.DecodeClient(p, &s.msg) == nil && s.msg.Type == netcode.MsgHello
	})

	enc := netcode.NewEncoder()
	snap := func(tick uint32, size int) []byte {
		p := append([]byte{}, enc.Snapshot(&netcode.Snapshot{Tick: tick})...)
		return append(p, make([]byte, max(0, size-len(p)))...) // the bots decode only the tick
	}
	s1, s2, s3 := snap(5, 0), snap(9, 200), snap(12, 10000)
	welcome := enc.Welcome(&netcode.Welcome{PlayerID: 1, Mode: game.ModeBench, TickRate: 60, SnapshotRate: 30})
	s.write(append(frame(opBinary, welcome), frame(opBinary, s1)...))
	s.until("an ack of tick 5", func(op byte, p []byte) bool { return s.acks(op, p, 5) })

	s.write(frame(opPing, []byte("hi")))
	s.until("the pong", func(op byte, p []byte) bool { return op == opPong && string(p) == "hi" })

	f2 := frame(opBinary, s2)
	s.write(f2[:3])
	time.Sleep(150 * time.Millisecond) // several driver ticks
	s.write(f2[3:])
	s.until("an ack of tick 9", func(op byte, p []byte) bool { return s.acks(op, p, 9) })
	s.write(frame(opBinary, s3))
	s.until("an ack of tick 12", func(op byte, p []byte) bool { return s.acks(op, p, 12) })

	if tr := sw.sample(); tr.snaps != 3 || tr.down != uint64(len(s1)+len(s2)+len(s3)) || tr.inputMsg == 0 || tr.up == 0 {
		t.Errorf("counted %+v; want 3 snapshots of %d bytes in all, and inputs", tr, len(s1)+len(s2)+len(s3))
	}

	s.write(frame(opClose, wstest.ClosePayload(1001, "bye")))
	select {
	case <-sw.lost:
	case <-time.After(5 * time.Second):
		t.Fatal("the close frame was not noticed within 5 s")
	}
	if reads == readsPoll {
		s.until("the close echo", func(op byte, p []byte) bool {
			return op == opClose && len(p) >= 2 && binary.BigEndian.Uint16(p) == 1001
		})
	}
	cancel()
	failed, dropped, first := sw.wait()
	if failed != 0 || dropped != 1 || first == nil || !strings.Contains(first.Error(), `close 1001 "bye"`) {
		t.Errorf("failed %d dropped %d first %v; want one disconnect by close 1001 \"bye\"", failed, dropped, first)
	}
}

// TestLiteCountsAServerStop: a server that shuts down while light bots
// play closes every connection (1001); each is counted as a disconnect,
// and the swarm ends at once.
func TestLiteCountsAServerStop(t *testing.T) {
	for _, reads := range []string{readsPoll, readsWake} {
		t.Run(reads, func(t *testing.T) { liteCountsAServerStop(t, reads) })
	}
}

func liteCountsAServerStop(t *testing.T, reads string) {
	srv, err := server.New(server.Config{Rules: game.NewBench, MapName: game.BenchMapName,
		RoomCapacity: game.BenchRoomSize, TickRate: game.BenchTickRate, SnapshotRate: 30})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const bots = 4
	sw, err := startLite(ctx, "ws"+strings.TrimPrefix(hs.URL, "http")+"/ws", bots, 1, time.Millisecond, reads)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); sw.sample().snaps < 10*bots; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no snapshots flowing: %+v", sw.sample())
		}
	}
	shut, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err := srv.Shutdown(shut); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); sw.dropped.Load() < bots; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d disconnects counted 5 s after the shutdown", sw.dropped.Load(), bots)
		}
	}
	cancel()
	done := make(chan struct{})
	var failed, dropped int
	var first error
	go func() { failed, dropped, first = sw.wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the swarm did not end within 5 s")
	}
	if failed != 0 || dropped != bots || first == nil || !strings.Contains(first.Error(), "close 1001") {
		t.Errorf("failed %d dropped %d first %v; want %d disconnects by 1001", failed, dropped, first, bots)
	}
}

// TestBenchServerStopsMidRun: the real gameserver stopped in the middle
// of the window: the bench ends within seconds, and says the bots were
// disconnected, however far the server's exit had got.
func TestBenchServerStopsMidRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the gameserver")
	}
	bin := buildServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := startServer(ctx, bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	c, err := parseConfig([]string{"-bots", "20", "-window", "30s", "-warmup", "500ms"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	type measured struct {
		r   *result
		err error
	}
	got := make(chan measured, 1)
	go func() { r, err := measure(ctx, c, srv); got <- measured{r, err} }()
	// Into the window: every bot seated, and the warmup over.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if rs, err := srv.rooms(); err == nil && len(rs) == 2 && rs[0].Players+rs[1].Players == 20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("20 bots not seated within 30 s")
		}
	}
	time.Sleep(2 * time.Second)
	stopped := time.Now()
	if err := srv.Stop(); err != nil {
		t.Logf("server stop: %v", err)
	}
	var m measured
	select {
	case m = <-got:
	case <-time.After(20 * time.Second):
		t.Fatal("the bench still runs 20 s after the server stopped")
	}
	t.Logf("ended %v after the stop", time.Since(stopped).Round(time.Millisecond))
	if m.r != nil {
		t.Logf("disconnects %d, first %q, missing %q", m.r.Disconnects, m.r.FirstError, m.r.Missing)
	} else {
		t.Logf("error: %v", m.err)
	}
	switch {
	case m.err != nil:
		// The server had exited by the window's end.
		if !strings.Contains(m.err.Error(), "20 of 20 bots were disconnected during the window") || !strings.Contains(m.err.Error(), "close 1001") {
			t.Errorf("error %q; want it to say 20 of 20 bots were disconnected, by 1001", m.err)
		}
	case m.r.Disconnects != 20 || m.r.Errors != 0 || !strings.Contains(strings.Join(m.r.Missing, "\n"), "cut short"):
		t.Errorf("disconnects %d errors %d missing %q; want 20 disconnects and the window cut short", m.r.Disconnects, m.r.Errors, m.r.Missing)
	}
	if m.r != nil && m.r.WindowS > 10 {
		t.Errorf("window of %v s: not cut at the disconnect", m.r.WindowS)
	}
}

// TestPolledParseAllocatesNothing: a polled bot's reading of snapshots
// and pings, and the framing of its inputs, reuse their buffers.
func TestPolledParseAllocatesNothing(t *testing.T) {
	enc := netcode.NewEncoder()
	var in []byte
	for tick := range uint32(3) {
		in = append(in, frame(opBinary, enc.Snapshot(&netcode.Snapshot{Tick: 100 + tick}))...)
	}
	in = append(in, frame(opPing, []byte("arena"))...)
	in = append(in, frame(opBinary, enc.Snapshot(&netcode.Snapshot{Tick: 200}))[:5]...) // the next, cut
	b := &liteBot{polled: &polled{in: make([]byte, 0, pollBufMin)}}
	msg := make([]byte, 40)
	var scratch []byte
	allocs := testing.AllocsPerRun(100, func() {
		b.polled.in = append(b.polled.in[:0], in...)
		b.polled.out = b.polled.out[:0]
		if err := b.parse(); err != nil {
			t.Fatal(err)
		}
		scratch = appendFrame(scratch[:0], opBinary, msg)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per round", allocs)
	}
	if b.ack.Load() != 102 || len(b.polled.in) != 5 || !bytes.HasPrefix(b.polled.out, []byte{0x80 | opPong}) {
		t.Errorf("ack %d, %d bytes kept, out %x; want 102, the 5 of the cut frame, a pong", b.ack.Load(), len(b.polled.in), b.polled.out)
	}
}
