package soak

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
	"syscall"

	"arena/client"
	"arena/netcode"
	"arena/netcode/wstest"
)

// tally counts things by label; it may be used concurrently.
type tally struct {
	mu sync.Mutex // guards m
	m  map[string]int
}

func newTally() *tally { return &tally{m: make(map[string]int)} }

// add counts one of label.
func (t *tally) add(label string) {
	t.mu.Lock()
	t.m[label]++
	t.mu.Unlock()
}

// snapshot returns a copy of the counts.
func (t *tally) snapshot() map[string]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return maps.Clone(t.m)
}

// String lists the counts as "label: n, ...", labels sorted, or "none".
func (t *tally) String() string {
	m := t.snapshot()
	if len(m) == 0 {
		return "none"
	}
	var b strings.Builder
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %d", k, m[k])
	}
	return b.String()
}

// describe names how a connection or session ended, in a few words that
// group alike endings: "4000 bad message", "reset", "EOF".
func describe(err error) string {
	var ce *client.CloseError
	var we *wstest.CloseError
	switch {
	case err == nil:
		return "no error"
	case errors.As(err, &ce):
		return closeLabel(uint16(ce.Code))
	case errors.As(err, &we):
		return closeLabel(we.Code)
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, syscall.EPIPE):
		return "broken pipe: the server had closed it"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "EOF"
	case errors.Is(err, net.ErrClosed):
		return "closed by us"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	s := err.Error()
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return s
}

// closeLabel is a close code with its name: "1008 policy violation".
func closeLabel(code uint16) string {
	return fmt.Sprintf("%d %s", code, netcode.CloseCode(code))
}
