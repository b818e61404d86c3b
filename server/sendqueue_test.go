package server

import (
	"bytes"
	"slices"
	"testing"
)

// TestSendQueue: reliable messages keep their order and go before the
// snapshot, a newer snapshot replaces an unsent one, and a full reliable
// queue refuses instead of blocking.
func TestSendQueue(t *testing.T) {
	t.Parallel()
	q := newSendQueue(2)
	if q.pushSnapshot([]byte("s1")) {
		t.Fatal("first snapshot reported as replacing")
	}
	src := []byte("r1")
	if !q.pushReliable(src) || !q.pushReliable([]byte("r2")) {
		t.Fatal("reliable refused below the limit")
	}
	src[0] = 'X' // the queue holds a copy
	if q.pushReliable([]byte("r3")) {
		t.Fatal("reliable accepted over the limit")
	}
	if !q.pushSnapshot([]byte("s2")) {
		t.Fatal("second snapshot not reported as replacing the first")
	}
	var got []string
	for {
		b, isSnap, ok := q.take()
		if !ok {
			break
		}
		got = append(got, string(b))
		if isSnap {
			q.recycle(b)
		}
	}
	if want := []string{"r1", "r2", "s2"}; !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
	// The recycled buffer is reused for the next snapshot.
	q.pushSnapshot([]byte("s3"))
	b, _, _ := q.take()
	if !bytes.Equal(b, []byte("s3")) {
		t.Fatalf("got %q", b)
	}
	q.close()
	if q.pushReliable([]byte("late")) {
		t.Fatal("closed queue accepted a message")
	}
}
