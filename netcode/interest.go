package netcode

// Interest management: which entities a client is sent.

import (
	"slices"

	"arena/game"
)

// Interest decides what each client sees of a Frame: the players within a
// box around its own player, found through a uniform grid over the map so
// that the cost of a query does not grow with the size of the room. An
// entity leaves a client's view only once it is Hysteresis beyond the box,
// so one walking along the edge does not enter and leave every snapshot.
//
// Index builds the grid once per Frame; Visible then answers per client.
// An Interest is not safe for concurrent use.
type Interest struct {
	HalfWidth, HalfHeight float64 // half the box, world units
	Hysteresis            float64 // extra distance before a visible entity leaves

	cell       float64
	cols, rows int
	scanMax    int // a Frame of at most this many players is scanned, not gridded
	frame      *Frame
	cells      [][]int32 // indexes into frame.Players, per cell
	candidates []int32
}

// interestCell is the side of a grid cell in world units.
const interestCell = 256

// interestScanMax is the most players a Frame may have for Visible to look
// at each of them rather than at the grid's cells around the client: for a
// room of 16 the grid's gathering and sorting of candidates cost more than
// the 15 comparisons it saves (interest was 4% of the server's CPU at 2000
// bench clients in rooms of 16). The answer is the same either way.
const interestScanMax = 32

// NewInterest returns an Interest for a map of the given size with a view
// box of width x height world units around each client's player.
func NewInterest(mapWidth, mapHeight, width, height, hysteresis float64) *Interest {
	cols := max(1, int(mapWidth/interestCell)+1)
	rows := max(1, int(mapHeight/interestCell)+1)
	return &Interest{
		HalfWidth: width / 2, HalfHeight: height / 2, Hysteresis: hysteresis,
		cell: interestCell, cols: cols, rows: rows, scanMax: interestScanMax,
		cells: make([][]int32, cols*rows),
	}
}

// Index puts f's players in the grid. f must not change until the next Index.
func (in *Interest) Index(f *Frame) {
	in.frame = f
	if len(f.Players) <= in.scanMax {
		return // Visible scans f
	}
	for i := range in.cells {
		in.cells[i] = in.cells[i][:0]
	}
	for i := range f.Players {
		c := in.cellOf(FromFixed(f.Players[i].X), FromFixed(f.Players[i].Y))
		in.cells[c] = append(in.cells[c], int32(i))
	}
}

func (in *Interest) cellCoords(x, y float64) (int, int) {
	cx := min(max(int(x/in.cell), 0), in.cols-1)
	cy := min(max(int(y/in.cell), 0), in.rows-1)
	return cx, cy
}

func (in *Interest) cellOf(x, y float64) int {
	cx, cy := in.cellCoords(x, y)
	return cy*in.cols + cx
}

// Visible appends to dst the ids of the players self sees in the indexed
// Frame, ascending and without self, and returns it. prev is what self saw
// last (ascending); those stay visible up to Hysteresis beyond the box.
// A self that is not in the Frame sees nothing.
func (in *Interest) Visible(dst []game.PlayerID, self game.PlayerID, prev []game.PlayerID) []game.PlayerID {
	f := in.frame
	me := f.Player(self)
	if me == nil {
		return dst
	}
	x, y := FromFixed(me.X), FromFixed(me.Y)
	hw, hh := in.HalfWidth+in.Hysteresis, in.HalfHeight+in.Hysteresis
	if len(f.Players) <= in.scanMax {
		for i := range f.Players {
			dst = in.visit(dst, &f.Players[i], self, x, y, hw, hh, prev)
		}
		return dst
	}
	x0, y0 := in.cellCoords(x-hw, y-hh)
	x1, y1 := in.cellCoords(x+hw, y+hh)
	in.candidates = in.candidates[:0]
	for cy := y0; cy <= y1; cy++ {
		for cx := x0; cx <= x1; cx++ {
			in.candidates = append(in.candidates, in.cells[cy*in.cols+cx]...)
		}
	}
	slices.Sort(in.candidates) // frame order is id order
	for _, i := range in.candidates {
		dst = in.visit(dst, &f.Players[i], self, x, y, hw, hh, prev)
	}
	return dst
}

// visit appends p's id to dst when self, at (x, y), sees it: inside the
// box, or inside the box grown by the hysteresis (hw, hh its half sides)
// while it was visible before (in prev).
func (in *Interest) visit(dst []game.PlayerID, p *PlayerState, self game.PlayerID, x, y, hw, hh float64, prev []game.PlayerID) []game.PlayerID {
	if p.ID == self {
		return dst
	}
	dx, dy := abs(FromFixed(p.X)-x), abs(FromFixed(p.Y)-y)
	inside := dx <= in.HalfWidth && dy <= in.HalfHeight
	if !inside && dx <= hw && dy <= hh {
		_, inside = slices.BinarySearch(prev, p.ID)
	}
	if inside {
		dst = append(dst, p.ID)
	}
	return dst
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
