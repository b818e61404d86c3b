package client

import (
	"testing"

	"arena/game"
	"arena/netcode"
)

func TestOutboxQueueKeepsOrderAndIsBounded(t *testing.T) {
	t.Parallel()
	o := newOutbox()
	src := []byte("ping")
	if err := o.push(src, false); err != nil {
		t.Fatal(err)
	}
	src[0] = 'X' // the outbox holds a copy
	o.signalInputs()
	if err := o.push([]byte("chat"), true); err != nil {
		t.Fatal(err)
	}
	if b := o.next(); string(b) != "ping" {
		t.Fatalf("next = %q, want ping", b)
	}
	if b := o.next(); string(b) != "chat" {
		t.Fatalf("next = %q, want chat", b)
	}
	if b := o.next(); b != nil {
		t.Fatalf("next = %q, want nothing", b)
	}
	if !o.takeInputs() || o.takeInputs() {
		t.Fatal("the inputs flag is not taken exactly once")
	}
	for i := range outboxQueue {
		if err := o.push([]byte{byte(i)}, false); err != nil {
			t.Fatalf("push %d: %v", i, err)
		}
	}
	if err := o.push([]byte("one too many"), true); err != errOutboxFull {
		t.Fatalf("push past the bound = %v, want errOutboxFull", err)
	}
}

// TestOutboxResetKeepsChat: a new link drops the lost link's Pings and
// inputs flag, and keeps the chat lines, in order.
func TestOutboxResetKeepsChat(t *testing.T) {
	t.Parallel()
	o := newOutbox()
	for _, m := range []struct {
		b    string
		keep bool
	}{{"ping1", false}, {"chat1", true}, {"ping2", false}, {"chat2", true}} {
		if err := o.push([]byte(m.b), m.keep); err != nil {
			t.Fatal(err)
		}
	}
	o.signalInputs()
	if !o.reset() {
		t.Fatal("reset kept nothing")
	}
	for _, want := range []string{"chat1", "chat2"} {
		if b := o.next(); string(b) != want {
			t.Fatalf("next = %q, want %q", b, want)
		}
	}
	if b := o.next(); b != nil {
		t.Fatalf("next = %q, want nothing", b)
	}
	if o.takeInputs() {
		t.Fatal("the inputs flag survived reset")
	}
	if o.reset() {
		t.Fatal("reset of an empty outbox kept something")
	}
}

// TestInputLogFill: the unwritten inputs come out oldest first, at most a
// message's worth, with consecutive seqs and their render ticks.
func TestInputLogFill(t *testing.T) {
	t.Parallel()
	var l inputLog
	var m netcode.Inputs
	if l.fill(&m) {
		t.Fatal("fill with nothing made")
	}
	for i := 1; i <= 40; i++ {
		l.add(game.Input{MoveX: int8(i)}, uint32(100+i))
	}
	l.queued = 40
	for want := uint32(1); want <= 40; {
		if !l.fill(&m) {
			t.Fatalf("nothing to fill at seq %d", want)
		}
		if m.N != min(netcode.MaxInputWindow, int(41-want)) {
			t.Fatalf("N = %d at seq %d", m.N, want)
		}
		for _, f := range m.Window() {
			if f.Seq != want || f.Input.MoveX != int8(want) || f.RenderTick != 100+want {
				t.Fatalf("frame %+v, want seq %d", f, want)
			}
			want++
		}
		l.written = want - 1
	}
	if l.fill(&m) {
		t.Fatal("fill after everything was written")
	}
}
