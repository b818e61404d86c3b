package server

import "sync"

// RoomDirectory is the list of rooms with their reserved seats; the join rule
// lives behind it. The in-process implementation (NewLocalDirectory) is the
// only one today; a directory on a shared store (rooms across processes)
// implements the same methods later.
//
// Implementations must be safe for concurrent use, and Reserve and Release
// must be atomic with respect to each other: a room never holds more
// reserved seats than its capacity, and a room that Release reported empty
// never gets another seat.
type RoomDirectory interface {
	// Reserve takes a seat in the room whose id is wish if it has a free
	// seat, else in the fullest room with a free seat, else in a new room
	// made by newRoom. newRoom runs with the directory's lock held and
	// must not call back into the directory.
	Reserve(wish string, newRoom func() (*Room, error)) (*Room, error)
	// Release gives back a seat in r. It reports whether r is now empty:
	// then r was removed from the directory and the caller stops it.
	Release(r *Room) (empty bool)
	// Rooms returns the rooms, oldest first.
	Rooms() []*Room
}

// NewLocalDirectory returns a RoomDirectory held in this process's memory.
func NewLocalDirectory() RoomDirectory { return &localDirectory{} }

type seatCount struct {
	room     *Room
	reserved int
}

type localDirectory struct {
	mu    sync.Mutex   // mu guards rooms
	rooms []*seatCount // oldest first
}

func (d *localDirectory) Reserve(wish string, newRoom func() (*Room, error)) (*Room, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e := d.pickLocked(wish); e != nil {
		e.reserved++
		return e.room, nil
	}
	r, err := newRoom()
	if err != nil {
		return nil, err
	}
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
