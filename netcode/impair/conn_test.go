package impair_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"arena/netcode/impair"
)

// slack is how much later than modelled a byte may arrive: timers, the
// scheduler and the race detector on a loaded 2-core machine.
const slack = 150 * time.Millisecond

// tcpPair returns the two ends of a real loopback TCP connection, closed
// at the end of the test.
func tcpPair(t *testing.T) (client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			accepted <- nil
			return
		}
		accepted <- c
	}()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-accepted
	if server == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

// within fails the test unless lo <= d < hi.
func within(t *testing.T, what string, d, lo, hi time.Duration) {
	t.Helper()
	if d < lo || d >= hi {
		t.Errorf("%s took %v, want %v..%v", what, d, lo, hi)
	}
}

// readFull reads len(b) bytes with a deadline that ends a broken test.
func readFull(t *testing.T, c net.Conn, b []byte) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatalf("read: %v", err)
	}
	_ = c.SetReadDeadline(time.Time{})
}

func TestPassthroughWhenZero(t *testing.T) {
	t.Parallel()
	a, _ := tcpPair(t)
	if c := impair.Wrap(a, impair.Link{}, impair.Link{}, 1); c != a {
		t.Errorf("Wrap with zero Links = %T, want the connection itself", c)
	}
	if c := impair.Client(a, impair.Config{Seed: 5}); c != a {
		t.Errorf("Client with a zero Config = %T, want the connection itself", c)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if l := impair.Listen(ln, impair.Config{}); l != ln {
		t.Errorf("Listen with a zero Config = %T, want the listener itself", l)
	}
}

// TestZeroDirectionPassesThrough: only the impaired direction is delayed.
func TestZeroDirectionPassesThrough(t *testing.T) {
	t.Parallel()
	a, b := tcpPair(t)
	c := impair.Wrap(a, impair.Link{}, impair.Link{Latency: 300 * time.Millisecond}, 1)
	buf := make([]byte, 4)
	start := time.Now()
	if _, err := b.Write([]byte("fast")); err != nil {
		t.Fatal(err)
	}
	readFull(t, c, buf)
	within(t, "a read through the zero Link", time.Since(start), 0, slack)
}

func TestLatency(t *testing.T) {
	t.Parallel()
	const lat = 100 * time.Millisecond
	link := impair.Link{Latency: lat}
	for _, tc := range []struct {
		name        string
		read, write impair.Link
	}{
		{"write", impair.Link{}, link},
		{"read", link, impair.Link{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := tcpPair(t)
			c := impair.Wrap(a, tc.read, tc.write, 1)
			// a impaired on tc.name: it writes to b, or reads from b.
			src, dst := c, b
			if tc.name == "read" {
				src, dst = b, c
			}
			buf := make([]byte, 5)
			for range 3 {
				start := time.Now()
				if _, err := src.Write([]byte("hello")); err != nil {
					t.Fatal(err)
				}
				// Write never waits for the latency: the bytes are queued.
				within(t, "Write", time.Since(start), 0, lat/2)
				readFull(t, dst, buf)
				within(t, "one way", time.Since(start), lat, lat+slack)
			}
		})
	}
}

// TestOrderKeptUnderJitter: thousands of small writes, jitter much larger
// than the time between them, and every byte arrives in order.
func TestOrderKeptUnderJitter(t *testing.T) {
	t.Parallel()
	a, b := tcpPair(t)
	c := impair.Wrap(a, impair.Link{}, impair.Link{Latency: 20 * time.Millisecond, Jitter: 15 * time.Millisecond}, 3)
	const n = 5000
	go func() {
		var w [4]byte
		for i := range n {
			binary.BigEndian.PutUint32(w[:], uint32(i))
			if _, err := c.Write(w[:]); err != nil {
				return
			}
			if i%100 == 0 {
				time.Sleep(time.Millisecond) // spread over several jitter draws
			}
		}
	}()
	got := make([]byte, 4*n)
	readFull(t, b, got)
	for i := range n {
		if v := binary.BigEndian.Uint32(got[4*i:]); v != uint32(i) {
			t.Fatalf("word %d is %d: bytes out of order", i, v)
		}
	}
}

// TestLossStalls: a lost write waits the stall on top of the latency;
// without loss, nothing stalls.
func TestLossStalls(t *testing.T) {
	t.Parallel()
	const lat, stall = 20 * time.Millisecond, 250 * time.Millisecond
	for _, tc := range []struct {
		name string
		loss float64
		want time.Duration
	}{
		{"lost", 1, lat + stall},
		{"kept", 0, lat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := tcpPair(t)
			c := impair.Wrap(a, impair.Link{}, impair.Link{Latency: lat, Loss: tc.loss, Stall: stall}, 1)
			buf := make([]byte, 1)
			for range 3 {
				start := time.Now()
				if _, err := c.Write([]byte{1}); err != nil {
					t.Fatal(err)
				}
				readFull(t, b, buf)
				within(t, "a write", time.Since(start), tc.want, tc.want+slack)
			}
		})
	}
}

// TestLossHoldsBackTheDirection: with a third of the writes lost, a
// stream of writes sees each stall as head-of-line blocking: the writes
// behind a lost one wait for it although they were not lost themselves,
// and all arrive, in order.
func TestLossHoldsBackTheDirection(t *testing.T) {
	t.Parallel()
	const lat, stall, gap = 10 * time.Millisecond, 200 * time.Millisecond, 20 * time.Millisecond
	a, b := tcpPair(t)
	c := impair.Wrap(a, impair.Link{}, impair.Link{Latency: lat, Loss: 0.3, Stall: stall}, 11)
	const n = 40
	go func() {
		var w [12]byte // the write's number and when it was written
		for i := range n {
			binary.BigEndian.PutUint32(w[:], uint32(i))
			binary.BigEndian.PutUint64(w[4:], uint64(time.Now().UnixNano()))
			if _, err := c.Write(w[:]); err != nil {
				return
			}
			time.Sleep(gap)
		}
	}()
	var w [12]byte
	lost, held := 0, 0
	for i := range n {
		readFull(t, b, w[:])
		if got := binary.BigEndian.Uint32(w[:]); got != uint32(i) {
			t.Fatalf("write %d arrived as %d", i, got)
		}
		waited := time.Since(time.Unix(0, int64(binary.BigEndian.Uint64(w[4:]))))
		switch {
		case waited >= lat+stall:
			lost++
		case waited >= lat+stall/4:
			held++ // not lost itself (it would have waited the whole stall): behind one that was
		}
	}
	if lost < n/10 || lost > n/2 {
		t.Errorf("%d of %d writes waited a whole stall, want about a third", lost, n)
	}
	if held == 0 {
		t.Errorf("no write waited behind a lost one (%d lost)", lost)
	}
}

func TestBandwidthCap(t *testing.T) {
	t.Parallel()
	const bw, size = 200_000, 100_000 // half a second of link
	want := time.Duration(size) * time.Second / bw
	for _, tc := range []struct {
		name        string
		read, write impair.Link
	}{
		{"write", impair.Link{}, impair.Link{Bandwidth: bw}},
		{"read", impair.Link{Bandwidth: bw}, impair.Link{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := tcpPair(t)
			c := impair.Wrap(a, tc.read, tc.write, 1)
			src, dst := c, b
			if tc.name == "read" {
				src, dst = b, c
			}
			data := bytes.Repeat([]byte("0123456789"), size/10)
			start := time.Now()
			go src.Write(data)
			got := make([]byte, size)
			// The first segment arrives long before the last: the bytes
			// trickle out rather than arrive whole at the end.
			readFull(t, dst, got[:1000])
			within(t, "the first 1000 bytes", time.Since(start), 0, want/2)
			readFull(t, dst, got[1000:])
			within(t, "all bytes", time.Since(start), want*95/100, want+slack)
			if !bytes.Equal(got, data) {
				t.Error("bytes changed on the way")
			}
		})
	}
}

func TestResetClosesBothSides(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		link  impair.Link
		reset func(net.Conn) // resets the impaired side
	}{
		{"on demand", impair.Link{Latency: time.Millisecond}, func(c net.Conn) { impair.Reset(c) }},
		{"drawn", impair.Link{Reset: 1}, func(c net.Conn) {
			if _, err := c.Write([]byte("x")); !errors.Is(err, impair.ErrReset) {
				t.Errorf("Write with Reset 1 = %v, want ErrReset", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := tcpPair(t)
			c := impair.Wrap(a, tc.link, tc.link, 1)
			readErr := make(chan error, 1)
			go func() { // blocked in Read when the reset comes
				_, err := c.Read(make([]byte, 1))
				readErr <- err
			}()
			time.Sleep(20 * time.Millisecond)
			tc.reset(c)
			select {
			case err := <-readErr:
				if !errors.Is(err, impair.ErrReset) || !errors.Is(err, syscall.ECONNRESET) {
					t.Errorf("blocked Read = %v, want ErrReset (and ECONNRESET)", err)
				}
			case <-time.After(slack):
				t.Fatal("a blocked Read did not see the reset")
			}
			if _, err := c.Write([]byte("x")); !errors.Is(err, impair.ErrReset) {
				t.Errorf("Write after reset = %v, want ErrReset", err)
			}
			// The peer sees a TCP reset, not an orderly end.
			_ = b.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err := b.Read(make([]byte, 1))
			if !errors.Is(err, syscall.ECONNRESET) {
				t.Errorf("peer Read after reset = %v, want ECONNRESET", err)
			}
			if err := c.Close(); err != nil {
				t.Errorf("Close after reset = %v", err)
			}
		})
	}
}

func TestReadDeadline(t *testing.T) {
	t.Parallel()
	const lat = 300 * time.Millisecond
	a, b := tcpPair(t)
	c := impair.Wrap(a, impair.Link{Latency: lat}, impair.Link{}, 1)
	if _, err := b.Write([]byte("late")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = c.SetReadDeadline(start.Add(50 * time.Millisecond))
	buf := make([]byte, 4)
	_, err := c.Read(buf)
	var ne net.Error
	if !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("Read past its deadline = %v, want a timeout with os.ErrDeadlineExceeded", err)
	}
	within(t, "Read until its deadline", time.Since(start), 50*time.Millisecond, 50*time.Millisecond+slack)

	// A deadline moved into the past wakes a blocked Read at once (net/http
	// does this to take a connection back from its background read).
	readErr := make(chan error, 1)
	_ = c.SetReadDeadline(time.Time{})
	go func() { _, err := c.Read(buf); readErr <- err }()
	time.Sleep(20 * time.Millisecond)
	woken := time.Now()
	_ = c.SetReadDeadline(time.Unix(1, 0))
	select {
	case err := <-readErr:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("woken Read = %v", err)
		}
		within(t, "waking a blocked Read", time.Since(woken), 0, slack)
	case <-time.After(lat):
		t.Fatal("a deadline in the past did not wake the blocked Read")
	}

	// The bytes were not lost to the timeouts.
	_ = c.SetReadDeadline(time.Time{})
	readFull(t, c, buf)
	if string(buf) != "late" {
		t.Errorf("read %q after the timeouts, want %q", buf, "late")
	}
	within(t, "the delayed bytes", time.Since(start), lat, lat+slack)
}

// TestWriteDeadline: a peer that does not read fills the queue (and the
// sockets' buffers behind it); then Write blocks, until its deadline.
func TestWriteDeadline(t *testing.T) {
	t.Parallel()
	a, _ := tcpPair(t)
	c := impair.Wrap(a, impair.Link{}, impair.Link{Latency: time.Millisecond}, 1)
	chunk := make([]byte, 256<<10)
	deadline := time.Now().Add(2 * time.Second)
	_ = c.SetWriteDeadline(deadline)
	total := 0
	var err error
	for err == nil && total < 64<<20 {
		var n int
		n, err = c.Write(chunk)
		total += n
	}
	var ne net.Error
	if !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("Write to a peer that does not read = %v after %d bytes, want a timeout", err, total)
	}
	if late := time.Since(deadline); late < 0 || late > slack {
		t.Errorf("Write returned %v after its deadline", late)
	}
	if total < 4<<20 {
		t.Errorf("Write blocked after %d bytes, want the 4 MiB queue filled first", total)
	}
}

// TestCloseIsPromptAndFlushes: Close returns at once and wakes a blocked
// Read; bytes already written still reach the peer when due, then EOF.
func TestCloseIsPromptAndFlushes(t *testing.T) {
	t.Parallel()
	const lat = 100 * time.Millisecond
	for _, tc := range []struct {
		name string
		read impair.Link
	}{
		{"both ways", impair.Link{Latency: lat}},
		{"write only", impair.Link{}}, // Read passes through to the socket
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := tcpPair(t)
			c := impair.Wrap(a, tc.read, impair.Link{Latency: lat}, 1)
			readErr := make(chan error, 1)
			go func() { _, err := c.Read(make([]byte, 1)); readErr <- err }()
			if _, err := c.Write([]byte("last words")); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond) // the Read is blocked
			start := time.Now()
			if err := c.Close(); err != nil {
				t.Fatalf("Close = %v", err)
			}
			within(t, "Close", time.Since(start), 0, lat/2)
			select {
			case err := <-readErr:
				if !errors.Is(err, net.ErrClosed) {
					t.Errorf("Read blocked at Close = %v, want net.ErrClosed", err)
				}
			case <-time.After(lat / 2):
				t.Fatal("Close did not wake a blocked Read")
			}
			if _, err := c.Read(make([]byte, 1)); !errors.Is(err, net.ErrClosed) {
				t.Errorf("Read after Close = %v, want net.ErrClosed", err)
			}
			if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
				t.Errorf("Write after Close = %v, want net.ErrClosed", err)
			}
			if err := c.Close(); !errors.Is(err, net.ErrClosed) {
				t.Errorf("second Close = %v, want net.ErrClosed", err)
			}
			_ = b.SetReadDeadline(time.Now().Add(5 * time.Second))
			got, err := io.ReadAll(b)
			if string(got) != "last words" || err != nil {
				t.Errorf("peer read %q, %v; want the last words, then EOF", got, err)
			}
			within(t, "the last words", time.Since(start), lat*8/10, lat+slack)
		})
	}
}

// TestConcurrentUse: one goroutine writes, another reads, a third moves
// deadlines, both ways at once (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	a, b := tcpPair(t)
	link := impair.Link{Latency: 5 * time.Millisecond, Jitter: 5 * time.Millisecond, Loss: 0.05, Stall: 20 * time.Millisecond, Bandwidth: 1 << 20}
	cfg := impair.Config{Up: link, Down: link, Seed: 9}
	client, server := impair.Client(a, cfg), impair.Server(b, cfg)
	const n = 200_000
	data := bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 7}, n/7)
	done := make(chan error, 4)
	stop := make(chan struct{})
	for _, c := range []net.Conn{client, server} {
		go func() {
			for i := 0; i < len(data); i += 1000 {
				if _, err := c.Write(data[i:min(i+1000, len(data))]); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		go func() {
			got := make([]byte, len(data))
			_, err := io.ReadFull(c, got)
			if err == nil && !bytes.Equal(got, data) {
				err = errors.New("bytes changed")
			}
			done <- err
		}()
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(time.Millisecond):
					_ = c.SetDeadline(time.Now().Add(10 * time.Second))
				}
			}
		}()
	}
	for range 4 {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("the transfer did not finish")
		}
	}
	close(stop)
}

// TestGoroutinesStop: once closed (with bytes still in flight) or reset,
// a connection's goroutines end. Not parallel, so that the count is this
// test's own.
func TestGoroutinesStop(t *testing.T) {
	before := runtime.NumGoroutine()
	link := impair.Link{Latency: 30 * time.Millisecond, Jitter: 10 * time.Millisecond}
	for i := range 10 {
		a, b := tcpPair(t)
		c := impair.Wrap(a, link, link, uint64(i))
		if _, err := c.Write([]byte("in flight")); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			c.Close()
		} else {
			impair.Reset(c)
		}
		b.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after closing:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
