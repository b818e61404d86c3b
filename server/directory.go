package server

import (
	"context"
	"strconv"
	"sync"
)

// RoomDirectory is the list of rooms with their reserved seats; the join rule
// lives behind it. NewLocalDirectory keeps this process's rooms in memory;
// package arena/server/cluster shares them with other processes through
// Redis.
//
// Implementations must be safe for concurrent use, and Reserve and Release
// must be atomic with respect to each other: a room never holds more
// reserved seats than its capacity, and a room that Release reported empty
// never gets another seat.
type RoomDirectory interface {
	// Reserve takes a seat by the join rule: for a Wish naming a room,
	// in exactly that room (its id, or a private room's code in any
	// case), else a *RoomError wrapping ErrNoSuchRoom or ErrRoomFull;
	// for a private Wish, in a new private room whose id is a fresh code;
	// for quick play, in the fullest public room with a free seat, else a
	// new public room. newRoom makes a room with the id the directory
	// chose. Only rooms of this process qualify: the player is connected
	// here. newRoom runs with the directory's lock held and must not call
	// back into the directory.
	Reserve(w Wish, newRoom func(id string, private bool) (*Room, error)) (*Room, error)
	// Release gives back a seat in r. It reports whether r is now empty:
	// then r was removed from the directory and the caller stops it.
	Release(r *Room) (empty bool)
	// Rooms returns this process's rooms, private ones included, oldest
	// first.
	Rooms() []*Room
	// Match answers where a player who wishes for room wish ("" = quick
	// play) should connect, by Reserve's rule over every room the
	// directory knows, without seating anyone. A Placement with URL ""
	// means this process; with Room "" a new room there (or, in quick
	// play, the fullest one when the Hello comes). A wish for a room that
	// does not exist or is full is a *RoomError.
	Match(ctx context.Context, wish string) (Placement, error)
	// Listing describes every public room the directory knows (all
	// processes' for a shared directory), this process's first. Private
	// rooms are never listed.
	Listing(ctx context.Context) ([]RoomListing, error)
}

// Placement is the answer of /match: where to connect, and which room to
// wish for in Hello.
type Placement struct {
	// URL is the WebSocket URL of the process that has the room, e.g.
	// "ws://10.0.0.5:8080/ws". A directory answers "" for this process;
	// /match then fills in the URL the request reached.
	URL string `json:"url"`
	// Room is the room id to send as Hello's room wish; "" asks for a new
	// room (or the fullest one with a seat when one opened meanwhile).
	Room string `json:"room"`
}

// RoomListing is a room in /rooms: its RoomInfo and, for a shared
// directory, the process that has it.
type RoomListing struct {
	RoomInfo
	// URL is the WebSocket URL players of the room connect to; empty in a
	// single process.
	URL string `json:"url,omitempty"`
	// Process is the id of the process that runs the room; empty in a
	// single process.
	Process string `json:"process,omitempty"`
}

// NewLocalDirectory returns a RoomDirectory held in this process's memory.
// Its public room ids are r1, r2, ...; private rooms' are their codes.
func NewLocalDirectory() RoomDirectory { return &localDirectory{} }

type seatCount struct {
	room     *Room
	reserved int
}

type localDirectory struct {
	mu    sync.Mutex   // mu guards rooms and made
	rooms []*seatCount // oldest first
	made  uint64       // public rooms made so far: the next id is r<made+1>
}

func (d *localDirectory) Reserve(w Wish, newRoom func(id string, private bool) (*Room, error)) (*Room, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case w.Private:
		code, err := NewRoomCode(func(c string) bool { return d.findLocked(c) != nil })
		if err != nil {
			return nil, err
		}
		return d.addLocked(newRoom(code, true))
	case w.Room != "":
		e, err := d.wishedLocked(w.Room)
		if err != nil {
			return nil, err
		}
		e.reserved++
		return e.room, nil
	}
	if e := d.fullestLocked(); e != nil {
		e.reserved++
		return e.room, nil
	}
	r, err := d.addLocked(newRoom("r"+strconv.FormatUint(d.made+1, 10), false))
	if err == nil {
		d.made++
	}
	return r, err
}

// addLocked lists the new room r with one seat taken.
func (d *localDirectory) addLocked(r *Room, err error) (*Room, error) {
	if err != nil {
		return nil, err
	}
	d.rooms = append(d.rooms, &seatCount{room: r, reserved: 1})
	return r, nil
}

// findLocked returns the room whose id is wish, or the private room whose
// code wish is in any case, or nil.
func (d *localDirectory) findLocked(wish string) *seatCount {
	code, isCode := RoomCodeKey(wish)
	for _, e := range d.rooms {
		if e.room.id == wish || (isCode && e.room.private && e.room.id == code) {
			return e
		}
	}
	return nil
}

// wishedLocked returns the room wish names if it has a free seat, else a
// *RoomError.
func (d *localDirectory) wishedLocked(wish string) (*seatCount, error) {
	e := d.findLocked(wish)
	if e == nil {
		return nil, NoSuchRoom(wish)
	}
	if e.reserved >= e.room.capacity {
		return nil, &RoomError{Err: ErrRoomFull, Room: e.room.id}
	}
	return e, nil
}

// fullestLocked returns the fullest public room with a free seat (the
// oldest among equals), or nil.
func (d *localDirectory) fullestLocked() *seatCount {
	var best *seatCount
	for _, e := range d.rooms {
		if e.room.private || e.reserved >= e.room.capacity {
			continue
		}
		if best == nil || e.reserved > best.reserved {
			best = e
		}
	}
	return best
}

func (d *localDirectory) Release(r *Room) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, e := range d.rooms {
		if e.room != r {
			continue
		}
		e.reserved--
		if e.reserved > 0 {
			return false
		}
		d.rooms = append(d.rooms[:i], d.rooms[i+1:]...)
		return true
	}
	return false
}

func (d *localDirectory) Rooms() []*Room {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]*Room, len(d.rooms))
	for i, e := range d.rooms {
		out[i] = e.room
	}
	return out
}

// Match answers this process (URL ""): for a wish, the room it names if
// it has a free seat (else a *RoomError); for quick play Room "", since
// the Hello without a wish finds the fullest room when it comes, and a
// wish for a room that filled meanwhile would be refused.
func (d *localDirectory) Match(_ context.Context, wish string) (Placement, error) {
	if wish == "" {
		return Placement{}, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	e, err := d.wishedLocked(wish)
	if err != nil {
		return Placement{}, err
	}
	return Placement{Room: e.room.id}, nil
}

// Listing describes this process's public rooms.
func (d *localDirectory) Listing(context.Context) ([]RoomListing, error) {
	out := []RoomListing{}
	for _, r := range d.Rooms() {
		if info := r.Info(); !info.Private {
			out = append(out, RoomListing{RoomInfo: info})
		}
	}
	return out, nil
}
