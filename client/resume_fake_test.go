package client_test

// The resume's wire contract against the fake server (docs/protocol.md,
// "Resuming a session"), where the test sees every message.

import (
	"bytes"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

// welcomeResumable sends a Welcome for player id that carries token and a
// resume grace of 10 s.
func (f *fakeConn) welcomeResumable(id uint16, token []byte) {
	f.self = game.PlayerID(id)
	rules := append(arenaRules(), netcode.Rule{Name: netcode.RuleResumeGraceTicks, Value: 600})
	f.send(f.enc.Welcome(&netcode.Welcome{
		PlayerID: game.PlayerID(id), RoomID: "r1", Map: "arena", Mode: game.ModeArena,
		TickRate: 60, SnapshotRate: 30, ServerTick: 100, ViewWidth: 1600, ViewHeight: 1040,
		Rules: rules, ResumeToken: token,
	}))
}

// TestResumeWireContract: a link the server closes with 4003 is resumed
// on a new connection whose Hello carries the token; the first Inputs on
// it starts right after the ack seq of the newest snapshot applied (the
// inputs in flight at the cut written again) with ack_tick 0, since no
// snapshot has arrived on that link yet; after the full snapshot, ack_tick
// names it. The second Welcome's token is the one used next.
func TestResumeWireContract(t *testing.T) {
	t.Parallel()
	type firstInputs struct {
		hello netcode.Hello
		in    netcode.Inputs
	}
	second := make(chan firstInputs, 1)
	ackAfter := make(chan uint32, 1)
	me := []netcode.PlayerState{{ID: 7, Flags: netcode.FlagAlive}}
	var conns atomic.Int32
	url := newFakeServer(t, func(f *fakeConn) {
		n := conns.Add(1)
		var m netcode.ClientMessage
		switch n {
		case 1:
			f.welcomeResumable(7, []byte("token-one-16byte"))
			f.frame(&netcode.Frame{Tick: 102, Players: me}, 0, nil, nil)
			for f.recv(&m) == nil {
				if m.Type == netcode.MsgInput {
					if w := m.Input.Window(); w[len(w)-1].Seq >= 6 {
						break
					}
				}
			}
			f.frame(&netcode.Frame{Tick: 104, Players: me}, 2, nil, nil) // consumed up to seq 2, one a tick
			for f.recv(&m) == nil {
				if m.Type == netcode.MsgInput {
					if w := m.Input.Window(); w[len(w)-1].Seq >= 10 {
						break
					}
				}
			}
			f.c.Close(websocket.StatusCode(netcode.CloseSlowConsumer), "too slow")
		case 2:
			hello := f.hello
			f.welcomeResumable(7, []byte("token-two-16byte"))
			for f.recv(&m) == nil && m.Type != netcode.MsgInput {
			}
			second <- firstInputs{hello, m.Input}
			f.frame(&netcode.Frame{Tick: 140, Players: me}, 5, nil, nil)
			for f.recv(&m) == nil {
				if m.Type == netcode.MsgInput && m.Input.AckTick != 0 {
					ackAfter <- m.Input.AckTick
					break
				}
			}
			untilClosed(f)
		default:
			t.Errorf("connection %d: want two", n)
		}
	})
	s := dial(t, url, "resumer")
	waitFor(t, "a snapshot", func() bool { return s.Stats().SnapshotsReceived > 0 })
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if s.SendInput(game.Input{MoveX: 1}) != nil {
					return
				}
			}
		}
	}()
	var got firstInputs
	select {
	case got = <-second:
	case <-time.After(5 * time.Second):
		t.Fatal("no Inputs on a second connection")
	}
	if !bytes.Equal(got.hello.ResumeToken, []byte("token-one-16byte")) || got.hello.Name != "resumer" {
		t.Errorf("resume Hello = %+v, want the first Welcome's token", got.hello)
	}
	if w := got.in.Window(); len(w) == 0 || w[0].Seq != 3 {
		t.Errorf("first Inputs after the resume starts at seq %d, want 3 (after ack seq 2)", w[0].Seq)
	}
	if got.in.AckTick != 0 {
		t.Errorf("first Inputs after the resume acks tick %d, want 0 (no snapshot on this link yet)", got.in.AckTick)
	}
	select {
	case ack := <-ackAfter:
		if ack != 140 {
			t.Errorf("ack_tick after the full snapshot = %d, want 140", ack)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no Inputs acknowledging the new link's snapshot")
	}
	st := s.Stats()
	if st.Resumes != 1 || st.Reconnecting || !bytes.Equal(s.Welcome().ResumeToken, []byte("token-two-16byte")) {
		t.Errorf("resumes %d, reconnecting %v, token %q; want 1, false, the second", st.Resumes, st.Reconnecting, s.Welcome().ResumeToken)
	}
	if s.Err() != nil {
		t.Errorf("Err = %v after a resume", s.Err())
	}
}
