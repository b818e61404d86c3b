package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"
)

// TestTickRateMeter: a room stepping every period shows the tick rate
// after its first second; one that skipped ticks shows fewer.
func TestTickRateMeter(t *testing.T) {
	t.Parallel()
	var m tickRateMeter
	start := time.Unix(1000, 0)
	period := time.Second / 60 // as the scheduler's: 60 periods fall 40 ns short of a second
	at := func(n int) time.Time { return start.Add(time.Duration(n) * period) }
	for i := 0; i <= 60; i++ {
		m.tick(at(i))
	}
	if got := m.rate(); got != 0 {
		t.Errorf("rate before a whole second = %v, want 0", got)
	}
	m.tick(at(61))
	if got := m.rate(); got < 59.99 || got > 60.01 {
		t.Errorf("rate after a second of ticks = %v, want 60", got)
	}
	// The next second: every other tick stepped, the rest skipped.
	for i := 63; i <= 123; i += 2 {
		m.tick(at(i))
	}
	if got := m.rate(); got < 29.99 || got > 30.01 {
		t.Errorf("rate of a second with every other tick skipped = %v, want 30", got)
	}
}

// TestRoomsListTickRateAchieved: /rooms says how many ticks a real room
// stepped over its last second, on the fake clock: exactly its tick rate.
func TestRoomsListTickRateAchieved(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, err := New(Config{Maps: fstest.MapFS{"maps/t.json": {Data: []byte(roomTestMap)}}, MapName: "t",
		Clock: clock, TickRate: 60, SnapshotRate: 30})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	defer hs.Close()
	// A room takes joins at its ticks: the first one runs when the room
	// starts, which may be before the join arrives; then only the clock
	// brings the next.
	joined := make(chan error, 1)
	go func() {
		_, _, err := s.join("alice", Wish{}, newRecorder(), &inputBuffer{})
		joined <- err
	}()
	for waiting := true; waiting; {
		select {
		case err := <-joined:
			if err != nil {
				t.Fatal(err)
			}
			waiting = false
		case <-time.After(10 * time.Millisecond):
			if len(s.dir.Rooms()) == 1 {
				clock.Advance(time.Second / 60)
			}
		}
	}
	rooms := func() []RoomInfo {
		resp, err := http.Get(hs.URL + "/rooms")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out []RoomInfo
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if r := rooms(); len(r) != 1 || r[0].TickRateAchieved != 0 {
		t.Fatalf("/rooms in the room's first second = %+v, want one room with tick_rate_achieved 0", r)
	}
	room := s.dir.Rooms()[0]
	t0 := room.Tick() // 1: the first step ran at start
	for i := uint32(1); i <= 62; i++ {
		clock.Advance(time.Second / 60)
		deadline := time.Now().Add(5 * time.Second)
		for room.Tick() < t0+i {
			if time.Now().After(deadline) {
				t.Fatalf("room stuck at tick %d", room.Tick())
			}
			time.Sleep(time.Millisecond)
		}
	}
	if r := rooms(); len(r) != 1 || r[0].TickRateAchieved < 59.9 || r[0].TickRateAchieved > 60.1 {
		t.Fatalf("/rooms after a second of ticks = %+v, want tick_rate_achieved 60", r)
	}
	_ = s.Shutdown(t.Context())
}
