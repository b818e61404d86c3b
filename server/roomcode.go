package server

// Private rooms: their codes, and the errors of a join that names a room.

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Wish is what a Hello asks of the directory: quick play (the zero Wish),
// one room exactly (Room), or a new private room (Private).
type Wish struct {
	// Room is a room id or a private room's code to join exactly: a
	// room that does not exist or is full refuses the join, never falls
	// back. "" is quick play: the fullest public room with a free seat.
	Room string
	// Private asks for a new private room with a fresh code; Room is "".
	Private bool
}

// ErrNoSuchRoom and ErrRoomFull are why a Wish for one room was refused
// (wrapped by *RoomError). The connection closes with 4008 or 4009.
var (
	ErrNoSuchRoom = errors.New("no such room")
	ErrRoomFull   = errors.New("room full")
)

// RoomError is a Wish for one room refused: Err is ErrNoSuchRoom or
// ErrRoomFull, Room the id or code as the directory looked it up.
type RoomError struct {
	Err  error
	Room string
}

// NoSuchRoom is the *RoomError of a wish that names no room: the wish as a
// person reads it, a code upper case without spaces and dashes, and any
// control character (a wish is a peer's bytes) shown as '?'.
func NoSuchRoom(wish string) *RoomError {
	if code, ok := RoomCodeKey(wish); ok {
		return &RoomError{Err: ErrNoSuchRoom, Room: code}
	}
	return &RoomError{Err: ErrNoSuchRoom, Room: strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, wish)}
}

// Error reads "no such room: K7M2QX" or "room full: r1".
func (e *RoomError) Error() string { return fmt.Sprintf("%v: %s", e.Err, e.Room) }

// Unwrap returns Err, for errors.Is.
func (e *RoomError) Unwrap() error { return e.Err }

// RoomCodeAlphabet is what private room codes are made of: digits and
// capitals without the look-alikes 0, 1, I, L, O.
const RoomCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// RoomCodeLength is the length of a private room's code: 31^6 is about 887
// million codes.
const RoomCodeLength = 6

// NewRoomCode returns a random code (crypto/rand) that taken reports free.
// It gives up after many tries, which only a directory holding most of the
// 887 million codes would need.
func NewRoomCode(taken func(code string) bool) (string, error) {
	// Bytes from 248 (8 × 31) up are skipped so that every letter is
	// equally likely.
	const unbiased = 256 / len(RoomCodeAlphabet) * len(RoomCodeAlphabet)
	var code [RoomCodeLength]byte
	var rnd [32]byte
	for range 100 {
		n := 0
		for n < len(code) {
			if _, err := rand.Read(rnd[:]); err != nil {
				return "", fmt.Errorf("room code: %w", err)
			}
			for _, v := range rnd {
				if int(v) < unbiased && n < len(code) {
					code[n] = RoomCodeAlphabet[int(v)%len(RoomCodeAlphabet)]
					n++
				}
			}
		}
		if c := string(code[:]); !taken(c) {
			return c, nil
		}
	}
	return "", errors.New("room code: no free code found")
}

// RoomCodeKey returns s as a private room's code would be stored (upper
// case, spaces and dashes a person might type removed), and whether it can
// be a code at all.
func RoomCodeKey(s string) (string, bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(s))
	if len(s) != RoomCodeLength {
		return "", false
	}
	for i := range len(s) {
		if strings.IndexByte(RoomCodeAlphabet, s[i]) < 0 {
			return "", false
		}
	}
	return s, true
}
