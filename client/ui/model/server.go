package model

import (
	"fmt"
	"net/url"
	"strings"

	"arena/client"
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

// QueryRoom returns the room parameter of a location.search string
// ("?room=K7M2QX": the link to a private room), trimmed; "" when there is
// none or it is longer than a room can be.
func QueryRoom(search string) string {
	q, err := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if err != nil {
		return ""
	}
	room := strings.TrimSpace(q.Get("room"))
	if len(room) > client.MaxRoomBytes {
		return ""
	}
	return room
}

// CheckRoomFlags rejects gameclient's -room and -private flags when they
// ask for what no server does: a new private room and a given room at
// once, or a room longer than a room id can be.
func CheckRoomFlags(room string, private bool) error {
	switch {
	case private && room != "":
		return fmt.Errorf("-private makes a new room: it cannot go with -room %q", room)
	case len(room) > client.MaxRoomBytes:
		return fmt.Errorf("-room must be at most %d bytes, got %d", client.MaxRoomBytes, len(room))
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
