//go:build !js

package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"arena/client"
)

// TestPrivateRoomByCode: a player makes a private room; a friend joins it
// by its code typed in lower case, through /match; a quick player is put
// elsewhere; a wrong code and a full room are refused with the close codes
// the UI tells apart.
func TestPrivateRoomByCode(t *testing.T) {
	t.Parallel()
	srv, url := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	host, err := client.DialMatched(ctx, url, &client.Options{Name: "host", Private: true, Maps: testMaps})
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	info := host.Info()
	if !info.Private || len(info.Room) != 6 {
		t.Fatalf("host's room %q private %v, want a private room with a 6-character code", info.Room, info.Private)
	}
	friend, err := client.DialMatched(ctx, url, &client.Options{Name: "friend", Room: strings.ToLower(info.Room), Maps: testMaps})
	if err != nil {
		t.Fatal(err)
	}
	defer friend.Close()
	if fi := friend.Info(); fi.Room != info.Room || !fi.Private {
		t.Fatalf("friend joined %q (private %v), want the host's %q", fi.Room, fi.Private, info.Room)
	}
	quick, err := client.DialMatched(ctx, url, &client.Options{Name: "quick", Maps: testMaps})
	if err != nil {
		t.Fatal(err)
	}
	defer quick.Close()
	if qi := quick.Info(); qi.Room == info.Room || qi.Private {
		t.Fatalf("quick play joined %q (private %v): the private room", qi.Room, qi.Private)
	}

	_, err = client.Dial(ctx, url, &client.Options{Name: "typo", Room: "ZZZZZZ", Maps: testMaps})
	var ce *client.CloseError
	if !errors.As(err, &ce) || ce.Code != client.CloseNoSuchRoom || ce.Reason != "no such room: ZZZZZZ" {
		t.Errorf("Dial with a wrong code = %v, want CloseNoSuchRoom", err)
	}
	// Fill the room: the default capacity is 16.
	for i := 2; i < srv.Config().RoomCapacity; i++ {
		s, err := client.Dial(ctx, url, &client.Options{Name: "fill", Room: info.Room, Maps: testMaps})
		if err != nil {
			t.Fatalf("filler %d: %v", i, err)
		}
		defer s.Close()
	}
	_, err = client.DialMatched(ctx, url, &client.Options{Name: "late", Room: info.Room, Maps: testMaps})
	if code, reason, ok := client.RoomRefused(err); !ok || code != client.CloseRoomFull || reason != "room full: "+info.Room {
		t.Errorf("DialMatched to the full room = %v, want CloseRoomFull", err)
	}
	_, err = client.Dial(ctx, url, &client.Options{Name: "late", Room: info.Room, Maps: testMaps})
	if code, _, ok := client.RoomRefused(err); !ok || code != client.CloseRoomFull {
		t.Errorf("Dial to the full room = %v, want CloseRoomFull", err)
	}
	if _, err := client.Dial(ctx, url, &client.Options{Private: true, Room: "r1"}); !errors.Is(err, client.ErrPrivateWithRoom) {
		t.Errorf("Dial with Private and Room = %v, want ErrPrivateWithRoom", err)
	}
}
