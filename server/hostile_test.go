package server_test

// The hostile suite (issue 14, "Figures"): hundreds of inputs an attacker
// would try, over every client message type and the WebSocket frame level,
// each sent on a fresh connection (most after a Hello, some before), each
// expected to close its sender with the code and reason docs/protocol.md
// gives; meanwhile an honest player in the same room keeps receiving
// snapshots with no gap over 100 ms, and the server's heap and goroutines
// come back to where they were.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"arena/netcode"
	"arena/netcode/wstest"
	"arena/server"
)

// hostileMaxGap is the longest the honest player may wait for a snapshot
// while the suite runs.
const hostileMaxGap = 100 * time.Millisecond

// hostileMinCases is the floor for the suite's size.
const hostileMinCases = 200

// hostileCase is one attack: bytes sent on a connection and how the server
// must close it.
type hostileCase struct {
	name   string
	joined bool   // say Hello (and read Welcome) first
	data   []byte // written once, raw: whole frames, or not
	flood  []byte // written again and again at about 10x the message limit
	code   uint16 // the close code expected
	reason string // a substring of the close reason expected
}

// maskedFrame builds a client frame: first is the first byte (FIN, RSV,
// opcode), the payload is masked with a fixed key.
func maskedFrame(first byte, payload []byte) []byte {
	b := []byte{first}
	switch n := len(payload); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	case n <= 0xFFFF:
		b = append(b, 0x80|126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 0x80|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	key := [4]byte{0x12, 0x9a, 0x5c, 0xe3}
	b = append(b, key[:]...)
	for i, c := range payload {
		b = append(b, c^key[i&3])
	}
	return b
}

// binFrame is one whole binary message.
func binFrame(p []byte) []byte { return maskedFrame(0x80|0x2, p) }

// rawPeer is a hostile client: a bare WebSocket whose bytes the test writes
// itself.
type rawPeer struct{ ws *wstest.Conn }

// dialRaw opens a raw peer; joined says Hello and waits for Welcome.
func dialRaw(addr string, joined bool) (*rawPeer, error) {
	ws, err := wstest.Dial(addr, "/ws", netcode.Subprotocol)
	if err != nil {
		return nil, err
	}
	p := &rawPeer{ws: ws}
	if !joined {
		return p, nil
	}
	if err := ws.WriteMessage(hello("hostile")); err != nil {
		_ = ws.Close()
		return nil, err
	}
	_ = ws.Raw().SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		b, err := ws.ReadMessage()
		if err != nil {
			_ = ws.Close()
			return nil, fmt.Errorf("waiting for Welcome: %w", err)
		}
		if len(b) > 1 && b[1] == byte(netcode.MsgWelcome) {
			return p, nil
		}
	}
}

// write sends b raw.
func (p *rawPeer) write(b []byte) error {
	_, err := p.ws.Raw().Write(b)
	return err
}

// awaitClose reads until the server's close frame and returns its code and
// reason (code 0: the connection ended without one).
func (p *rawPeer) awaitClose(timeout time.Duration) (uint16, string, error) {
	_ = p.ws.Raw().SetReadDeadline(time.Now().Add(timeout))
	for {
		_, err := p.ws.ReadMessage()
		if err == nil {
			continue
		}
		var ce *wstest.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Reason, nil
		}
		return 0, "", err
	}
}

// flood writes unit ten times per 10 ms (about 10x the default message
// limit, 120 a second) until done is closed or a write fails.
func (p *rawPeer) flood(unit []byte, perTick int, done <-chan struct{}) {
	batch := bytes.Repeat(unit, perTick)
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		if p.write(batch) != nil {
			return
		}
		select {
		case <-done:
			return
		case <-t.C:
		}
	}
}

// run plays the case on a fresh connection and returns an error when the
// server did not close it as expected.
func (hc *hostileCase) run(addr string) error {
	p, err := dialRaw(addr, hc.joined)
	if err != nil {
		return err
	}
	defer p.ws.Close()
	done := make(chan struct{})
	var wg sync.WaitGroup
	if hc.data != nil {
		if err := p.write(hc.data); err != nil {
			return err
		}
	}
	if hc.flood != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.flood(hc.flood, 12, done)
		}()
	}
	code, reason, err := p.awaitClose(5 * time.Second)
	close(done)
	_ = p.ws.Close()
	wg.Wait()
	switch {
	case err != nil:
		return fmt.Errorf("no close frame (want %d %q): %v", hc.code, hc.reason, err)
	case code != hc.code || !strings.Contains(reason, hc.reason):
		return fmt.Errorf("closed %d %q, want %d with %q", code, reason, hc.code, hc.reason)
	}
	return nil
}

// Hand-built msgpack, so the suite can put any value in any field.

func mpUint(v uint64) []byte {
	switch {
	case v < 0x80:
		return []byte{byte(v)}
	case v <= 0xff:
		return []byte{0xcc, byte(v)}
	case v <= 0xffff:
		return binary.BigEndian.AppendUint16([]byte{0xcd}, uint16(v))
	}
	return binary.BigEndian.AppendUint32([]byte{0xce}, uint32(v))
}

func mpStr(s string) []byte { return append([]byte{0xa0 | byte(len(s))}, s...) } // fixstr: < 32 bytes
func mpBin(b []byte) []byte { return append([]byte{0xc4, byte(len(b))}, b...) }  // bin8
func mpArr(elems ...[]byte) []byte {
	b := []byte{0x90 | byte(len(elems))}
	for _, e := range elems {
		b = append(b, e...)
	}
	return b
}

// hostileMessage is a valid client message as its fields, the type first.
type hostileMessage struct {
	name   string
	fields [][]byte
}

func (m hostileMessage) bytes() []byte { return mpArr(m.fields...) }

// hostileMessages are one valid message of every client type, and one of a
// type this version does not know (valid, ignored).
func hostileMessages() []hostileMessage {
	input := func(seq uint64) []byte {
		return mpArr(mpUint(uint64(100+seq)), []byte{0xd0, 0xce}, mpUint(40000), mpUint(1), []byte{0})
	}
	return []hostileMessage{
		{"Hello", [][]byte{mpUint(1), mpUint(netcode.Version), mpStr("mallory"), mpStr(""), mpBin(nil)}},
		{"Inputs", [][]byte{mpUint(2), mpUint(0), mpUint(1), mpArr(input(1), input(2))}},
		{"Ping", [][]byte{mpUint(3), mpUint(123456789)}},
		{"Chat", [][]byte{mpUint(4), mpStr("hello there")}},
		{"Leave", [][]byte{mpUint(5)}},
		{"unknown", [][]byte{mpUint(99), mpUint(7), mpStr("x")}},
	}
}

// wrongValues are values of every msgpack family, huge lengths among them,
// put in place of each field.
var wrongValues = []struct {
	name string
	b    []byte
}{
	{"nil", []byte{0xc0}},
	{"true", []byte{0xc3}},
	{"-1", []byte{0xff}},
	{"float64", []byte{0xcb, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18}},
	{"uint64 max", []byte{0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
	{"string", mpStr("x")},
	{"empty array", []byte{0x90}},
	{"map", []byte{0x81, 0x01, 0x02}},
	{"array32 4G", []byte{0xdd, 0xff, 0xff, 0xff, 0xff}},
	{"str32 4G", []byte{0xdb, 0xff, 0xff, 0xff, 0xff}},
	{"bin32 4G", []byte{0xc6, 0xff, 0xff, 0xff, 0xff}},
	{"map32 4G", []byte{0xdf, 0xff, 0xff, 0xff, 0xff}},
	{"ext", []byte{0xd4, 0x01, 0x00}},
}

// decodeCase is the case of payload p sent after Hello when the decoder
// refuses it (4000 with the decoder's reason); ok is false when p is valid.
func decodeCase(name string, p []byte) (hostileCase, bool) {
	var m netcode.ClientMessage
	err := netcode.NewDecoder().DecodeClient(p, &m)
	if err == nil {
		return hostileCase{}, false
	}
	return hostileCase{name: name, joined: true, data: binFrame(p),
		code: uint16(netcode.CloseBadMessage), reason: netcode.CloseReason(err)}, true
}

// hostileCases generates the suite.
func hostileCases(t *testing.T) []hostileCase {
	var cases []hostileCase
	add := func(c hostileCase, ok bool) {
		if ok {
			cases = append(cases, c)
		}
	}
	huge := []byte{0xdd, 0xff, 0xff, 0xff, 0xff}
	for _, m := range hostileMessages() {
		valid := m.bytes()
		var dm netcode.ClientMessage
		if err := netcode.NewDecoder().DecodeClient(valid, &dm); err != nil {
			t.Fatalf("the suite's valid %s does not decode: %v", m.name, err)
		}
		// dd ff ff ff ff (an array of 4G elements) at every position.
		for i := range valid {
			p := append(append(append([]byte{}, valid[:i]...), huge...), valid[min(len(valid), i+len(huge)):]...)
			add(decodeCase(fmt.Sprintf("%s: dd ff ff ff ff at %d", m.name, i), p))
		}
		// Truncated at every length (0 is the empty message).
		for n := range len(valid) {
			add(decodeCase(fmt.Sprintf("%s: truncated to %d bytes", m.name, n), valid[:n]))
		}
		// A wrong type in every field.
		for f := range m.fields {
			for _, w := range wrongValues {
				fs := append([][]byte{}, m.fields...)
				fs[f] = w.b
				add(decodeCase(fmt.Sprintf("%s: field %d is %s", m.name, f, w.name), mpArr(fs...)))
			}
		}
		// An extra field, and a trailing byte after the message.
		add(decodeCase(m.name+": extra field", mpArr(append(append([][]byte{}, m.fields...), mpUint(1))...)))
		add(decodeCase(m.name+": trailing byte", append(append([]byte{}, valid...), 0xc0)))
	}
	// Deep nesting inside a message the server skips, arrays and maps.
	for depth := 9; depth <= 40; depth += 8 {
		arr := append(bytes.Repeat([]byte{0x91}, depth), 0x01)
		add(decodeCase(fmt.Sprintf("arrays nested %d deep", depth), mpArr(mpUint(99), arr)))
		var mp []byte
		for range depth {
			mp = append(mp, 0x81, 0x01)
		}
		add(decodeCase(fmt.Sprintf("maps nested %d deep", depth), mpArr(mpUint(99), append(mp, 0x01))))
	}
	// Random bytes.
	rng := rand.New(rand.NewPCG(14, 200))
	for i := range 24 {
		p := make([]byte, 1+rng.IntN(64))
		for j := range p {
			p[j] = byte(rng.Uint32())
		}
		add(decodeCase(fmt.Sprintf("random bytes #%d", i), p))
	}

	// The frame level, after Hello (the server parses frames itself).
	ping := netcode.NewEncoder().Ping(&netcode.Ping{ClientTime: 1})
	frame := func(name string, data []byte, code netcode.CloseCode, reason string) {
		cases = append(cases, hostileCase{name: name, joined: true, data: data, code: uint16(code), reason: reason})
	}
	frame("text frame", maskedFrame(0x81, []byte("hi")), netcode.CloseUnsupportedData, "text frames are not supported")
	frame("binary over 4096 bytes", binFrame(make([]byte, netcode.MaxClientFrame+1)), netcode.CloseTooBig, "message over 4096 bytes")
	frame("length 2^40 announced", []byte{0x82, 0x80 | 127, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4}, netcode.CloseTooBig, "message over 4096 bytes")
	frame("length with its top bit set", []byte{0x82, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4}, netcode.CloseProtocolError, "frame length has its top bit set")
	frame("fragments over 4096 bytes", append(maskedFrame(0x02, make([]byte, 3000)), maskedFrame(0x80, make([]byte, 3000))...),
		netcode.CloseTooBig, "message over 4096 bytes")
	frame("continuation without a message", maskedFrame(0x80, ping), netcode.CloseProtocolError, "continuation frame without a message")
	frame("new message inside a fragmented one", append(maskedFrame(0x02, ping[:2]), binFrame(ping)...),
		netcode.CloseProtocolError, "new message inside a fragmented one")
	frame("fragmented ping", maskedFrame(0x09, []byte("x")), netcode.CloseProtocolError, "control frame fragmented or over 125 bytes")
	frame("ping of 126 bytes", maskedFrame(0x89, make([]byte, 126)), netcode.CloseProtocolError, "control frame fragmented or over 125 bytes")
	frame("close with a 1-byte payload", maskedFrame(0x88, []byte{3}), netcode.CloseProtocolError, "close frame with a 1-byte payload")
	frame("unmasked frame", append([]byte{0x82, byte(len(ping))}, ping...), netcode.CloseProtocolError, "client frame is not masked")
	for _, rsv := range []byte{0x40, 0x20, 0x10} {
		frame(fmt.Sprintf("rsv bit %#x", rsv), maskedFrame(0x82|rsv, ping), netcode.CloseProtocolError, "frame has reserved bits set")
	}
	for _, op := range []byte{3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf} {
		frame(fmt.Sprintf("opcode %d", op), maskedFrame(0x80|op, nil), netcode.CloseProtocolError, fmt.Sprintf("unknown opcode %d", op))
	}
	// A fragmented message whose content does not decode.
	frame("fragmented garbage", append(maskedFrame(0x02, []byte{0x92, 0x03}), maskedFrame(0x80, []byte{0xc1})...),
		netcode.CloseBadMessage, "")
	// Close codes a peer must never send (RFC 6455 7.4).
	for _, code := range []uint16{0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535} {
		frame(fmt.Sprintf("close code %d", code), maskedFrame(0x88, binary.BigEndian.AppendUint16(nil, code)),
			netcode.CloseProtocolError, fmt.Sprintf("close code %d is not allowed", code))
	}
	// Protocol rules after Hello.
	frame("second Hello", binFrame(hello("again")), netcode.CloseProtocolViolation, "second Hello")
	frame("Inputs skipping seqs", binFrame(netcode.NewEncoder().Inputs(&netcode.Inputs{N: 1, Frames: [netcode.MaxInputWindow]netcode.InputFrame{{Seq: 5}}})),
		netcode.CloseProtocolViolation, "skips ahead")
	frame("Inputs ack_tick ahead", binFrame(netcode.NewEncoder().Inputs(&netcode.Inputs{AckTick: 1 << 30, N: 1, Frames: [netcode.MaxInputWindow]netcode.InputFrame{{Seq: 1}}})),
		netcode.CloseProtocolViolation, "is ahead of the newest snapshot sent")

	// Before Hello (the WebSocket library parses frames).
	before := func(name string, data []byte, code netcode.CloseCode, reason string) {
		cases = append(cases, hostileCase{name: "before Hello: " + name, data: data, code: uint16(code), reason: reason})
	}
	for _, m := range hostileMessages()[1:] {
		want := m.name + " before Hello"
		if m.name == "unknown" {
			want = "message type 99 before Hello"
		}
		before(m.name, binFrame(m.bytes()), netcode.CloseProtocolViolation, want)
	}
	before("garbage", binFrame([]byte{0xc1}), netcode.CloseBadMessage, "")
	before("empty message", binFrame(nil), netcode.CloseBadMessage, "empty message")
	before("Hello of version 0", binFrame(mpArr(mpUint(1), mpUint(0), mpStr("x"), mpStr(""), mpBin(nil))), netcode.CloseBadMessage, "hello: version is 0")
	before("Hello of version 999", binFrame(mpArr(mpUint(1), mpUint(999), mpStr("x"), mpStr(""), mpBin(nil))),
		netcode.CloseVersionMismatch, "protocol version 999 not supported")
	before("text frame", maskedFrame(0x81, []byte("hi")), netcode.CloseUnsupportedData, "text frames are not supported")
	before("binary over 4096 bytes", binFrame(make([]byte, netcode.MaxClientFrame+1)), netcode.CloseTooBig, "message over 4096 bytes")
	before("rsv bit", maskedFrame(0xc2, ping), netcode.CloseProtocolError, "")
	before("opcode 3", maskedFrame(0x83, nil), netcode.CloseProtocolError, "")

	// Valid messages at 10x the allowed rate.
	flood := func(name string, joined bool, unit []byte) {
		cases = append(cases, hostileCase{name: "flood: " + name, joined: joined, flood: unit,
			code: uint16(netcode.ClosePolicyViolation), reason: "too many messages: over 120 a second"})
	}
	flood("Inputs", true, binFrame(netcode.NewEncoder().Inputs(&netcode.Inputs{N: 1, Frames: [netcode.MaxInputWindow]netcode.InputFrame{{Seq: 1}}})))
	flood("Ping", true, binFrame(ping))
	flood("WebSocket pings", true, maskedFrame(0x89, []byte("p")))
	flood("WebSocket pings before Hello", false, maskedFrame(0x89, []byte("p")))
	return cases
}

// TestHostileSuite runs every case while an honest player plays in the
// same room, and checks the figures: each case closed as expected, the
// honest player's longest snapshot gap, the heap and the goroutines.
func TestHostileSuite(t *testing.T) {
	// Not parallel: it measures real-time figures (see
	// TestNeverReaderDoesNotDelayOthers).
	cases := hostileCases(t)
	if len(cases) < hostileMinCases {
		t.Fatalf("%d cases, want at least %d", len(cases), hostileMinCases)
	}
	for attempt := 1; ; attempt++ {
		gap, overruns := hostileRun(t, cases)
		t.Logf("run %d: %d cases; honest player's longest snapshot gap %v; %d tick overruns", attempt, len(cases), gap, overruns)
		if t.Failed() || gap <= hostileMaxGap {
			return
		}
		if attempt == 3 || overruns == 0 {
			t.Errorf("the honest player waited %v for a snapshot (want at most %v) with %d tick overruns", gap, hostileMaxGap, overruns)
			return
		}
		t.Logf("run %d: the machine was overloaded (the room overran): measuring again", attempt)
	}
}

// hostileRun plays the cases, four at a time, on a fresh server and returns
// the honest player's longest snapshot gap and the room's tick overruns.
func hostileRun(t *testing.T, cases []hostileCase) (time.Duration, uint64) {
	t.Helper()
	runtime.GC()
	goroutines0 := runtime.NumGoroutine()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapInuse

	srv, hs, stop := startServerRaw(t, func(c *server.Config) { c.RoomCapacity = 64; c.ResumeGrace = server.ResumeOff })
	addr := hs.Listener.Addr().String()
	honest, err := dialHonest(addr, "honest")
	if err != nil {
		t.Fatal(err)
	}
	defer honest.ws.Close()
	waitFor(t, 10*time.Second, "the honest player's first snapshots", func() bool { return honest.snapshots.Load() >= 3 })
	honest.startMeasuring()
	overruns0 := srv.Metrics().TickOverruns.Load()
	runtime.GC()
	running0 := runtime.NumGoroutine() // the server, its room, the honest player
	runtime.ReadMemStats(&ms)
	heapRunning0 := ms.HeapInuse

	work := make(chan *hostileCase)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for hc := range work {
				if err := hc.run(addr); err != nil {
					mu.Lock()
					t.Errorf("%s: %v", hc.name, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range cases {
		work <- &cases[i]
	}
	close(work)
	wg.Wait()

	honest.mu.Lock()
	gap, herr := honest.worstGap, honest.err
	honest.mu.Unlock()
	if herr != nil {
		t.Fatalf("the honest player: %v", herr)
	}
	if n := honest.measured.Load(); n < 10 {
		t.Fatalf("the honest player read %d snapshots during the suite", n)
	}
	// Every hostile player left the room (leaves reach it at its next tick).
	waitFor(t, 5*time.Second, "the room to hold the honest player alone", func() bool {
		got := srv.Rooms()
		return len(got) == 1 && got[0].Players == 1
	})
	overruns := srv.Metrics().TickOverruns.Load() - overruns0
	// While the server runs: every hostile connection's goroutines gone,
	// the heap back within a few MiB.
	waitFor(t, 10*time.Second, "the hostile connections' goroutines to end", func() bool {
		return runtime.NumGoroutine() <= running0
	})
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if grown := int64(ms.HeapInuse) - int64(heapRunning0); grown > 4<<20 {
		t.Errorf("the running server's heap in use grew by %d KiB over the suite (after a GC), want at most 4 MiB", grown>>10)
	} else {
		t.Logf("running server's heap in use after the suite and a GC: %+d KiB", grown>>10)
	}

	// Memory bounded and every goroutine gone once the server stops.
	_ = honest.ws.Close()
	stop()
	waitFor(t, 10*time.Second, "the goroutines to come back to their number before the suite", func() bool {
		return runtime.NumGoroutine() <= goroutines0
	})
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if grown := int64(ms.HeapInuse) - int64(heap0); grown > 4<<20 {
		t.Errorf("the heap in use grew by %d KiB from before the server started to after it stopped (after a GC), want at most 4 MiB", grown>>10)
	} else {
		t.Logf("heap in use, before the server started to after it stopped, after a GC: %+d KiB", grown>>10)
	}
	return gap, overruns
}

// startServerRaw starts a Server as startServer does, for a test that
// stops it itself (stopServer) to count what it leaves behind; a cleanup
// stops it anyway.
func startServerRaw(t *testing.T, mod func(*server.Config)) (*server.Server, *httptest.Server, func()) {
	t.Helper()
	cfg := server.Config{Maps: testMaps(), MapName: "test"}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	var once sync.Once
	stop := func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil {
				t.Errorf("Shutdown: %v", err)
			}
			hs.Close()
		})
	}
	t.Cleanup(stop)
	return srv, hs, stop
}
