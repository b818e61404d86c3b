package model_test

import (
	"testing"

	"arena/client/ui/model"
)

func TestRoomCodeField(t *testing.T) {
	t.Parallel()
	f := model.NewRoomCodeField()
	f.Type([]rune("ab-1 c\td"))
	if got := f.String(); got != "AB1CD" {
		t.Fatalf("typed ab-1 c<tab>d: %q, want AB1CD", got)
	}
	f.Type([]rune("\b\b"))
	if got := f.String(); got != "AB1" {
		t.Fatalf("after two backspaces: %q", got)
	}
	f.Type([]rune("zzzzzzzzzz"))
	if got := f.String(); len(got) != model.MaxRoomCodeLen {
		t.Fatalf("cut to %d: %q", model.MaxRoomCodeLen, got)
	}
	f.Clear()
	f.Type([]rune("é中x"))
	if got := f.String(); got != "X" {
		t.Fatalf("non-ASCII letters kept: %q", got)
	}
}

func TestCheckRoomCode(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"ABCD", "K7Q2XZ", "12345678"} {
		if err := model.CheckRoomCode(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ABC", "ABCDEFGHI", "ab cd", "abcd", "AB-CD"} {
		if err := model.CheckRoomCode(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestRoomLink(t *testing.T) {
	t.Parallel()
	tests := []struct{ server, origin string }{
		{"ws://127.0.0.1:8080/ws", "http://127.0.0.1:8080"},
		{"wss://arena.example/game/ws", "https://arena.example"},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := model.PageOrigin(tt.server); got != tt.origin {
			t.Errorf("PageOrigin(%q) = %q, want %q", tt.server, got, tt.origin)
		}
	}
	if got := model.RoomLink("http://h:1/", "ABCD"); got != "http://h:1/?room=ABCD" {
		t.Errorf("RoomLink: %q", got)
	}
}

func TestJoinRequestDescribe(t *testing.T) {
	t.Parallel()
	for _, r := range []model.JoinRequest{{Kind: model.JoinQuick}, {Kind: model.JoinCreatePrivate}, {Kind: model.JoinCode, Room: "ABCD"}, {Kind: model.JoinListed, Room: "r2"}} {
		if r.Describe() == "" {
			t.Errorf("%+v: no description", r)
		}
	}
}

func TestQueryRoom(t *testing.T) {
	t.Parallel()
	tests := []struct{ search, want string }{
		{"?room=abcd", "ABCD"},
		{"?name=bob&room=K7Q2", "K7Q2"},
		{"?room=ab", ""},
		{"?room=ab%20cd", ""},
		{"", ""},
		{"?room=%zz", ""},
	}
	for _, tt := range tests {
		if got := model.QueryRoom(tt.search); got != tt.want {
			t.Errorf("QueryRoom(%q) = %q, want %q", tt.search, got, tt.want)
		}
	}
}
