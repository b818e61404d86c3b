package server

import (
	"bytes"
	"slices"
	"testing"
)

// pushSnapshot puts payload in q as the room does and returns the baseline
// it was offered.
func pushSnapshot(q *sendQueue, payload []byte, tick uint32) (taken uint32, replaced, direct bool) {
	taken, buf, ok := q.beginSnapshot()
	if !ok {
		return 0, false, false
	}
	frame := appendFrame(buf, frameBinary, payload)
	replaced, written := q.endSnapshot(frame, tick)
	return taken, replaced, written == len(frame)
}

// drain takes everything as the writer would and returns the payloads.
func drain(q *sendQueue) []string {
	var got []string
	for {
		b, isSnap, ok := q.take()
		if !ok {
			return got
		}
		got = append(got, string(framePayload(b)))
		q.done(b, isSnap)
	}
}

// TestSendQueue: reliable frames keep their order and go before the
// snapshot, a newer snapshot replaces an unsent one, the queue reports the
// last snapshot the writer took, and a full reliable queue refuses instead
// of blocking.
func TestSendQueue(t *testing.T) {
	t.Parallel()
	q := newSendQueue(2, nil)
	if taken, replaced, _ := pushSnapshot(q, []byte("s1"), 10); replaced || taken != 0 {
		t.Fatalf("first snapshot: taken %d replaced %v", taken, replaced)
	}
	src := []byte("r1")
	if !q.pushReliable(src) || !q.pushReliable([]byte("r2")) {
		t.Fatal("reliable refused below the limit")
	}
	src[0] = 'X' // the queue holds a copy
	if q.pushReliable([]byte("r3")) {
		t.Fatal("reliable accepted over the limit")
	}
	if _, replaced, _ := pushSnapshot(q, []byte("s2"), 12); !replaced {
		t.Fatal("second snapshot not reported as replacing the first")
	}
	if got, want := drain(q), []string{"r1", "r2", "s2"}; !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
	if q.takenTick() != 12 {
		t.Fatalf("taken tick %d, want 12 (s1 was replaced unsent)", q.takenTick())
	}
	if taken, _, _ := pushSnapshot(q, []byte("s3"), 14); taken != 12 {
		t.Fatalf("baseline offered %d, want 12", taken)
	}
	b, _, _ := q.take()
	if !bytes.Equal(framePayload(b), []byte("s3")) {
		t.Fatalf("got %q", b)
	}
	q.close()
	if q.pushReliable([]byte("late")) {
		t.Fatal("closed queue accepted a message")
	}
	if _, _, ok := q.beginSnapshot(); ok {
		t.Fatal("closed queue offered a snapshot slot")
	}
}

// TestSendQueueDirect: with the writer idle, a snapshot goes straight to the
// socket; a socket that takes only part of it leaves the rest to the
// writer, ahead of everything; a full socket, or a busy writer, sends it
// through the slot.
func TestSendQueueDirect(t *testing.T) {
	t.Parallel()
	var wire bytes.Buffer
	room := 1 << 20 // bytes the socket takes before it is full
	q := newSendQueue(4, func(b []byte) (int, error) {
		n := min(len(b), room)
		room -= n
		wire.Write(b[:n])
		if n == 0 {
			return 0, errWouldBlock
		}
		return n, nil
	})
	if _, _, direct := pushSnapshot(q, []byte("s1"), 2); !direct || q.takenTick() != 2 {
		t.Fatalf("direct %v taken %d: want s1 written by the direct path", direct, q.takenTick())
	}
	if got := drain(q); len(got) != 0 {
		t.Fatalf("the writer got %q", got)
	}
	// Room for 3 bytes: the frame's header and one byte go.
	room = 3
	if _, _, direct := pushSnapshot(q, []byte("s2-long"), 4); direct || q.takenTick() != 4 {
		t.Fatalf("direct %v taken %d: want s2 begun and taken", direct, q.takenTick())
	}
	// Until the writer finished, nothing else goes direct.
	room = 1 << 20
	q.pushReliable([]byte("r1"))
	if taken, _, direct := pushSnapshot(q, []byte("s3"), 6); direct || taken != 4 {
		t.Fatalf("direct %v baseline %d: want the slot, against s2", direct, taken)
	}
	b, isSnap, _ := q.take()
	if !isSnap || string(b) != "2-long" {
		t.Fatalf("writer took %q first, want the rest of s2", b)
	}
	wire.Write(b)
	q.done(b, isSnap)
	if got, want := drain(q), []string{"r1", "s3"}; !slices.Equal(got, want) {
		t.Fatalf("then %q, want %q", got, want)
	}
	// The wire holds s1 then s2, whole.
	want := appendFrame(appendFrame(nil, frameBinary, []byte("s1")), frameBinary, []byte("s2-long"))
	if !bytes.Equal(wire.Bytes(), want) {
		t.Fatalf("wire % x, want % x", wire.Bytes(), want)
	}
	// A full socket: the slot.
	room = 0
	if _, _, direct := pushSnapshot(q, []byte("s4"), 8); direct {
		t.Fatal("direct write reported on a full socket")
	}
	if got := drain(q); !slices.Equal(got, []string{"s4"}) {
		t.Fatalf("writer got %q, want s4", got)
	}
}

// TestAppendFrame checks the three header lengths against RFC 6455.
func TestAppendFrame(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 125, 126, 65535, 65536} {
		f := appendFrame(nil, frameBinary, make([]byte, n))
		if f[0] != 0x82 || len(framePayload(f)) != n {
			t.Fatalf("%d bytes: header % x, payload %d", n, f[:min(10, len(f))], len(framePayload(f)))
		}
		hdr := len(f) - n
		if want := map[bool]int{true: 2}[n < 126] + map[bool]int{true: 4}[n >= 126 && n < 65536] + map[bool]int{true: 10}[n >= 65536]; hdr != want {
			t.Fatalf("%d bytes: %d header bytes, want %d", n, hdr, want)
		}
	}
}
