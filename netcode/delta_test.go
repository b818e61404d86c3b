package netcode_test

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"arena/game"
	"arena/netcode"
)

// A scripted room: what every player is at every tick is a function of the
// tick, so frames any distance apart can be compared.

const scriptSelf game.PlayerID = 7

// scriptFrame is the room at tick.
func scriptFrame(tick uint32) *netcode.Frame {
	f := &netcode.Frame{Tick: tick}
	tk := int32(tick)
	for _, id := range []game.PlayerID{1, 3, 7, 40, 41, 200, 4097, 5000, 65535} {
		switch {
		case id == 40 && (tick/50)%2 == 1: // joins and leaves every 50 ticks
			continue
		case id == 41 && tick%7 == 0:
			continue
		case id == 4097 && tick < 150:
			continue
		}
		p := netcode.PlayerState{
			ID: id,
			X:  int32(id)*16 + tk*int32(id%5+1)*37, Y: 4000 - tk*int32(id%3)*11,
			VX: tk % 300 * int32(id%2*2-1), VY: int32(id),
			Aim:    uint16(tick*uint32(id)*997 + uint32(id)),
			Health: uint8(100 - (tick+uint32(id))%101), Flags: netcode.FlagAlive,
			Kills: uint16(tick / 40), Deaths: uint16(tick / 90), Score: int16(tick/40) - int16(tick/90),
		}
		if p.Health == 0 {
			p.Flags = 0
		}
		if tick%97 == uint32(id)%97 { // a teleport now and then
			p.X, p.Y = -p.X, math.MaxInt32-p.Y
		}
		// Timers that count down and restart: the cooldown every 20 ticks,
		// protection every 150 from 120, respawn every 300 from 180.
		p.CooldownTicks = uint16(max(0, 14-int(tick%20)))
		p.ProtectTicks = uint16(max(0, 120-int(tick%150)))
		p.RespawnTicks = uint16(max(0, 180-int(tick%300)))
		if p.ProtectTicks > 0 {
			p.Flags |= netcode.FlagProtected
		}
		if id == 65535 && tick%11 == 0 { // a timer that does not count down
			p.CooldownTicks = 1000
		}
		f.Players = append(f.Players, p)
	}
	return f
}

// scriptVisible is what scriptSelf sees at tick.
func scriptVisible(tick uint32) []game.PlayerID {
	var vis []game.PlayerID
	for _, p := range scriptFrame(tick).Players {
		if p.ID != scriptSelf && (uint32(p.ID)+tick/10)%4 != 0 {
			vis = append(vis, p.ID)
		}
	}
	return vis
}

// scriptStep is how many inputs tick consumed (0: held, 3: a catch-up);
// scriptAck the seq of the newest consumed by tick.
func scriptStep(tick uint32) uint32 { return []uint32{0, 1, 1, 3, 1, 1, 1}[tick%7] }

func scriptAck(tick uint32) uint32 {
	ack := uint32(1000)
	for t := uint32(1); t <= tick; t++ {
		ack += scriptStep(t)
	}
	return ack
}

func scriptSteps(from, to uint32) []uint32 {
	var st []uint32
	for t := from + 1; t <= to; t++ {
		st = append(st, scriptStep(t))
	}
	return st
}

// scriptRecipient is the Recipient for a delta from tick base to cur.
func scriptRecipient(base, cur uint32) *netcode.Recipient {
	return &netcode.Recipient{
		Self: scriptSelf, Visible: scriptVisible(cur),
		Base: scriptFrame(base), BaseVisible: scriptVisible(base),
		AckSeq: scriptAck(cur), Steps: scriptSteps(base, cur),
	}
}

// TestDeltaEveryBaselineAge: a delta against a baseline 1, 2, ..., MaxSteps
// ticks old decodes and applies to exactly the current View.
func TestDeltaEveryBaselineAge(t *testing.T) {
	t.Parallel()
	e := netcode.NewEncoder()
	var s netcode.Snapshot // reused throughout, as a server does
	for _, cur := range []uint32{netcode.MaxSteps + 1, 400, 1000} {
		curFrame := scriptFrame(cur)
		full := func() []byte {
			var f netcode.Snapshot
			f.Build(curFrame, &netcode.Recipient{Self: scriptSelf, Visible: scriptVisible(cur), AckSeq: scriptAck(cur)})
			return bytes.Clone(e.Snapshot(&f))
		}()
		for age := uint32(1); age <= netcode.MaxSteps; age++ {
			base := cur - age
			v := fullView(t, scriptFrame(base), scriptSelf, scriptVisible(base), scriptAck(base))
			r := scriptRecipient(base, cur)
			if age%3 == 0 {
				r.Pong = &netcode.Pong{ClientTime: uint64(age) << 40, HoldMicros: age}
			}
			s.Build(curFrame, r)
			if s.Baseline != age || s.Tick != cur {
				t.Fatalf("age %d: built tick %d baseline %d, want a delta", age, s.Tick, s.Baseline)
			}
			b := e.Snapshot(&s)
			if age == 1 && len(b) >= len(full) {
				t.Errorf("a 1-tick delta is %d bytes, the full snapshot %d", len(b), len(full))
			}
			got := decodeSnapshot(t, b)
			if err := v.Apply(got); err != nil {
				t.Fatalf("age %d: apply: %v", age, err)
			}
			wantView(t, &v, curFrame, scriptSelf, scriptVisible(cur), scriptAck(cur))
			if r.Pong != nil && (got.Own.Mask&netcode.OwnPong == 0 || got.Own.Pong != *r.Pong) {
				t.Errorf("age %d: pong %+v (mask %d), want %+v", age, got.Own.Pong, got.Own.Mask, *r.Pong)
			}
			if r.Pong == nil && got.Own.Mask&netcode.OwnPong != 0 {
				t.Errorf("age %d: a pong nobody asked for", age)
			}
		}
	}
}

// TestBuildFallsBackToFull: when the client's baseline cannot be used, Build
// makes a full snapshot, and that applies whatever the client held.
func TestBuildFallsBackToFull(t *testing.T) {
	t.Parallel()
	const cur = 1000
	curFrame := scriptFrame(cur)
	withoutSelf := scriptFrame(cur - 3)
	withoutSelf.Players = slices.DeleteFunc(withoutSelf.Players, func(p netcode.PlayerState) bool { return p.ID == scriptSelf })
	atZero := scriptFrame(0)
	cases := map[string]func(r *netcode.Recipient){
		"MaxSteps+1 old":   func(r *netcode.Recipient) { *r = *scriptRecipient(cur-netcode.MaxSteps-1, cur) },
		"1000 old":         func(r *netcode.Recipient) { *r = *scriptRecipient(0, cur); r.Base = scriptFrame(0) },
		"steps short":      func(r *netcode.Recipient) { r.Steps = r.Steps[1:] },
		"steps long":       func(r *netcode.Recipient) { r.Steps = append(r.Steps, 1) },
		"steps nil":        func(r *netcode.Recipient) { r.Steps = nil },
		"base at cur":      func(r *netcode.Recipient) { r.Base, r.Steps = scriptFrame(cur), nil },
		"base after cur":   func(r *netcode.Recipient) { r.Base, r.Steps = scriptFrame(cur+2), nil },
		"self not in base": func(r *netcode.Recipient) { r.Base = withoutSelf },
		"base nil":         func(r *netcode.Recipient) { r.Base = nil },
	}
	var s netcode.Snapshot
	for name, change := range cases {
		r := scriptRecipient(cur-3, cur)
		change(r)
		r.Pong = &netcode.Pong{ClientTime: 5}
		s.Build(curFrame, r)
		if s.Baseline != 0 {
			t.Errorf("%s: baseline %d, want a full snapshot", name, s.Baseline)
			continue
		}
		if len(s.Players) != len(r.Visible) || len(s.Own.Steps) != 0 || s.Own.Mask != netcode.OwnFull|netcode.OwnPong {
			t.Errorf("%s: %d players, steps %v, mask %d", name, len(s.Players), s.Own.Steps, s.Own.Mask)
		}
		// A client in any state takes it: a fresh one, and one holding
		// another tick.
		for _, v := range []netcode.View{{Self: scriptSelf}, fullView(t, scriptFrame(cur-50), scriptSelf, scriptVisible(cur-50), scriptAck(cur-50))} {
			if _, err := wire(t, &s, &v); err != nil {
				t.Fatalf("%s: apply: %v", name, err)
			}
			wantView(t, &v, curFrame, scriptSelf, r.Visible, r.AckSeq)
		}
	}

	// A frame at tick 0 cannot be a baseline: a View at tick 0 has no
	// snapshot, so Apply refuses every delta on it. Build must not make one.
	f1 := scriptFrame(1)
	r := &netcode.Recipient{Self: scriptSelf, Visible: scriptVisible(1), Base: atZero, BaseVisible: scriptVisible(0), AckSeq: scriptAck(1), Steps: scriptSteps(0, 1)}
	v := fullView(t, atZero, scriptSelf, scriptVisible(0), scriptAck(0))
	s.Build(f1, r)
	if _, err := wire(t, &s, &v); err != nil {
		t.Fatalf("snapshot of tick 1 after one of tick 0 (baseline %d): %v", s.Baseline, err)
	}
	wantView(t, &v, f1, scriptSelf, r.Visible, r.AckSeq)
}

// TestBuildResetsSnapshot: Build reuses s without keeping anything of what
// it held: players, events, steps, the decoder's counts.
func TestBuildResetsSnapshot(t *testing.T) {
	t.Parallel()
	s := netcode.Snapshot{
		Tick: 9, Baseline: 4, Players: enters(1, 2, 3), Events: everyEvent(9), SkippedKinds: 2, SkippedEvents: 3,
		Own:   netcode.OwnUpdate{Mask: 127, X: 5, Steps: []uint32{1, 2, 3, 4}, Pong: netcode.Pong{ClientTime: 77}},
		Sizes: netcode.SnapshotSizes{Header: 1, Own: 2, Entities: 3, Events: 4},
	}
	f := scriptFrame(10)
	two := &netcode.Frame{Tick: 12, Players: slices.Clone(f.Players)}
	s.Build(two, &netcode.Recipient{Self: scriptSelf, Base: f, AckSeq: 5, Steps: []uint32{1, 1}})
	// The same players two ticks later: only the timers, which did not
	// count down, are news; steps of 1 need no inputs group; no Pong.
	got := canonSnapshot(&s, true)
	if got.Tick != 12 || got.Baseline != 2 || got.Players != nil || got.Events != nil ||
		got.SkippedKinds != 0 || got.SkippedEvents != 0 || got.Sizes != (netcode.SnapshotSizes{}) ||
		got.Own.Mask != netcode.OwnTimers || got.Own.Steps != nil || got.Own.Pong != (netcode.Pong{}) || got.Own.X != 0 {
		t.Errorf("Build kept %s", short(got))
	}
	// And a full one after a delta.
	s.Events = everyEvent(12)
	s.Build(two, &netcode.Recipient{Self: scriptSelf, AckSeq: 5, Steps: []uint32{1, 1}})
	if got := canonSnapshot(&s, true); got.Baseline != 0 || got.Players != nil || got.Events != nil || got.Own.Steps != nil || got.Own.Mask != netcode.OwnFull {
		t.Errorf("full Build kept %s", short(got))
	}
}

// TestBuildPanicsWithoutSelf: the caller builds only for its members.
func TestBuildPanicsWithoutSelf(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("Build for a player not in the frame did not panic")
		}
	}()
	var s netcode.Snapshot
	s.Build(scriptFrame(5), &netcode.Recipient{Self: 9999})
}

// applyFixture is a View holding the full snapshot of a small frame: self 1
// and players 2, 4 and 6 in view (3 is in the room but out of view).
func applyFixture(t *testing.T) (*netcode.Frame, netcode.View) {
	f := &netcode.Frame{Tick: 100, Players: []netcode.PlayerState{
		{ID: 1, X: 1600, Y: 1600, Health: 100, Flags: 1, CooldownTicks: 10},
		{ID: 2, X: 3200, Y: 1600, Aim: 5000, Health: 100, Flags: 1},
		{ID: 3, X: 9000, Y: 9000, Health: 50, Flags: 1},
		{ID: 4, X: 100, Y: 100, Health: 100, Flags: 3, Kills: 2},
		{ID: 6, X: -100, Y: 100, Health: 0},
	}}
	return f, fullView(t, f, 1, []game.PlayerID{2, 4, 6}, 50)
}

// TestApplyRejects: Apply refuses a snapshot that does not fit the View, with
// an *ApplyError, and leaves the View exactly as it was, also when the misfit
// comes after updates that did fit. The View stays usable.
func TestApplyRejects(t *testing.T) {
	t.Parallel()
	f, v0 := applyFixture(t)
	ok := func(tick, baseline uint32, players ...netcode.PlayerUpdate) *netcode.Snapshot {
		return &netcode.Snapshot{Tick: tick, Baseline: baseline, Players: players}
	}
	pos := func(id game.PlayerID) netcode.PlayerUpdate {
		return netcode.PlayerUpdate{ID: id, Mask: netcode.PlayerPos | netcode.PlayerVitals, X: 5, Y: -5, Health: 1, Flags: 1}
	}
	gone := func(id game.PlayerID) netcode.PlayerUpdate {
		return netcode.PlayerUpdate{ID: id, Mask: netcode.PlayerGone}
	}
	withOwn := func(s *netcode.Snapshot, o netcode.OwnUpdate) *netcode.Snapshot { s.Own = o; return s }
	full := func(players ...netcode.PlayerUpdate) *netcode.Snapshot {
		return &netcode.Snapshot{Tick: 200, Own: ownFull(7), Players: players}
	}
	cases := []struct {
		name string
		s    *netcode.Snapshot
		want string
	}{
		{"baseline too old", ok(103, 2), "baseline tick 101 is not the last snapshot (100)"},
		{"baseline too new", ok(103, 4), "baseline tick 99 is not the last snapshot (100)"},
		{"baseline tick 0", ok(100, 100), "baseline tick 0 is not the last snapshot"},
		{"baseline > tick", ok(5, 200), "is not the last snapshot"},
		{"update not in view", ok(101, 1, pos(3)), "update of player 3, which is not in view"},
		{"update not in view after good ones", ok(101, 1, pos(2), gone(4), pos(5)), "update of player 5, which is not in view"},
		{"update past the end", ok(101, 1, pos(2), pos(4), pos(6), pos(9)), "update of player 9, which is not in view"},
		{"update of self", ok(101, 1, pos(1)), "update of player 1, which is not in view"},
		{"enter of one in view", ok(101, 1, enter(3), enter(4)), "player 4 entered but is already in view"},
		{"gone of one not in view", ok(101, 1, gone(2), gone(3)), "update of player 3, which is not in view"},
		{"gone of one after the last", ok(101, 1, gone(7)), "update of player 7, which is not in view"},
		{"full with a change", full(enter(2), pos(3)), "full snapshot: player 3 is not entering"},
		{"full with a gone", full(gone(2)), "full snapshot: player 2 is not entering"},
		{"full without every group", &netcode.Snapshot{Tick: 200, Own: netcode.OwnUpdate{Mask: netcode.OwnFull &^ netcode.OwnTimers}}, "full snapshot without every own group (mask 55)"},
		{"ack_seq short of the steps", withOwn(ok(102, 2, pos(2)), netcode.OwnUpdate{Mask: netcode.OwnInputs, AckSeq: 52, Steps: []uint32{1, 2}}), "ack_seq 52, but 50 plus the steps is 53"},
		{"ack_seq past the steps", withOwn(ok(101, 1), netcode.OwnUpdate{Mask: netcode.OwnInputs, AckSeq: 60, Steps: []uint32{0}}), "ack_seq 60, but 50 plus the steps is 50"},
		{"ack_seq wraps", withOwn(ok(101, 1), netcode.OwnUpdate{Mask: netcode.OwnInputs, AckSeq: 49, Steps: []uint32{math.MaxUint32}}), "ack_seq 49"},
	}
	for _, c := range cases {
		v := v0 // shares v0's slices: a write to them would show below
		before := cloneView(&v)
		err := v.Apply(c.s)
		if err == nil {
			t.Errorf("%s: applied", c.name)
			continue
		}
		wantApplyError(t, err, c.want)
		if !sameView(&v, &before) || !sameView(&v0, &before) {
			t.Errorf("%s: view changed: %s", c.name, viewDiff(&v, &before))
		}
	}
	// A delta before any full snapshot.
	fresh := netcode.View{Self: 1}
	err := fresh.Apply(ok(5, 1))
	wantApplyError(t, err, "delta at tick 5 before any full snapshot")
	if !sameView(&fresh, &netcode.View{Self: 1}) {
		t.Errorf("fresh view changed: %+v", fresh)
	}

	// After rejections (and after a delta that swapped the buffers) the
	// View applies the right delta, and rejects again without damage.
	v := v0
	var s netcode.Snapshot
	f2 := cloneFrame(f)
	f2.Tick = 101
	f2.Players[1].X += 800
	r := &netcode.Recipient{Self: 1, Visible: []game.PlayerID{2, 4, 6}, Base: f, BaseVisible: []game.PlayerID{2, 4, 6}, AckSeq: 51, Steps: []uint32{1}}
	s.Build(f2, r)
	if _, err := wire(t, &s, &v); err != nil {
		t.Fatal(err)
	}
	wantView(t, &v, f2, 1, r.Visible, 51)
	for _, c := range []struct {
		name string
		s    *netcode.Snapshot
		want string
	}{
		{"old baseline", ok(101, 1, pos(2)), "baseline tick 100 is not the last snapshot (101)"},
		{"enter of one in view", ok(102, 1, pos(2), enter(4)), "player 4 entered"},
		{"late misfit", ok(102, 1, pos(2), gone(4), pos(6), gone(8)), "update of player 8"},
		{"full with a change", full(enter(3), pos(4)), "player 4 is not entering"},
	} {
		before := cloneView(&v)
		wantApplyError(t, v.Apply(c.s), c.want)
		if !sameView(&v, &before) {
			t.Errorf("%s after a delta: view changed: %s", c.name, viewDiff(&v, &before))
		}
	}
	f3 := cloneFrame(f2)
	f3.Tick = 103
	f3.Players[3].Y -= 800
	r = &netcode.Recipient{Self: 1, Visible: []game.PlayerID{3, 4}, Base: f2, BaseVisible: r.Visible, AckSeq: 54, Steps: []uint32{0, 3}}
	s.Build(f3, r)
	if _, err := wire(t, &s, &v); err != nil {
		t.Fatal(err)
	}
	wantView(t, &v, f3, 1, r.Visible, 54)
}

// TestApplyUsesOnlyMaskedFields: fields outside a delta's masks are
// ignored, whatever they hold.
func TestApplyUsesOnlyMaskedFields(t *testing.T) {
	t.Parallel()
	_, v := applyFixture(t)
	want := cloneView(&v)
	s := &netcode.Snapshot{Tick: 101, Baseline: 1,
		Own: netcode.OwnUpdate{Mask: netcode.OwnPong, X: 99, VX: 99, Health: 1, RespawnTicks: 9, Kills: 9, AckSeq: 1, Steps: []uint32{5}},
		Players: []netcode.PlayerUpdate{
			{ID: 2, Mask: netcode.PlayerAim, X: 99, Y: 99, Aim: 99, DAim: -1, Health: 9, Kills: 9},
			{ID: 4, Mask: netcode.PlayerScore, X: 99, DAim: 9, Health: 9, Kills: 7, Deaths: 1, Score: -1},
		},
	}
	if err := v.Apply(s); err != nil {
		t.Fatal(err)
	}
	want.Tick, want.AckSeq = 101, 51
	want.Own.CooldownTicks = 9
	want.Others[0].Aim--
	want.Others[1].Kills, want.Others[1].Deaths, want.Others[1].Score = 7, 1, -1
	if !sameView(&v, &want) {
		t.Errorf("%s", viewDiff(&v, &want))
	}
}

// TestOwnTimersCountDown: an own timer a delta leaves out counts down by the
// ticks since the baseline and stops at 0; one that did anything else is sent.
func TestOwnTimersCountDown(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v       uint16
		elapsed uint32
		want    uint16
	}{
		{0, 0, 0}, {0, 5, 0}, {5, 0, 5}, {5, 4, 1}, {5, 5, 0}, {5, 6, 0}, {65535, 1, 65534},
		{65535, 255, 65280}, {65535, 65535, 0}, {65535, math.MaxUint32, 0}, {1, 1 << 16, 0}, {300, 1<<16 + 1, 0},
	} {
		if got := netcode.CountDown(c.v, c.elapsed); got != c.want {
			t.Errorf("CountDown(%d, %d) = %d, want %d", c.v, c.elapsed, got, c.want)
		}
	}

	self := netcode.PlayerState{ID: 1, Health: 100, Flags: 1, RespawnTicks: 0, CooldownTicks: 3, ProtectTicks: 300}
	base := &netcode.Frame{Tick: 50, Players: []netcode.PlayerState{self}}
	for _, c := range []struct {
		name                       string
		elapsed                    uint32
		respawn, cooldown, protect uint16
		wantTimers                 bool
	}{
		{"counting down", 2, 0, 1, 298, false},
		{"cooldown reaches 0", 3, 0, 0, 297, false},
		{"cooldown stays at 0", 5, 0, 0, 295, false},
		{"all the way", 255, 0, 0, 45, false},
		{"cooldown restarted", 2, 0, 14, 298, true},
		{"protection did not count", 2, 0, 1, 300, true},
		{"protection ended early", 2, 0, 1, 0, true},
		{"respawn started", 1, 180, 2, 299, true},
		{"cooldown counted too far", 1, 0, 1, 299, true},
	} {
		cur := self
		cur.RespawnTicks, cur.CooldownTicks, cur.ProtectTicks = c.respawn, c.cooldown, c.protect
		f := &netcode.Frame{Tick: 50 + c.elapsed, Players: []netcode.PlayerState{cur}}
		v := fullView(t, base, 1, nil, 10)
		var s netcode.Snapshot
		s.Build(f, &netcode.Recipient{Self: 1, Base: base, AckSeq: 10 + c.elapsed, Steps: slices.Repeat([]uint32{1}, int(c.elapsed))})
		if got := s.Own.Mask&netcode.OwnTimers != 0; got != c.wantTimers || s.Own.Mask&^netcode.OwnTimers != 0 {
			t.Errorf("%s: own mask %d, want timers %v and nothing else", c.name, s.Own.Mask, c.wantTimers)
		}
		if _, err := wire(t, &s, &v); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		wantView(t, &v, f, 1, nil, 10+c.elapsed)
	}
}

// TestDeltaLeavesOutWhatDidNotChange: a delta carries only the groups that
// changed, and changes too small to see at RemoteScale are not changes.
func TestDeltaLeavesOutWhatDidNotChange(t *testing.T) {
	t.Parallel()
	f1 := &netcode.Frame{Tick: 1000, Players: []netcode.PlayerState{
		{ID: 1, X: 1600, Y: 1600, VX: 10, Aim: 4000, Health: 100, Flags: 1, Kills: 1},
		{ID: 2, X: 3200, Y: 1600, Aim: 5000, Health: 100, Flags: 1},
		{ID: 3, X: 3200, Y: 3200, Health: 100, Flags: 1},
	}}
	vis := []game.PlayerID{2, 3}
	build := func(f *netcode.Frame, steps []uint32) (*netcode.Snapshot, []byte) {
		ack := uint32(5)
		for _, st := range steps {
			ack += st
		}
		var s netcode.Snapshot
		s.Build(f, &netcode.Recipient{Self: 1, Visible: vis, Base: f1, BaseVisible: vis, AckSeq: ack, Steps: steps})
		b := bytes.Clone(netcode.NewEncoder().Snapshot(&s))
		v := fullView(t, f1, 1, vis, 5)
		if _, err := wire(t, &s, &v); err != nil {
			t.Fatal(err)
		}
		wantView(t, &v, f, 1, vis, ack)
		return &s, b
	}

	// The same frame two ticks later, one input per tick: nothing to say.
	f2 := cloneFrame(f1)
	f2.Tick = 1002
	s, b := build(f2, []uint32{1, 1})
	if s.Own.Mask != 0 || len(s.Players) != 0 {
		t.Errorf("identical frames: own mask %d, %d player updates", s.Own.Mask, len(s.Players))
	}
	// [17, 1002, 2, [0], [], []]
	if want := unhex(t, "96 11 cd 03 ea 02 91 00 90 90"); !bytes.Equal(b, want) {
		t.Errorf("identical frames: % x (%d bytes), want % x (%d bytes)", b, len(b), want, len(want))
	}

	// Own aim is not sent to the owner; others' sub-quantum moves and aim
	// changes below 1/256 turn are invisible.
	f3 := cloneFrame(f2)
	f3.Players[0].Aim += 20000
	f3.Players[1].X += 3           // 3/16 unit: 3200 and 3203 are both 400 at RemoteScale
	f3.Players[1].Aim += 100       // 5000 -> 5100: both 20/256
	f3.Players[2].VX = 500         // others' velocity is not sent
	f3.Players[2].ProtectTicks = 9 // nor their timers
	s, b = build(f3, []uint32{1, 1})
	if s.Own.Mask != 0 || len(s.Players) != 0 || len(b) != 10 {
		t.Errorf("invisible changes: own mask %d, players %+v, %d bytes", s.Own.Mask, s.Players, len(b))
	}

	// One change of each kind sends exactly its group.
	for _, c := range []struct {
		name   string
		change func(f *netcode.Frame)
		own    uint8
		player uint8
		steps  []uint32
	}{
		{"own x", func(f *netcode.Frame) { f.Players[0].X++ }, netcode.OwnPos, 0, nil},
		{"own vy", func(f *netcode.Frame) { f.Players[0].VY = -1 }, netcode.OwnVel, 0, nil},
		{"own flags", func(f *netcode.Frame) { f.Players[0].Flags = 3 }, netcode.OwnVitals, 0, nil},
		{"own score", func(f *netcode.Frame) { f.Players[0].Score = -1 }, netcode.OwnScore, 0, nil},
		{"own timer", func(f *netcode.Frame) { f.Players[0].ProtectTicks = 2 }, netcode.OwnTimers, 0, nil},
		{"no input", func(f *netcode.Frame) {}, netcode.OwnInputs, 0, []uint32{1, 0}},
		{"dropped inputs", func(f *netcode.Frame) {}, netcode.OwnInputs, 0, []uint32{3, 1}},
		{"other x", func(f *netcode.Frame) { f.Players[1].X += 4 }, 0, netcode.PlayerPos, nil},
		{"other aim", func(f *netcode.Frame) { f.Players[1].Aim -= 5000 }, 0, netcode.PlayerAim, nil},
		{"other health", func(f *netcode.Frame) { f.Players[1].Health = 99 }, 0, netcode.PlayerVitals, nil},
		{"other deaths", func(f *netcode.Frame) { f.Players[1].Deaths = 1 }, 0, netcode.PlayerScore, nil},
	} {
		f := cloneFrame(f2)
		c.change(f)
		steps := c.steps
		if steps == nil {
			steps = []uint32{1, 1}
		}
		s, _ := build(f, steps)
		if s.Own.Mask != c.own {
			t.Errorf("%s: own mask %d, want %d", c.name, s.Own.Mask, c.own)
		}
		switch {
		case c.player == 0 && len(s.Players) != 0:
			t.Errorf("%s: player updates %+v, want none", c.name, s.Players)
		case c.player != 0 && (len(s.Players) != 1 || s.Players[0].ID != 2 || s.Players[0].Mask != c.player):
			t.Errorf("%s: player updates %+v, want one for 2 with mask %d", c.name, s.Players, c.player)
		}
	}
}

// TestDeltaExtremes: positions jumping across the whole int32 range and aim
// wrapping around survive a delta exactly.
func TestDeltaExtremes(t *testing.T) {
	t.Parallel()
	f1 := &netcode.Frame{Tick: 10, Players: []netcode.PlayerState{
		{ID: 1, X: math.MinInt32, Y: math.MaxInt32, VX: math.MinInt32, Health: 255, Flags: 255, RespawnTicks: 65535},
		{ID: 2, X: math.MaxInt32, Y: math.MinInt32, Aim: 65535, Kills: 65535, Score: math.MinInt16},
		{ID: 65535, X: 0, Y: 0, Aim: 127},
	}}
	f2 := &netcode.Frame{Tick: 11, Players: []netcode.PlayerState{
		{ID: 1, X: math.MaxInt32, Y: math.MinInt32, VX: math.MaxInt32, Health: 0, Flags: 0, RespawnTicks: 0},
		{ID: 2, X: math.MinInt32, Y: math.MaxInt32, Aim: 128, Kills: 0, Score: math.MaxInt16},
		{ID: 65535, X: -1, Y: 1, Aim: 65408},
	}}
	vis := []game.PlayerID{2, 65535}
	v := fullView(t, f1, 1, vis, math.MaxUint32-1)
	var s netcode.Snapshot
	s.Build(f2, &netcode.Recipient{Self: 1, Visible: vis, Base: f1, BaseVisible: vis, AckSeq: math.MaxUint32, Steps: []uint32{1}})
	if _, err := wire(t, &s, &v); err != nil {
		t.Fatal(err)
	}
	wantView(t, &v, f2, 1, vis, math.MaxUint32)
}
