package netcode_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"arena/game"
	"arena/netcode"
)

// A map much larger than the view box.
const (
	bigMap              = 8000.0
	viewW, viewH        = 1600.0, 1040.0
	viewHysteresis      = 200.0
	halfW, halfH        = viewW / 2, viewH / 2
	fixedPerUnit        = netcode.PositionScale
	oneQuantum          = 1.0 / fixedPerUnit
	interestSelfX       = 4000.0
	interestSelfY       = 3000.0
	interestSelf        = game.PlayerID(50)
	interestBoxEdgeX    = interestSelfX + halfW
	interestKeepEdgeX   = interestSelfX + halfW + viewHysteresis
	interestKeepEdgeTop = interestSelfY - halfH - viewHysteresis
)

func at(id game.PlayerID, x, y float64) netcode.PlayerState {
	return netcode.PlayerState{ID: id, X: netcode.ToFixed(x), Y: netcode.ToFixed(y)}
}

func frameOf(tick uint32, ps ...netcode.PlayerState) *netcode.Frame {
	slices.SortFunc(ps, func(a, b netcode.PlayerState) int { return int(a.ID) - int(b.ID) })
	return &netcode.Frame{Tick: tick, Players: ps}
}

func TestInterestBox(t *testing.T) {
	t.Parallel()
	in := netcode.NewInterest(bigMap, bigMap, viewW, viewH, viewHysteresis)
	f := frameOf(1,
		at(interestSelf, interestSelfX, interestSelfY),
		at(1, 100, 100), // far away
		at(2, interestSelfX+10, interestSelfY-10),            // close
		at(3, interestBoxEdgeX, interestSelfY+halfH),         // on the box's corner
		at(4, interestBoxEdgeX+oneQuantum, interestSelfY),    // just outside
		at(5, interestSelfX, interestSelfY-halfH-oneQuantum), // just outside, above
		at(6, interestKeepEdgeX, interestSelfY),              // at the hysteresis edge
		at(7, interestKeepEdgeX+oneQuantum, interestSelfY),   // beyond it
		at(8, interestSelfX-halfW, interestKeepEdgeTop),      // at both edges
		at(9, interestSelfX, interestKeepEdgeTop-oneQuantum), // beyond, above
		at(60, 7900, 7900),
		at(61, interestSelfX-halfW, interestSelfY), // on the left edge
		at(65535, interestSelfX, interestSelfY),    // on top of self
	)
	in.Index(f)

	got := in.Visible(nil, interestSelf, nil)
	if want := []game.PlayerID{2, 3, 61, 65535}; !slices.Equal(got, want) {
		t.Errorf("no history: %v, want %v", got, want)
	}
	// Those seen last time stay up to Hysteresis beyond the box, and not
	// one quantum further.
	prev := []game.PlayerID{1, 2, 4, 5, 6, 7, 8, 9, 60}
	got = in.Visible(nil, interestSelf, prev)
	if want := []game.PlayerID{2, 3, 4, 5, 6, 8, 61, 65535}; !slices.Equal(got, want) {
		t.Errorf("with history %v: %v, want %v", prev, got, want)
	}
	// Visible appends to dst.
	dst := []game.PlayerID{999}
	if got := in.Visible(dst, interestSelf, nil); !slices.Equal(got, []game.PlayerID{999, 2, 3, 61, 65535}) {
		t.Errorf("appended: %v", got)
	}
	// A self not in the frame sees nothing.
	if got := in.Visible(dst[:1], 51, prev); !slices.Equal(got, []game.PlayerID{999}) {
		t.Errorf("absent self: %v", got)
	}
	if got := in.Visible(nil, 51, nil); len(got) != 0 {
		t.Errorf("absent self: %v", got)
	}
	// The far player sees only its neighbourhood: nobody.
	if got := in.Visible(nil, 60, []game.PlayerID{interestSelf}); len(got) != 0 {
		t.Errorf("far player sees %v", got)
	}

	// A new Index replaces the old one entirely.
	f2 := frameOf(2, at(interestSelf, 100, 100), at(1, 120, 90), at(2, interestSelfX, interestSelfY))
	in.Index(f2)
	if got := in.Visible(nil, interestSelf, []game.PlayerID{2, 3}); !slices.Equal(got, []game.PlayerID{1}) {
		t.Errorf("after re-Index: %v, want [1]", got)
	}
}

// TestInterestEdgesOfTheMap: players at and beyond the map's edges (the grid
// clamps them into its border cells) are found like any other.
func TestInterestEdgesOfTheMap(t *testing.T) {
	t.Parallel()
	in := netcode.NewInterest(bigMap, bigMap, viewW, viewH, viewHysteresis)
	f := frameOf(1,
		at(1, 0, 0), at(2, -700, -300), at(3, -5000, 0), at(4, bigMap, bigMap), at(5, bigMap+700, bigMap-500),
		at(6, 1e6, 1e6), at(7, 1e6+10, 1e6), at(8, -1e6, 5), at(9, 255.9, 256), at(10, 256, 255.9),
	)
	in.Index(f)
	for _, c := range []struct {
		self game.PlayerID
		want []game.PlayerID
	}{
		{1, []game.PlayerID{2, 9, 10}}, {2, []game.PlayerID{1}}, {3, nil}, {4, []game.PlayerID{5}},
		{5, []game.PlayerID{4}}, {6, []game.PlayerID{7}}, {7, []game.PlayerID{6}}, {8, nil}, {9, []game.PlayerID{1, 10}},
	} {
		if got := in.Visible(nil, c.self, nil); !slices.Equal(got, c.want) {
			t.Errorf("self %d: %v, want %v", c.self, got, c.want)
		}
	}
	// A tiny map (a single cell) and a zero-sized one work too.
	for _, size := range []float64{0, 100} {
		in := netcode.NewInterest(size, size, viewW, viewH, 0)
		in.Index(f)
		if got := in.Visible(nil, 1, nil); !slices.Equal(got, []game.PlayerID{2, 9, 10}) {
			t.Errorf("map %v: %v", size, got)
		}
	}
}

// bruteVisible is the reference: every player, no grid.
func bruteVisible(f *netcode.Frame, self game.PlayerID, prev []game.PlayerID, hw, hh, hyst float64) []game.PlayerID {
	me := f.Player(self)
	if me == nil {
		return nil
	}
	var out []game.PlayerID
	for _, p := range f.Players {
		if p.ID == self {
			continue
		}
		dx := netcode.FromFixed(p.X) - netcode.FromFixed(me.X)
		dy := netcode.FromFixed(p.Y) - netcode.FromFixed(me.Y)
		dx, dy = max(dx, -dx), max(dy, -dy)
		inBox := dx <= hw && dy <= hh
		kept := dx <= hw+hyst && dy <= hh+hyst && slices.Contains(prev, p.ID)
		if inBox || kept {
			out = append(out, p.ID)
		}
	}
	return out
}

// TestInterestMatchesBruteForce compares Visible with the reference over
// random rooms (of up to 32 players, which Visible scans, and larger ones,
// which it finds through the grid), on maps of several sizes, with random
// histories; each
// player's result becomes its history for the next round, as on a server.
func TestInterestMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 77))
		mapW, mapH := 1000+rng.Float64()*15000, 1000+rng.Float64()*15000
		w, h, hyst := 400+rng.Float64()*2000, 300+rng.Float64()*1500, rng.Float64()*400
		in := netcode.NewInterest(mapW, mapH, w, h, hyst)
		n := 1 + rng.IntN(32) // a room small enough to be scanned, not gridded
		if seed%2 == 1 {
			n = 33 + rng.IntN(224) // the grid
		}
		ids := rand.Perm(65535)[:n]
		ps := make([]netcode.PlayerState, n)
		for i := range ps {
			ps[i].ID = game.PlayerID(ids[i] + 1)
			ps[i].X = netcode.ToFixed(rng.Float64()*(mapW+600) - 300)
			ps[i].Y = netcode.ToFixed(rng.Float64()*(mapH+600) - 300)
		}
		f := frameOf(1, ps...)
		prev := map[game.PlayerID][]game.PlayerID{}
		nonEmpty, kept := 0, 0
		for round := range 30 {
			f.Tick++
			for i := range f.Players { // everyone moves; some jump
				p := &f.Players[i]
				if rng.IntN(20) == 0 {
					p.X, p.Y = netcode.ToFixed(rng.Float64()*mapW), netcode.ToFixed(rng.Float64()*mapH)
				} else {
					p.X += int32(rng.IntN(3201) - 1600)
					p.Y += int32(rng.IntN(3201) - 1600)
				}
			}
			in.Index(f)
			next := map[game.PlayerID][]game.PlayerID{}
			for _, p := range f.Players {
				history := prev[p.ID]
				if round%5 == 4 { // now and then a random history, ids possibly absent
					history = nil
					for _, q := range f.Players {
						if rng.IntN(3) == 0 {
							history = append(history, q.ID)
						}
					}
					history = append(history, 65535)
					slices.Sort(history)
					history = slices.Compact(history)
				}
				got := in.Visible(nil, p.ID, history)
				want := bruteVisible(f, p.ID, history, w/2, h/2, hyst)
				if !slices.Equal(got, want) {
					t.Fatalf("seed %d round %d self %d: %v, want %v", seed, round, p.ID, got, want)
				}
				if len(got) > 0 {
					nonEmpty++
				}
				if len(want) > len(bruteVisible(f, p.ID, nil, w/2, h/2, hyst)) {
					kept++
				}
				next[p.ID] = got
			}
			prev = next
		}
		if n > 20 && (nonEmpty == 0 || kept == 0) {
			t.Errorf("seed %d: %d players, %d non-empty views, %d kept by hysteresis: too little covered", seed, n, nonEmpty, kept)
		}
	}
}
