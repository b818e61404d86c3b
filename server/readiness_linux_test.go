package server

import (
	"syscall"
	"testing"
)

// TestReadiness: a watched socket is reported while it has bytes to read,
// and not before or after.
func TestReadiness(t *testing.T) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fds[1])
	rd := newReadiness(4)
	if rd == nil {
		t.Fatal("no epoll")
	}
	defer rd.close()
	if err := rd.watch(socket(fds[0]), 7); err != nil {
		t.Fatal(err)
	}
	keys := func() (got []int32) {
		if !rd.ready(func(k int32) { got = append(got, k) }) {
			t.Fatal("ready failed")
		}
		return got
	}
	if k := keys(); len(k) != 0 {
		t.Fatalf("nothing sent, reported %v", k)
	}
	if _, err := syscall.Write(fds[1], []byte("hi")); err != nil {
		t.Fatal(err)
	}
	for range 2 { // level-triggered: reported until read
		if k := keys(); len(k) != 1 || k[0] != 7 {
			t.Fatalf("bytes waiting, reported %v, want [7]", k)
		}
	}
	buf := make([]byte, 8)
	if n, _ := syscall.Read(fds[0], buf); n != 2 {
		t.Fatalf("read %d", n)
	}
	if k := keys(); len(k) != 0 {
		t.Fatalf("all read, reported %v", k)
	}
	// A closed socket leaves the set by itself.
	syscall.Write(fds[1], []byte("x"))
	syscall.Close(fds[0])
	if k := keys(); len(k) != 0 {
		t.Fatalf("closed, reported %v", k)
	}
}
