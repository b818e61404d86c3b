//go:build unix

package rawsock_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"arena/netcode/rawsock"
)

// pair returns a detached socket and the net.Conn at its other end, over
// real loopback TCP.
func pair(t *testing.T) (rawsock.Socket, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept() // nil on error
		accepted <- c
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	peer := <-accepted
	if peer == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { peer.Close() })
	s, err := rawsock.Detach(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("the net.Conn after Detach wrote: %v, want net.ErrClosed", err)
	}
	return s, peer
}

// readEventually reads s until it has want bytes, for a second at most.
func readEventually(t *testing.T, s rawsock.Socket, want int) []byte {
	t.Helper()
	var got []byte
	buf := make([]byte, 4096)
	for deadline := time.Now().Add(time.Second); len(got) < want && time.Now().Before(deadline); {
		n, err := s.Read(buf)
		switch {
		case errors.Is(err, rawsock.ErrWouldBlock):
			time.Sleep(time.Millisecond)
		case err != nil:
			t.Fatalf("read after %d bytes: %v", len(got), err)
		}
		got = append(got, buf[:n]...)
	}
	return got
}

func TestReadWriteWithoutWaiting(t *testing.T) {
	t.Parallel()
	s, peer := pair(t)
	defer s.Close()

	// Nothing to read: at once, ErrWouldBlock.
	start := time.Now()
	if n, err := s.Read(make([]byte, 16)); n != 0 || !errors.Is(err, rawsock.ErrWouldBlock) {
		t.Fatalf("empty socket: %d, %v; want 0, ErrWouldBlock", n, err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("an empty read took %v", d)
	}

	// The socket stayed open through Detach: both directions flow.
	if _, err := peer.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	if got := readEventually(t, s, 5); string(got) != "hello" {
		t.Errorf("read %q, want hello", got)
	}
	if n, err := s.Write([]byte("world")); n != 5 || err != nil {
		t.Fatalf("write: %d, %v", n, err)
	}
	got := make([]byte, 5)
	_ = peer.SetReadDeadline(time.Now().Add(time.Second))
	if _, err := io.ReadFull(peer, got); err != nil || string(got) != "world" {
		t.Errorf("peer read %q, %v; want world", got, err)
	}

	// A read shorter than the buffer leaves the socket empty.
	if _, err := peer.Write([]byte("abc")); err != nil {
		t.Fatal(err)
	}
	if got := readEventually(t, s, 3); string(got) != "abc" {
		t.Errorf("read %q, want abc", got)
	}
	if _, err := s.Read(make([]byte, 16)); !errors.Is(err, rawsock.ErrWouldBlock) {
		t.Errorf("after a short read: %v, want ErrWouldBlock", err)
	}
}

func TestPeerCloseIsEOF(t *testing.T) {
	t.Parallel()
	s, peer := pair(t)
	defer s.Close()
	if _, err := peer.Write([]byte("last")); err != nil {
		t.Fatal(err)
	}
	peer.Close()
	// What came before the end is read first, then io.EOF.
	if got := readEventually(t, s, 4); string(got) != "last" {
		t.Fatalf("read %q, want last", got)
	}
	var err error
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if _, err = s.Read(make([]byte, 16)); !errors.Is(err, rawsock.ErrWouldBlock) {
			break
		}
	}
	if err != io.EOF {
		t.Errorf("after the peer closed: %v, want io.EOF", err)
	}
}

// TestFullSendBuffer: a peer that does not read fills the send buffer;
// Write then takes part or none and says so, never waiting, and what it
// took arrives whole and in order.
func TestFullSendBuffer(t *testing.T) {
	t.Parallel()
	s, peer := pair(t)
	defer s.Close()
	chunk := make([]byte, 64<<10)
	var sent bytes.Buffer
	full := false
	for i := 0; i < 1024 && !full; i++ {
		for j := range chunk {
			chunk[j] = byte(i + j)
		}
		start := time.Now()
		n, err := s.Write(chunk)
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Fatalf("a write took %v", d)
		}
		switch {
		case errors.Is(err, rawsock.ErrWouldBlock):
			if n != 0 {
				t.Fatalf("ErrWouldBlock with %d bytes taken", n)
			}
			full = true
		case err != nil:
			t.Fatal(err)
		}
		sent.Write(chunk[:n])
	}
	if !full {
		t.Fatalf("64 MiB written to a peer that reads nothing and never ErrWouldBlock")
	}
	got := make([]byte, sent.Len())
	_ = peer.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.ReadFull(peer, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, sent.Bytes()) {
		t.Error("the peer read other bytes than those written")
	}
}

func TestDetachNeedsAFileDescriptor(t *testing.T) {
	t.Parallel()
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	if _, err := rawsock.Detach(a); err == nil {
		t.Fatal("an in-memory pipe detached")
	}
	// a is left open.
	go func() { _, _ = b.Read(make([]byte, 1)) }()
	if _, err := a.Write([]byte("x")); err != nil {
		t.Errorf("the pipe after a failed Detach: %v", err)
	}
}
