package client_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
)

// BenchmarkSnapshotReceive measures the client's receive path as a player
// runs it: a real Session on a loopback WebSocket reads a 16-player room's
// delta snapshots (everyone moving and turning, a shot event in each) and
// sends two inputs per snapshot. The server side is a bare wstest peer that
// writes pre-encoded frames and allocates nothing, so allocs/received is the
// client's own; it should be 0.
func BenchmarkSnapshotReceive(b *testing.B) {
	type op struct{ snapshot []byte }
	ops := make(chan op)
	ready := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := wstest.Accept(w, r, netcode.Subprotocol)
		if err != nil {
			ready <- err
			return
		}
		defer ws.Close()
		if _, err := ws.ReadMessage(); err != nil { // Hello
			ready <- err
			return
		}
		enc := netcode.NewEncoder()
		rules := arenaRules()
		if err := ws.WriteMessage(enc.Welcome(&netcode.Welcome{PlayerID: 1, RoomID: "r1", Map: "arena",
			Mode: game.ModeArena, TickRate: 60, SnapshotRate: 30, ServerTick: 100,
			ViewWidth: 1600, ViewHeight: 1040, Rules: rules})); err != nil {
			ready <- err
			return
		}
		go func() { // drain the client's Inputs and Pings
			for {
				if _, err := ws.ReadMessage(); err != nil {
					return
				}
			}
		}()
		ready <- nil
		for o := range ops {
			if err := ws.WriteMessage(o.snapshot); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	defer close(ops)

	s := dial(b, "ws"+strings.TrimPrefix(srv.URL, "http")+"/ws", "bench")
	if err := <-ready; err != nil {
		b.Fatal(err)
	}

	// The room: player 1 is the client, 2..16 the others.
	var prev, cur netcode.Frame
	visible := make([]game.PlayerID, 15)
	for i := range 16 {
		cur.Players = append(cur.Players, netcode.PlayerState{
			ID: game.PlayerID(i + 1), X: int32(400+61*i) * 16, Y: int32(300+37*i) * 16,
			Health: 100, Flags: netcode.FlagAlive,
		})
		if i > 0 {
			visible[i-1] = game.PlayerID(i + 1)
		}
	}
	prev.Players = make([]netcode.PlayerState, 16)
	cur.Tick = 100
	enc := netcode.NewEncoder()
	var snap netcode.Snapshot
	rcp := netcode.Recipient{Self: 1, Visible: visible, Steps: []uint32{1, 1}}
	seq := uint32(0)
	first := true
	next := func(i int) []byte {
		if !first {
			prev.Tick = cur.Tick
			copy(prev.Players, cur.Players)
			cur.Tick += 2
			for k := range cur.Players {
				p := &cur.Players[k]
				p.X += int32((i+k)%7*8 - 24)
				p.Y += int32((i*3+k)%5*8 - 16)
				p.Aim += uint16(300 * k)
			}
			rcp.Base, rcp.BaseVisible = &prev, visible
		}
		first = false
		seq += 2
		rcp.AckSeq = seq
		snap.Build(&cur, &rcp)
		snap.Events = append(snap.Events, netcode.Event{Kind: netcode.EventShot, Tick: cur.Tick - 1,
			Player: game.PlayerID(i%15 + 2), Other: 0, FromX: 900, FromY: 700, ToX: 1300, ToY: 640})
		return enc.Snapshot(&snap)
	}
	received := uint64(0)
	oneSnapshot := func(i int) {
		_ = s.SendInput(game.Input{MoveX: int8(i%255 - 127), Aim: uint16(i * 77)})
		_ = s.SendInput(game.Input{MoveY: 100, Aim: uint16(i * 79), Buttons: game.ButtonFire})
		ops <- op{next(i)}
		received++
		deadline := time.Now().Add(10 * time.Second)
		for s.Stats().SnapshotsReceived < received {
			select {
			case <-s.Done():
				b.Fatalf("session ended: %v", s.Err())
			default:
			}
			if time.Now().After(deadline) {
				b.Fatal("the client did not receive the snapshot")
			}
			runtime.Gosched()
		}
	}
	for i := range 200 {
		oneSnapshot(i)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		oneSnapshot(200 + i)
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N), "allocs/received")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N), "B/received")
	if st := s.Stats(); st.FullSnapshots != 1 {
		b.Fatalf("%d full snapshots, want 1", st.FullSnapshots)
	}
}
