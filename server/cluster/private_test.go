package cluster_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/server"
)

// publicRooms GETs ws's /rooms (every process's public rooms).
func publicRooms(t *testing.T, ws string) []server.PublicRoom {
	t.Helper()
	base := "http" + strings.TrimPrefix(strings.TrimSuffix(ws, "/ws"), "ws")
	resp, err := http.Get(base + "/rooms")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rooms []server.PublicRoom
	if err := json.NewDecoder(resp.Body).Decode(&rooms); err != nil {
		t.Fatal(err)
	}
	return rooms
}

// TestPrivateRoomAcrossProcesses: a private room made on A is found by
// its code (in lower case) through B's /match, which sends the friend to
// A; B's quick play never picks it, even with a free seat; no process
// lists it; a full one is 409 and a wrong code 404 through /match; a
// Hello naming it on B, which does not have it, is 4008; when it empties
// its code names nothing.
func TestPrivateRoomAcrossProcesses(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startInProcess(t, rs, "a", 2)
	b := startInProcess(t, rs, "b", 2)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	host, err := client.DialMatched(ctx, a.ws, &client.Options{Name: "host", Private: true})
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	code := host.Info().Room
	if k, ok := server.RoomCodeKey(code); !ok || k != code || !host.Info().Private {
		t.Fatalf("a private room on a got id %q (private %v), want a code", code, host.Info().Private)
	}
	if p, err := b.dir.Match(ctx, ""); err != nil || p.Room == code {
		t.Fatalf("b's quick play match = %+v, %v: never the private room %s", p, err, code)
	}
	// A Hello without a wish on a itself (a's Reserve, not /match).
	direct, err := client.Dial(ctx, a.ws, &client.Options{Name: "direct"})
	if err != nil {
		t.Fatal(err)
	}
	if di := direct.Info(); di.Room == code || di.Private {
		t.Fatalf("quick play on a joined %q (private %v), the private room with a free seat", di.Room, di.Private)
	}
	direct.Close()
	// DialMatched in two steps, to see the answer: it holds a seat.
	ws, room, err := client.Match(ctx, b.ws, strings.ToLower(code), nil)
	if err != nil || ws != a.ws || room != code {
		t.Fatalf("Match on b for %s = %q, %q, %v; want %s at %s", strings.ToLower(code), ws, room, err, code, a.ws)
	}
	friend, err := client.Dial(ctx, ws, &client.Options{Name: "friend", Room: room})
	if err != nil {
		t.Fatal(err)
	}
	defer friend.Close()
	if fi := friend.Info(); fi.Room != code || !fi.Private {
		t.Fatalf("friend through b joined %q (private %v), want %s", fi.Room, fi.Private, code)
	}
	waitFor(t, 5*time.Second, "a's rooms: the private one with host and friend", func() bool {
		got := a.srv.Rooms()
		return len(got) == 1 && got[0].ID == code && got[0].Players == 2
	})

	_, _, err = client.Match(ctx, b.ws, code, nil)
	if c, reason, ok := client.RoomRefused(err); !ok || c != client.CloseRoomFull || reason != "room full: "+code {
		t.Errorf("Match on b for the full %s = %v, want CloseRoomFull", code, err)
	}
	_, _, err = client.Match(ctx, b.ws, "zz-zzzz", nil)
	if c, reason, ok := client.RoomRefused(err); !ok || c != client.CloseNoSuchRoom || reason != "no such room: ZZZZZZ" {
		t.Errorf("Match on b for zz-zzzz = %v, want CloseNoSuchRoom no such room: ZZZZZZ", err)
	}
	_, err = client.Dial(ctx, b.ws, &client.Options{Name: "lost", Room: code})
	if c, reason, ok := client.RoomRefused(err); !ok || c != client.CloseNoSuchRoom || reason != "no such room: "+code {
		t.Errorf("a Hello on b naming a's %s = %v, want CloseNoSuchRoom", code, err)
	}

	quick, err := client.DialMatched(ctx, b.ws, &client.Options{Name: "quick"})
	if err != nil {
		t.Fatal(err)
	}
	defer quick.Close()
	if qi := quick.Info(); qi.Room == code || qi.Private {
		t.Fatalf("quick play joined %q (private %v)", qi.Room, qi.Private)
	}
	for _, ws := range []string{a.ws, b.ws} {
		rooms := publicRooms(t, ws)
		if len(rooms) != 1 || rooms[0].ID != quick.Info().Room {
			t.Errorf("/rooms on %s = %+v, want only the public %s", ws, rooms, quick.Info().Room)
		}
	}
	found := false
	for _, l := range rs.listed(t) {
		if l.ID == code {
			found = true
			if !l.Private || l.Process != "a" || l.Seats != 2 {
				t.Errorf("redis lists %s as %+v, want private on a with 2 seats", code, l)
			}
		}
	}
	if !found {
		t.Errorf("redis does not list %s (b's /match could not find it)", code)
	}

	host.Close()
	friend.Close()
	waitFor(t, 5*time.Second, "the empty private room's code to name nothing", func() bool {
		_, _, err := client.Match(ctx, b.ws, code, nil)
		c, _, ok := client.RoomRefused(err)
		return ok && c == client.CloseNoSuchRoom
	})
}

// TestPrivateCodesUniqueAcrossProcesses: private rooms made alternately on
// two processes all get different codes, and a code one process has is
// refused to the other (the claim in Redis), until its room is gone.
func TestPrivateCodesUniqueAcrossProcesses(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startInProcess(t, rs, "a", 4)
	b := startInProcess(t, rs, "b", 4)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	codes := map[string]string{}
	var first string
	for i := range 8 {
		p := a
		if i%2 == 1 {
			p = b
		}
		s, err := client.Dial(ctx, p.ws, &client.Options{Name: "h", Private: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		code := s.Info().Room
		if _, dup := codes[code]; dup {
			t.Fatalf("code %s given twice", code)
		}
		codes[code] = p.dir.ProcessID()
		if first == "" {
			first = code
		}
	}
	if ok, err := b.dir.ClaimCode(first); err != nil || ok {
		t.Errorf("b claiming a's code %s = %v, %v; want refused", first, ok, err)
	}
	const fresh = "ZZZZZZ"
	if _, taken := codes[fresh]; !taken {
		if ok, err := b.dir.ClaimCode(fresh); err != nil || !ok {
			t.Errorf("b claiming the free %s = %v, %v; want claimed", fresh, ok, err)
		}
		if ok, err := a.dir.ClaimCode(fresh); err != nil || ok {
			t.Errorf("a claiming %s after b = %v, %v; want refused", fresh, ok, err)
		}
	}
	for _, l := range rs.listed(t) {
		if want, ok := codes[l.ID]; ok && (l.Process != want || !l.Private) {
			t.Errorf("redis lists %s as %+v, want private on %s", l.ID, l, want)
		}
	}
	if rooms := publicRooms(t, a.ws); len(rooms) != 0 {
		t.Errorf("/rooms with only private rooms = %+v, want []", rooms)
	}
}
