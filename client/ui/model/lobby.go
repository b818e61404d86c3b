package model

// What the menus ask the connecting scene for: quick play, a new private
// room, a room by its code, a room picked from the list.

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// JoinKind says how a JoinRequest finds its room.
type JoinKind uint8

const (
	// JoinQuick asks for any public room (the fullest with a seat).
	JoinQuick JoinKind = iota
	// JoinCreatePrivate asks the server for a new private room with a code.
	JoinCreatePrivate
	// JoinCode joins the room with exactly this code, or fails with "no
	// such room" or "room full"; it never falls back to another room.
	JoinCode
	// JoinListed asks for a public room picked from the room list by id
	// (a wish: when it has filled up meanwhile the server picks another).
	JoinListed
)

// JoinRequest is what the player asked to join, with the name to join as.
type JoinRequest struct {
	Kind JoinKind
	Name string
	Room string // JoinCode: the code; JoinListed: the room's id
}

// Describe says what the request is for, for the connecting scene.
func (r JoinRequest) Describe() string {
	switch r.Kind {
	case JoinCreatePrivate:
		return "creating a private room"
	case JoinCode:
		return "joining room " + r.Room
	case JoinListed:
		return "joining room " + r.Room
	default:
		return "quick play"
	}
}

// Room codes as the client accepts them: letters and digits, typed in
// any case and shown upper case.
const (
	MinRoomCodeLen = 4
	MaxRoomCodeLen = 8
)

// NewRoomCodeField returns an empty field for a room code: it keeps
// letters (upper-cased) and digits only, up to MaxRoomCodeLen.
func NewRoomCodeField() *TextField {
	return &TextField{maxRunes: MaxRoomCodeLen, maxBytes: MaxRoomCodeLen, filter: roomCodeRune}
}

// roomCodeRune maps a typed rune to the code's alphabet, or -1 to drop it.
func roomCodeRune(r rune) rune {
	switch {
	case r >= 'a' && r <= 'z':
		return unicode.ToUpper(r)
	case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return r
	}
	return -1
}

// ErrRoomCodeShort is CheckRoomCode's error for a code too short to be one.
var ErrRoomCodeShort = fmt.Errorf("a room code has %d to %d letters and digits", MinRoomCodeLen, MaxRoomCodeLen)

// CheckRoomCode says whether code can be a room code (before asking the
// server whether there is such a room).
func CheckRoomCode(code string) error {
	if len(code) < MinRoomCodeLen || len(code) > MaxRoomCodeLen {
		return ErrRoomCodeShort
	}
	for _, r := range code {
		if roomCodeRune(r) != r {
			return errors.New("a room code has only letters and digits")
		}
	}
	return nil
}

// RoomLink is the shareable link to a room: the page's origin (as
// "http://host:port") with ?room=CODE.
func RoomLink(origin, code string) string {
	return strings.TrimSuffix(origin, "/") + "/?room=" + code
}

// PageOrigin returns the http(s) origin of a ws(s) game server URL
// ("ws://host:8080/ws" gives "http://host:8080"), for RoomLink; "" when
// serverURL is not a URL.
func PageOrigin(serverURL string) string {
	u, err := url.Parse(serverURL)
	if err != nil || u.Host == "" {
		return ""
	}
	scheme := "http"
	if u.Scheme == "wss" || u.Scheme == "https" {
		scheme = "https"
	}
	return scheme + "://" + u.Host
}
