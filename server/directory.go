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
	// Reserve takes a seat in the room whose id is wish if it has a free
	// seat, else in the fullest room with a free seat, else in a new room
	// made by newRoom with an id the directory chose. Only rooms of this
	// process qualify: the player is connected here. newRoom runs with the
	// directory's lock held and must not call back into the directory.
	Reserve(wish string, newRoom func(id string) (*Room, error)) (*Room, error)
	// Release gives back a seat in r. It reports whether r is now empty:
	// then r was removed from the directory and the caller stops it.
	Release(r *Room) (empty bool)
	// Rooms returns this process's rooms, oldest first.
	Rooms() []*Room
	// Match answers where a player who wishes for room wish ("" = any)
	// should connect, by Reserve's rule over every room the directory
	// knows, without seating anyone. A Placement with URL "" means this
	// process; with Room "" a new room there.
	Match(ctx context.Context, wish string) (Placement, error)
	// Listing describes every room the directory knows (all processes'
	// for a shared directory), this process's first.
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
// Its room ids are r1, r2, ...
func NewLocalDirectory() RoomDirectory { return &localDirectory{} }

type seatCount struct {
	room     *Room
	reserved int
}

type localDirectory struct {
	mu    sync.Mutex   // mu guards rooms and made
	rooms []*seatCount // oldest first
	made  uint64       // rooms made so far: the next id is r<made+1>
}

func (d *localDirectory) Reserve(wish string, newRoom func(id string) (*Room, error)) (*Room, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e := d.pickLocked(wish); e != nil {
		e.reserved++
		return e.room, nil
	}
	r, err := newRoom("r" + strconv.FormatUint(d.made+1, 10))
	if err != nil {
		return nil, err
	}
	d.made++
	d.rooms = append(d.rooms, &seatCount{room: r, reserved: 1})
	return r, nil
}

// pickLocked returns the room wished for if it has a free seat, else the
// fullest room with a free seat (the oldest among equals), else nil.
func (d *localDirectory) pickLocked(wish string) *seatCount {
	var best *seatCount
	for _, e := range d.rooms {
		if e.reserved >= e.room.capacity {
			continue
		}
		if wish != "" && e.room.id == wish {
			return e
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

// Match answers this process (URL "") and the room Reserve would pick now.
func (d *localDirectory) Match(_ context.Context, wish string) (Placement, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e := d.pickLocked(wish); e != nil {
		return Placement{Room: e.room.id}, nil
	}
	return Placement{}, nil
}

// Listing describes this process's rooms.
func (d *localDirectory) Listing(context.Context) ([]RoomListing, error) {
	rooms := d.Rooms()
	out := make([]RoomListing, len(rooms))
	for i, r := range rooms {
		out[i] = RoomListing{RoomInfo: r.Info()}
	}
	return out, nil
}
