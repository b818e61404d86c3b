package client

import "testing"

func TestOutboxNewestInputsWinQueueKeepsOrder(t *testing.T) {
	t.Parallel()
	o := newOutbox()
	o.putInputs([]byte("inputs-1"))
	if err := o.push([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	o.putInputs([]byte("inputs-2")) // replaces inputs-1, unsent
	if err := o.push([]byte("chat")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		b, isInputs := o.next()
		if b == nil {
			break
		}
		got = append(got, string(b))
		if isInputs {
			o.recycle(b)
		}
	}
	want := []string{"ping", "chat", "inputs-2"}
	if len(got) != len(want) {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("wrote %q, want %q", got, want)
		}
	}
	if o.replacedCount() != 1 {
		t.Errorf("replaced = %d, want 1", o.replacedCount())
	}
	// The recycled buffer is reused and does not alias a queued message.
	o.putInputs([]byte("inputs-3"))
	if b, _ := o.next(); string(b) != "inputs-3" {
		t.Errorf("next = %q, want inputs-3", b)
	}
}

func TestOutboxQueueIsBounded(t *testing.T) {
	t.Parallel()
	o := newOutbox()
	for i := range outboxQueue {
		if err := o.push([]byte{byte(i)}); err != nil {
			t.Fatalf("push %d: %v", i, err)
		}
	}
	if err := o.push([]byte("one too many")); err != errOutboxFull {
		t.Fatalf("push past the bound = %v, want errOutboxFull", err)
	}
}
