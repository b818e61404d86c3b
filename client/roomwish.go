package client

// Rooms by name: the options that ask for a private room, and telling a
// refused room wish apart from other failures.

import "errors"

// ErrPrivateWithRoom is Dial's error for Options that ask for a new private
// room and name a room at once.
var ErrPrivateWithRoom = errors.New("options: Private makes a new room: Room must be empty")

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
