package server_test

import (
	"strings"
	"testing"

	"arena/server"
)

// TestNewRoomCode: codes are 6 characters of the alphabet, every
// character of which turns up; a taken code is drawn again; a directory
// where every code is taken gets an error, not a loop.
func TestNewRoomCode(t *testing.T) {
	t.Parallel()
	seen := map[rune]int{}
	for range 2000 {
		c, err := server.NewRoomCode(func(string) bool { return false })
		if err != nil {
			t.Fatal(err)
		}
		if k, ok := server.RoomCodeKey(c); !ok || k != c {
			t.Fatalf("code %q is not a code", c)
		}
		for _, r := range c {
			seen[r]++
		}
	}
	for _, r := range server.RoomCodeAlphabet {
		if seen[r] == 0 {
			t.Errorf("%q never drawn in 12000 characters", r)
		}
	}
	var asked []string
	c, err := server.NewRoomCode(func(c string) bool { asked = append(asked, c); return len(asked) <= 3 })
	if err != nil || len(asked) != 4 || c != asked[3] {
		t.Errorf("with 3 codes taken: %q, %v after asking %q; want the fourth", c, err, asked)
	}
	if c, err := server.NewRoomCode(func(string) bool { return true }); err == nil {
		t.Errorf("every code taken: got %q, want an error", c)
	}
}

func TestRoomCodeKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"K7M2QX", "K7M2QX", true},
		{"k7m-2qx", "K7M2QX", true},
		{" k7m 2qx ", "K7M2QX", true},
		{"r1", "", false},
		{"K7M2Q0", "", false}, // 0 is not in the alphabet
		{"K7M2QXY", "", false},
		{strings.Repeat("é", 6), "", false},
	} {
		if got, ok := server.RoomCodeKey(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("RoomCodeKey(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
