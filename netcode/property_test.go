package netcode_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"arena/game"
	"arena/netcode"
)

// simWorld is a random room: up to MaxPlayers players that move any
// distance, aim, get hurt, die, count their timers down (and restart them),
// score, join and leave, with ids growing past 127 and 4096.
type simWorld struct {
	rng     *rand.Rand
	tick    uint32
	self    game.PlayerID
	players []netcode.PlayerState // ascending by id
	nextID  int
	maxID   game.PlayerID
}

func (w *simWorld) randomPlayer(id game.PlayerID) netcode.PlayerState {
	r := w.rng
	return netcode.PlayerState{
		ID: id, X: r.Int32N(200000) - 100000, Y: r.Int32N(200000) - 100000,
		VX: r.Int32N(8000) - 4000, VY: r.Int32N(8000) - 4000, Aim: uint16(r.Uint32()),
		Health: uint8(r.UintN(101)), Flags: uint8(r.UintN(4)),
		RespawnTicks: uint16(r.UintN(200)), CooldownTicks: uint16(r.UintN(20)), ProtectTicks: uint16(r.UintN(300)),
		Kills: uint16(r.UintN(50)), Deaths: uint16(r.UintN(50)), Score: int16(r.IntN(100) - 50),
	}
}

func (w *simWorld) join() {
	if len(w.players) >= netcode.MaxPlayers || w.nextID > math.MaxUint16 {
		return
	}
	id := game.PlayerID(w.nextID)
	w.nextID++
	if w.rng.IntN(8) == 0 {
		w.nextID += w.rng.IntN(3000)
	}
	w.players = append(w.players, w.randomPlayer(id))
	w.maxID = max(w.maxID, id)
}

// step runs one tick.
func (w *simWorld) step() {
	r := w.rng
	w.tick++
	for i := range w.players {
		p := &w.players[i]
		// Timers count down, and now and then restart or misbehave.
		p.RespawnTicks = netcode.CountDown(p.RespawnTicks, 1)
		p.CooldownTicks = netcode.CountDown(p.CooldownTicks, 1)
		p.ProtectTicks = netcode.CountDown(p.ProtectTicks, 1)
		switch r.IntN(40) {
		case 0:
			p.CooldownTicks = uint16(r.UintN(30))
		case 1:
			p.RespawnTicks = uint16(r.UintN(600))
		case 2:
			p.ProtectTicks++ // does not count down
		case 3:
			p.ProtectTicks = math.MaxUint16
		}
		switch x := r.IntN(100); {
		case x < 50: // walking
			p.X += r.Int32N(161) - 80
			p.Y += r.Int32N(161) - 80
		case x < 53: // teleport anywhere
			p.X, p.Y = int32(r.Uint32()), int32(r.Uint32())
		case x < 54:
			p.X, p.Y = []int32{math.MinInt32, math.MaxInt32}[r.IntN(2)], []int32{math.MinInt32, math.MaxInt32}[r.IntN(2)]
		case x < 58: // sub-quantum moves
			p.X += r.Int32N(3) - 1
		}
		switch r.IntN(6) {
		case 0:
			p.VX, p.VY = r.Int32N(8321)-4160, r.Int32N(8321)-4160
		case 1:
			p.VX = r.Int32N(8321) - 4160
		case 2:
			p.VY = r.Int32N(8321) - 4160
		case 3:
			p.Y += r.Int32N(33) - 16
		}
		if r.IntN(3) == 0 {
			p.Aim += uint16(r.IntN(4000) - 2000)
		}
		if r.IntN(20) == 0 {
			p.Aim = uint16(r.Uint32())
		}
		if r.IntN(10) == 0 {
			p.Health = uint8(r.UintN(256))
		}
		if r.IntN(20) == 0 {
			p.Flags = uint8(r.UintN(256))
		}
		switch r.IntN(30) { // each field alone too, so that no field rides on another's change
		case 0:
			p.Kills++
			p.Score++
		case 1:
			p.Deaths++
			p.Score--
		case 2:
			p.Kills, p.Deaths, p.Score = uint16(r.Uint32()), uint16(r.Uint32()), int16(r.Uint32())
		case 3:
			p.Kills++
		case 4:
			p.Deaths++
		case 5:
			p.Score -= 3
		}
	}
	if r.IntN(10) == 0 {
		w.join()
	}
	if r.IntN(12) == 0 && len(w.players) > 1 {
		i := r.IntN(len(w.players))
		if w.players[i].ID != w.self {
			w.players = slices.Delete(w.players, i, i+1)
		}
	}
}

func (w *simWorld) frame() *netcode.Frame {
	return &netcode.Frame{Tick: w.tick, Players: slices.Clone(w.players)}
}

// simStats counts what a run covered, so that a run that tests little fails.
type simStats struct {
	delivered, dropped, deltas, fullsAfterGap int
	enters, gones, changes, ownGroups         int
	inputSteps, pongs, events                 int
}

// runDeltaSim is the server's latest-wins slot for one client: each
// snapshot is built against the last one actually delivered; snapshots are
// dropped at random before they are written and never applied. After every
// delivery the client's View must be exactly ViewOf the server's frame.
func runDeltaSim(t *testing.T, seed uint64, snapshots int) simStats {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	w := &simWorld{rng: rng, nextID: 1 + rng.IntN(100)}
	if seed%3 == 2 {
		w.nextID = 65400 // ids up to 65535, and then no more joins
	}
	for range 1 + rng.IntN(netcode.MaxPlayers) {
		w.join()
	}
	w.self = w.players[rng.IntN(len(w.players))].ID

	var (
		st      simStats
		enc     = netcode.NewEncoder()
		dec     = netcode.NewDecoder()
		snap    netcode.Snapshot      // the server's, reused
		msg     netcode.ServerMessage // the client's, reused
		view    = netcode.View{Self: w.self}
		visible = map[game.PlayerID]bool{}

		base        *netcode.Frame // what the client last received
		baseVisible []game.PlayerID
		steps       []uint32 // per tick since base
		ackSeq      = uint32(rng.IntN(1000))
		burst       int
	)
	for i := range snapshots {
		// The room runs 1..3 ticks per snapshot, now and then far more.
		ticks := 1 + rng.IntN(3)
		if rng.IntN(60) == 0 {
			ticks = 100 + rng.IntN(200)
		}
		if i == snapshots/2 { // at least one gap no delta can span
			ticks = netcode.MaxSteps + 1 + rng.IntN(50)
		}
		for range ticks {
			w.step()
			step := uint32(1)
			switch x := rng.IntN(20); {
			case x < 2:
				step = 0
			case x < 4:
				step = 2 + uint32(rng.IntN(5))
			}
			ackSeq += step
			steps = append(steps, step)
		}
		cur := w.frame()
		// Who is in view: sticky, with players entering and leaving.
		var vis []game.PlayerID
		for _, p := range cur.Players {
			if p.ID == w.self {
				continue
			}
			in, seen := visible[p.ID]
			if !seen || rng.IntN(6) == 0 {
				in = rng.IntN(3) != 0
			}
			visible[p.ID] = in
			if in {
				vis = append(vis, p.ID)
			}
		}
		r := &netcode.Recipient{Self: w.self, Visible: vis, Base: base, BaseVisible: baseVisible, AckSeq: ackSeq, Steps: steps}
		if rng.IntN(5) == 0 {
			r.Pong = &netcode.Pong{ClientTime: rng.Uint64(), HoldMicros: rng.Uint32()}
		}
		snap.Build(cur, r)
		wantDelta := base != nil && cur.Tick-base.Tick <= netcode.MaxSteps
		if wantDelta != (snap.Baseline != 0) || (wantDelta && snap.Baseline != cur.Tick-base.Tick) {
			t.Fatalf("seed %d snapshot %d: baseline %d, base %v, tick %d", seed, i, snap.Baseline, base != nil, cur.Tick)
		}
		// Events ride the snapshot: the caller appends them after Build.
		var events []netcode.Event
		for range rng.IntN(4) {
			ev := netcode.Event{Kind: netcode.EventKind(1 + rng.IntN(5)), Tick: cur.Tick - uint32(rng.IntN(int(min(cur.Tick, 300)))),
				Player: game.PlayerID(1 + rng.IntN(65535)), Other: game.PlayerID(1 + rng.IntN(65535))}
			switch ev.Kind {
			case netcode.EventJoin:
				ev.Other, ev.Text = 0, fmt.Sprint("p", ev.Player)
			case netcode.EventLeave:
				ev.Other = 0
			case netcode.EventShot:
				ev.FromX, ev.FromY, ev.ToX, ev.ToY = int32(rng.Uint32()), int32(rng.Uint32()), int32(rng.Uint32()), int32(rng.Uint32())
			case netcode.EventChat:
				ev.Other, ev.Text = 0, "gg"
			}
			events = append(events, ev)
		}
		snap.Events = append(snap.Events, events...)
		b := enc.Snapshot(&snap)

		// The slot: the writer may not get to this one before the next.
		if burst > 0 || rng.IntN(4) == 0 {
			if burst == 0 && rng.IntN(15) == 0 {
				burst = 3 + rng.IntN(20)
			}
			burst = max(burst-1, 0)
			st.dropped++
			continue
		}

		// Delivered.
		if err := dec.DecodeServer(b, &msg); err != nil {
			t.Fatalf("seed %d snapshot %d: decode: %v", seed, i, err)
		}
		if msg.Type != netcode.MsgSnapshot {
			t.Fatalf("seed %d snapshot %d: type %d", seed, i, msg.Type)
		}
		got := &msg.Snapshot
		if !slices.Equal(got.Events, events) {
			t.Fatalf("seed %d snapshot %d: events %+v, want %+v", seed, i, got.Events, events)
		}
		before := cloneView(&view)
		if err := view.Apply(got); err != nil {
			t.Fatalf("seed %d snapshot %d (tick %d, baseline %d, view at %d): apply: %v", seed, i, got.Tick, got.Baseline, before.Tick, err)
		}
		want := netcode.ViewOf(cur, w.self, vis, ackSeq)
		if !sameView(&view, &want) {
			t.Fatalf("seed %d snapshot %d (tick %d, baseline %d): %s", seed, i, got.Tick, got.Baseline, viewDiff(&view, &want))
		}
		if got.Own.Mask&netcode.OwnPong != 0 != (r.Pong != nil) || (r.Pong != nil && got.Own.Pong != *r.Pong) {
			t.Fatalf("seed %d snapshot %d: pong %+v (mask %d), want %v", seed, i, got.Own.Pong, got.Own.Mask, r.Pong)
		}

		st.delivered++
		st.events += len(events)
		if r.Pong != nil {
			st.pongs++
		}
		if got.Baseline != 0 {
			st.deltas++
			st.ownGroups += popcount(got.Own.Mask &^ netcode.OwnPong)
			if got.Own.Mask&netcode.OwnInputs != 0 {
				st.inputSteps++
			}
			for _, u := range got.Players {
				switch u.Mask {
				case netcode.PlayerEnter:
					st.enters++
				case netcode.PlayerGone:
					st.gones++
				default:
					st.changes++
				}
			}
		} else if base != nil {
			st.fullsAfterGap++
		}
		base, baseVisible, steps = cur, vis, nil
	}
	if w.maxID <= 4096 && seed%3 != 2 {
		t.Errorf("seed %d: ids only reached %d", seed, w.maxID)
	}
	return st
}

func popcount(m uint8) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

func TestDeltaProperty(t *testing.T) {
	t.Parallel()
	const seeds, snapshots = 8, 400
	stats := make([]simStats, seeds)
	t.Run("seeds", func(t *testing.T) {
		for seed := range uint64(seeds) {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				t.Parallel()
				stats[seed] = runDeltaSim(t, seed, snapshots)
			})
		}
	})
	if t.Failed() {
		return
	}
	var sum simStats
	for _, s := range stats {
		sum.delivered += s.delivered
		sum.dropped += s.dropped
		sum.deltas += s.deltas
		sum.fullsAfterGap += s.fullsAfterGap
		sum.enters += s.enters
		sum.gones += s.gones
		sum.changes += s.changes
		sum.ownGroups += s.ownGroups
		sum.inputSteps += s.inputSteps
		sum.pongs += s.pongs
		sum.events += s.events
	}
	t.Logf("%+v", sum)
	// The runs must have exercised what they claim to.
	if sum.deltas < seeds*snapshots/2 || sum.dropped < seeds*snapshots/10 || sum.fullsAfterGap < seeds ||
		sum.enters < 100 || sum.gones < 100 || sum.changes < 1000 || sum.ownGroups < 1000 || sum.inputSteps < 100 || sum.pongs < 100 {
		t.Errorf("the simulation covered too little: %+v", sum)
	}
}
