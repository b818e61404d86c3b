package server_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// helloWish sends a Hello with room and flags on a new connection to url
// and returns the connection, its Welcome and the error that ended it
// instead (a websocket.CloseError when the server closed it).
func helloWish(t *testing.T, url, name, room string, flags uint8) (*websocket.Conn, netcode.Welcome, error) {
	t.Helper()
	ws := dialWS(t, url, nil)
	write(t, ws, netcode.NewEncoder().Hello(&netcode.Hello{Version: netcode.Version, Name: name, Room: room, Flags: flags}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w, err := readWelcome(ctx, ws)
	return ws, w, err
}

// mustJoin joins url with the wish and flags and returns the Welcome.
func mustJoin(t *testing.T, url, name, room string, flags uint8) (*websocket.Conn, netcode.Welcome) {
	t.Helper()
	ws, w, err := helloWish(t, url, name, room, flags)
	if err != nil {
		t.Fatalf("%s wishing for %q (flags %d): %v", name, room, flags, err)
	}
	// Keep reading so the server never sees a slow consumer.
	go func() {
		for {
			if _, _, err := ws.Read(context.Background()); err != nil {
				return
			}
		}
	}()
	return ws, w
}

// mustRefuse sends the wish and checks the close code and reason.
func mustRefuse(t *testing.T, url, room string, code netcode.CloseCode, reason string) {
	t.Helper()
	ws, w, err := helloWish(t, url, "x", room, 0)
	if err == nil {
		t.Fatalf("a wish for %q joined %s, want close %d %q", room, w.RoomID, code, reason)
	}
	var ce websocket.CloseError
	if !errors.As(err, &ce) || netcode.CloseCode(ce.Code) != code || ce.Reason != reason {
		t.Fatalf("a wish for %q ended with %v, want close %d %q", room, err, code, reason)
	}
	_ = ws.CloseNow()
}

// TestRoomWish: quick play fills the fullest public room; a Hello naming a
// room joins exactly it, even when another is fuller, or is refused: 4009
// when it is full, 4008 when there is no such room. Never a fallback.
func TestRoomWish(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, func(cfg *server.Config) { cfg.RoomCapacity = 3 })
	players := func(id string) int {
		for _, r := range srv.Rooms() {
			if r.ID == id {
				return r.Players
			}
		}
		return -1
	}
	join := func(name, wish, want string) *websocket.Conn {
		t.Helper()
		ws, w := mustJoin(t, url, name, wish, 0)
		if w.RoomID != want || w.RoomFlags != 0 {
			t.Fatalf("%s wishing for %q joined %s (room flags %d), want public %s", name, wish, w.RoomID, w.RoomFlags, want)
		}
		return ws
	}

	a := join("a", "", "r1")
	join("b", "", "r1")
	join("c", "", "r1") // r1 is full
	mustRefuse(t, url, "r1", netcode.CloseRoomFull, "room full: r1")
	mustRefuse(t, url, "nowhere", netcode.CloseNoSuchRoom, "no such room: nowhere")
	mustRefuse(t, url, "r2", netcode.CloseNoSuchRoom, "no such room: r2")
	join("d", "", "r2") // quick play: a new room when every room is full
	join("e", "r2", "r2")

	// a leaves: r1 has 2 players, r2 has 2; a wish for r2 is honored
	// although r1 was made first.
	a.Close(websocket.StatusNormalClosure, "")
	waitFor(t, 5*time.Second, "r1 down to 2 players", func() bool { return players("r1") == 2 })
	join("f", "r2", "r2") // r2 is now full
	join("g", "", "r1")   // the only room with a seat
	mustRefuse(t, url, "r2", netcode.CloseRoomFull, "room full: r2")
	join("h", "", "r3") // everything is full
	if got := srv.Metrics().JoinResults.Snapshot(); got[server.JoinNoSuchRoom] != 2 || got[server.JoinRoomFull] != 2 {
		t.Errorf("join results %v: want %s 2 and %s 2", got, server.JoinNoSuchRoom, server.JoinRoomFull)
	}
}

// TestPrivateRoom: a Hello asking for a private room gets a new room whose
// id is a 6-character code, flagged private in Welcome; a second player
// joins it by that code in any case; quick play never lands there, even
// when it is the only room with a seat, and /rooms does not list it.
func TestPrivateRoom(t *testing.T) {
	t.Parallel()
	srv, hs, url := startServer(t, func(cfg *server.Config) { cfg.RoomCapacity = 2 })
	_, host := mustJoin(t, url, "host", "", netcode.HelloPrivate)
	code := host.RoomID
	if k, ok := server.RoomCodeKey(code); !ok || k != code {
		t.Fatalf("private room id %q is not a code of %d characters of %s", code, server.RoomCodeLength, server.RoomCodeAlphabet)
	}
	if host.RoomFlags&netcode.RoomPrivate == 0 {
		t.Fatalf("Welcome of a private room has room flags %d, want RoomPrivate", host.RoomFlags)
	}
	_, quick := mustJoin(t, url, "quick", "", 0)
	if quick.RoomID == code || quick.RoomFlags != 0 {
		t.Fatalf("quick play joined %s (flags %d), the private room %s", quick.RoomID, quick.RoomFlags, code)
	}
	_, friend := mustJoin(t, url, "friend", strings.ToLower(code), 0)
	if friend.RoomID != code || friend.RoomFlags&netcode.RoomPrivate == 0 {
		t.Fatalf("joining by %q got room %s (flags %d), want the private %s", strings.ToLower(code), friend.RoomID, friend.RoomFlags, code)
	}
	if len(friend.Roster) != 2 || friend.Roster[0].Name != "host" {
		t.Fatalf("friend's roster %+v, want host and friend", friend.Roster)
	}
	mustRefuse(t, url, code, netcode.CloseRoomFull, "room full: "+code)

	var rooms []server.PublicRoom
	for _, q := range []string{"", "?scope=local"} {
		getJSON(t, hs.URL+"/rooms"+q, &rooms)
		if len(rooms) != 1 || rooms[0].ID != quick.RoomID {
			t.Errorf("/rooms%s = %+v, want only the public room %s", q, rooms, quick.RoomID)
		}
	}
	private := 0
	for _, r := range srv.Rooms() {
		if r.Private {
			private++
			if r.ID != code || r.Players != 2 {
				t.Errorf("Server.Rooms has private %+v, want %s with 2 players", r, code)
			}
		}
	}
	if private != 1 {
		t.Errorf("Server.Rooms lists %d private rooms, want 1", private)
	}
}

// TestPrivateCodesDiffer: every private room gets its own code, and a
// code-shaped wish that names none is refused with the code as a person
// would read it.
func TestPrivateCodesDiffer(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	seen := map[string]bool{}
	for i := range 5 {
		_, w := mustJoin(t, url, "p", "", netcode.HelloPrivate)
		if seen[w.RoomID] {
			t.Fatalf("private room %d got code %s again", i, w.RoomID)
		}
		seen[w.RoomID] = true
	}
	mustRefuse(t, url, "zz-zz zz", netcode.CloseNoSuchRoom, "no such room: ZZZZZZ")
	mustRefuse(t, url, "r1\nr2\x7f", netcode.CloseNoSuchRoom, "no such room: r1?r2?") // a peer's control characters are not echoed
}

// TestPrivateWithRoomIsBadMessage: a Hello asking for a new private room
// and naming a room at once is malformed.
func TestPrivateWithRoomIsBadMessage(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	ws, _, err := helloWish(t, url, "x", "r1", netcode.HelloPrivate)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || netcode.CloseCode(ce.Code) != netcode.CloseBadMessage || !strings.Contains(ce.Reason, "room must be empty") {
		t.Fatalf("private Hello with a room ended with %v, want 4000 naming the room", err)
	}
	_ = ws.CloseNow()
}
