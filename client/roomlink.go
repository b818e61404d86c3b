package client

// Rooms by name: private rooms' links, and telling a refused room wish
// apart from other failures.

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrPrivateWithRoom is Dial's error for Options that ask for a new private
// room and name a room at once.
var ErrPrivateWithRoom = errors.New("options: Private makes a new room: Room must be empty")

// RoomLink returns the link that opens the browser client on page (the
// server's page, e.g. "https://arena.example" or the page the client runs
// in, whose query and fragment are dropped) and joins room: ".../?room=K7M2QX".
func RoomLink(page, room string) (string, error) {
	u, err := url.Parse(page)
	if err != nil {
		return "", fmt.Errorf("room link: page %q: %w", page, err)
	}
	switch u.Scheme {
	case "ws":
		u.Scheme = "http"
	case "wss":
		u.Scheme = "https"
	case "http", "https":
	default:
		return "", fmt.Errorf("room link: page %q: want an http(s) or ws(s) URL", page)
	}
	if u.Host == "" {
		return "", fmt.Errorf("room link: page %q has no host", page)
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/ws"), "/") + "/"
	u.RawPath, u.Fragment = "", ""
	u.RawQuery = url.Values{"room": {room}}.Encode()
	return u.String(), nil
}

// RoomRefused reports whether err (from Dial, DialMatched or Match) is the
// server refusing a room wish, and why: CloseNoSuchRoom or CloseRoomFull,
// with the reason to show ("no such room: K7M2QX").
func RoomRefused(err error) (code CloseCode, reason string, ok bool) {
	var ce *CloseError
	if errors.As(err, &ce) && (ce.Code == CloseNoSuchRoom || ce.Code == CloseRoomFull) {
		return ce.Code, ce.Reason, true
	}
	return 0, "", false
}
