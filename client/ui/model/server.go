package model

import (
	"fmt"
	"net/url"
	"strings"
)

// PageServerURL is the WebSocket URL of the server that served a page with
// the given location.protocol ("http:" or "https:") and location.host
// ("example.com:8080").
func PageServerURL(protocol, host string) string {
	scheme := "ws"
	if protocol == "https:" {
		scheme = "wss"
	}
	return scheme + "://" + host + "/ws"
}

// QueryName returns the name parameter of a location.search string
// ("?name=bob"), trimmed; "" when there is none.
func QueryName(search string) string {
	q, err := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(q.Get("name"))
}

// QueryRoom returns the room code of a location.search string
// ("?room=abcd" gives "ABCD"), or "" when there is none or it cannot be a
// code (CheckRoomCode).
func QueryRoom(search string) string {
	q, err := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if err != nil {
		return ""
	}
	code := strings.ToUpper(strings.TrimSpace(q.Get("room")))
	if CheckRoomCode(code) != nil {
		return ""
	}
	return code
}

// CheckJoinFlags rejects gameclient's -room and -private together: one
// makes a new room, the other joins an existing one.
func CheckJoinFlags(room string, private bool) error {
	if private && room != "" {
		return fmt.Errorf("-private makes a new room: it cannot go with -room %q", room)
	}
	return nil
}

// QueryFlag reports whether a location.search string turns the flag name
// on: "?probe=1" or "?probe=true" for "probe".
func QueryFlag(search, name string) bool {
	q, err := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if err != nil {
		return false
	}
	switch q.Get(name) {
	case "1", "true":
		return true
	}
	return false
}

// CheckServerURL rejects what Dial could never connect to, so a typo in a
// -server flag is an error at start rather than a failure scene.
func CheckServerURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("server URL %q: %w", s, err)
	}
	if u.Scheme != "ws" && u.Scheme != "wss" || u.Host == "" {
		return fmt.Errorf("server URL %q: want ws://host[:port]/path or wss://...", s)
	}
	return nil
}
