package server_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
	"arena/server"
)

// The join storm's figures.
const (
	stormClients  = 1000
	stormCapacity = 8
	// stormTimeout bounds each client's wait for its Welcome or close
	// once every Hello is out; a client still waiting then hangs.
	stormTimeout = 30 * time.Second
)

// stormOutcome is how one client of the storm ended.
type stormOutcome struct {
	welcome netcode.Welcome // when joined
	code    uint16          // the close code when refused
	reason  string
	err     error // neither Welcome nor a close frame: a hang or a reset
}

// TestJoinStorm: 1000 clients connect, then all say Hello at once into
// rooms of capacity 8. No room is ever seen over 8 players, while the
// storm lasts (Server.Rooms sampled all along) or at its end (Welcomes
// counted per room id, RoomInfo); player ids are unique within each room;
// and every client ends with a Welcome or with a close code of the
// documented table and a reason, never a hang or a reset. On loopback,
// exempt from the per-address limits and under the global cap of 10000,
// every join succeeds, in ceil(1000/8) = 125 rooms.
func TestJoinStorm(t *testing.T) {
	t.Parallel()
	srv, hs, _ := startServer(t, func(c *server.Config) {
		c.RoomCapacity = stormCapacity
		c.HelloTimeout = time.Minute // the dials before the barrier take a while under -race
		c.ResumeGrace = server.ResumeOff
	})
	addr := hs.Listener.Addr().String()

	// Connect everyone first (at most 64 handshakes at a time, as a
	// burst of new players would come), then release every Hello at once.
	peers := make([]*wstest.Conn, stormClients)
	var wg sync.WaitGroup
	var dialErr atomic.Pointer[error]
	sem := make(chan struct{}, 64)
	for i := range peers {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			p, err := wstest.Dial(addr, "/ws", netcode.Subprotocol)
			if err != nil {
				dialErr.CompareAndSwap(nil, &err)
				return
			}
			peers[i] = p
		}()
	}
	wg.Wait()
	t.Cleanup(func() {
		for _, p := range peers {
			if p != nil {
				_ = p.Close()
			}
		}
	})
	if err := dialErr.Load(); err != nil {
		t.Fatalf("dial: %v", *err)
	}

	// Sample the rooms while the storm lasts.
	stopSampling := make(chan struct{})
	sampled := make(chan stormSample, 1)
	go func() { sampled <- sampleRooms(srv, stopSampling) }()

	start := make(chan struct{})
	outcomes := make([]stormOutcome, stormClients)
	for i, p := range peers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := hello(fmt.Sprintf("storm-%d", i))
			<-start
			outcomes[i] = stormJoin(p, msg)
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(t0)
	close(stopSampling)
	s := <-sampled

	// Every client has an answer.
	perRoom := make(map[string]map[game.PlayerID]int) // room id -> player id -> client
	refused := make(map[string]int)                   // "code reason" -> clients
	for i, o := range outcomes {
		switch {
		case o.err != nil:
			t.Errorf("client %d got neither a Welcome nor a close frame: %v", i, o.err)
		case o.code != 0:
			if netcode.CloseCode(o.code).String() == "unknown" || o.reason == "" {
				t.Errorf("client %d refused with %d %q: not a documented code with a reason", i, o.code, o.reason)
			}
			refused[fmt.Sprintf("%d %q", o.code, o.reason)]++
		default:
			w := o.welcome
			ids := perRoom[w.RoomID]
			if ids == nil {
				ids = make(map[game.PlayerID]int)
				perRoom[w.RoomID] = ids
			}
			if other, dup := ids[w.PlayerID]; dup {
				t.Errorf("room %s: player id %d given to clients %d and %d", w.RoomID, w.PlayerID, other, i)
			}
			ids[w.PlayerID] = i
			if len(w.Roster) > stormCapacity {
				t.Errorf("client %d's Welcome to room %s lists %d players, over the capacity %d", i, w.RoomID, len(w.Roster), stormCapacity)
			}
		}
	}
	joined := 0
	for id, ids := range perRoom {
		joined += len(ids)
		if len(ids) > stormCapacity {
			t.Errorf("room %s welcomed %d players, over the capacity %d", id, len(ids), stormCapacity)
		}
	}
	t.Logf("%d joins in %v: %d joined into %d rooms, refused %v; rooms sampled %d times during the storm, most players seen in one room %d",
		stormClients, elapsed.Round(time.Millisecond), joined, len(perRoom), refused, s.samples, s.most)
	if s.over != "" {
		t.Errorf("during the storm: %s", s.over)
	}
	if s.samples < 2 {
		t.Errorf("rooms sampled only %d times during the storm", s.samples)
	}

	// On loopback nothing is refused: all joined, in as few rooms as fit.
	if joined != stormClients {
		t.Errorf("%d of %d clients joined; refused: %v", joined, stormClients, refused)
	}
	wantRooms := (stormClients + stormCapacity - 1) / stormCapacity
	if len(perRoom) != wantRooms {
		t.Errorf("players were welcomed into %d rooms, want %d", len(perRoom), wantRooms)
	}
	rooms := srv.Rooms()
	seated := 0
	for _, r := range rooms {
		seated += r.Players
		if r.Players > stormCapacity || r.Capacity != stormCapacity {
			t.Errorf("room %s after the storm: %d players, capacity %d", r.ID, r.Players, r.Capacity)
		}
		if n := len(perRoom[r.ID]); n != r.Players {
			t.Errorf("room %s lists %d players, %d were welcomed into it", r.ID, r.Players, n)
		}
	}
	if len(rooms) != wantRooms || seated != joined {
		t.Errorf("after the storm: %d rooms seat %d players, want %d rooms seating %d", len(rooms), seated, wantRooms, joined)
	}
}

// stormJoin sends Hello on p and reads until its Welcome or the close.
func stormJoin(p *wstest.Conn, helloMsg []byte) stormOutcome {
	_ = p.Raw().SetDeadline(time.Now().Add(stormTimeout))
	if err := p.WriteMessage(helloMsg); err != nil {
		return stormOutcome{err: fmt.Errorf("writing Hello: %w", err)}
	}
	dec := netcode.NewDecoder()
	var m netcode.ServerMessage
	for {
		b, err := p.ReadMessage()
		var ce *wstest.CloseError
		switch {
		case errors.As(err, &ce):
			return stormOutcome{code: ce.Code, reason: ce.Reason}
		case err != nil:
			return stormOutcome{err: err}
		}
		if err := dec.DecodeServer(b, &m); err != nil {
			return stormOutcome{err: fmt.Errorf("decoding: %w", err)}
		}
		if m.Type == netcode.MsgWelcome {
			w := m.Welcome
			w.Roster = append([]netcode.RosterEntry(nil), w.Roster...)
			return stormOutcome{welcome: w}
		}
	}
}

// stormSample is what sampling Server.Rooms found.
type stormSample struct {
	samples int
	most    int    // the most players seen in one room
	over    string // the first room seen over its capacity, if any
}

// sampleRooms reads srv.Rooms() until stop is closed.
func sampleRooms(srv *server.Server, stop <-chan struct{}) stormSample {
	var s stormSample
	for {
		select {
		case <-stop:
			return s
		default:
		}
		for _, r := range srv.Rooms() {
			s.most = max(s.most, r.Players)
			if r.Players > r.Capacity && s.over == "" {
				s.over = fmt.Sprintf("room %s had %d players, capacity %d (sample %d)", r.ID, r.Players, r.Capacity, s.samples+1)
			}
		}
		s.samples++
		time.Sleep(time.Millisecond)
	}
}
