package netcode

// Encoding of the Snapshot message. Layout in docs/protocol.md.

// Snapshot encodes m as [17, tick, baseline, own, entities, events]: own a
// flat array [mask, groups...], entities an array of kind blocks (here at
// most [1, updates] for players, updates a flat array of integers) and
// events an array of [kind, ticks_back, fields...]. At most MaxEvents events
// are written.
func (e *Encoder) Snapshot(m *Snapshot) []byte {
	e.begin(MsgSnapshot, snapshotFields)
	e.uint(uint64(m.Tick))
	e.uint(uint64(m.Baseline))
	e.own(&m.Own, m.Baseline)
	blocks := 0
	for _, n := range [...]int{len(m.Players), len(m.Projectiles), len(m.Pickups)} {
		if n > 0 {
			blocks++
		}
	}
	e.array(blocks)
	if len(m.Players) > 0 {
		e.array(2)
		e.uint(uint64(KindPlayer))
		e.playerUpdates(m.Players)
	}
	e.projectileBlock(m.Projectiles)
	e.pickupBlock(m.Pickups)
	events := m.Events[:min(len(m.Events), MaxEvents)]
	e.array(len(events))
	for i := range events {
		e.event(&events[i], m.Tick)
	}
	return e.done()
}

// OwnInts returns how many integers the own section with mask has, the mask
// included, in a snapshot baseline ticks after its baseline (0 = full).
func OwnInts(mask uint8, baseline uint32) int {
	n := 1
	for _, g := range [...]struct {
		bit uint8
		n   int
	}{{OwnPos, 2}, {OwnVel, 2}, {OwnVitals, 2}, {OwnTimers, 3}, {OwnScore, 3}, {OwnPong, 2}, {OwnArms, 2}} {
		if mask&g.bit != 0 {
			n += g.n
		}
	}
	if mask&OwnInputs != 0 {
		n += 1 + int(baseline)
	}
	return n
}

func (e *Encoder) own(o *OwnUpdate, baseline uint32) {
	steps := o.Steps
	if baseline == 0 {
		steps = nil
	}
	if o.Mask&OwnInputs != 0 && len(steps) != int(baseline) {
		// The caller broke the rule that a delta's steps cover its ticks;
		// send the group without it rather than something undecodable.
		o.Mask &^= OwnInputs
	}
	e.array(OwnInts(o.Mask, baseline))
	e.uint(uint64(o.Mask))
	if o.Mask&OwnPos != 0 {
		e.int(int64(o.X))
		e.int(int64(o.Y))
	}
	if o.Mask&OwnVel != 0 {
		e.int(int64(o.VX))
		e.int(int64(o.VY))
	}
	if o.Mask&OwnVitals != 0 {
		e.uint(uint64(o.Health))
		e.uint(uint64(o.Flags))
	}
	if o.Mask&OwnTimers != 0 {
		e.uint(uint64(o.RespawnTicks))
		e.uint(uint64(o.CooldownTicks))
		e.uint(uint64(o.ProtectTicks))
	}
	if o.Mask&OwnScore != 0 {
		e.uint(uint64(o.Kills))
		e.uint(uint64(o.Deaths))
		e.int(int64(o.Score))
	}
	if o.Mask&OwnInputs != 0 {
		e.uint(uint64(o.AckSeq))
		for _, st := range steps {
			e.uint(uint64(st))
		}
	}
	if o.Mask&OwnPong != 0 {
		e.uint(o.Pong.ClientTime)
		e.uint(uint64(o.Pong.HoldMicros))
	}
	if o.Mask&OwnArms != 0 {
		e.uint(uint64(o.Weapon))
		e.uint(uint64(o.Ammo))
	}
}

// playerUpdateInts is how many integers an update with mask takes, its key
// included.
func playerUpdateInts(mask uint8) int {
	if mask == PlayerEnter {
		return 1 + 8
	}
	n := 1
	if mask&PlayerPos != 0 {
		n += 2
	}
	if mask&PlayerAim != 0 {
		n++
	}
	if mask&PlayerVitals != 0 {
		n += 2
	}
	if mask&PlayerScore != 0 {
		n += 3
	}
	return n
}

// playerUpdates writes the player kind block's update stream: for each
// update, ascending by id, key = (id - previous id) * 32 + mask, then the
// fields of the mask.
func (e *Encoder) playerUpdates(us []PlayerUpdate) {
	n := 0
	for i := range us {
		n += playerUpdateInts(us[i].Mask)
	}
	e.array(n)
	var prev uint64
	for i := range us {
		u := &us[i]
		e.uint((uint64(u.ID)-prev)<<5 | uint64(u.Mask))
		prev = uint64(u.ID)
		switch {
		case u.Mask == PlayerEnter:
			e.int(int64(u.X))
			e.int(int64(u.Y))
			e.uint(uint64(u.Aim))
			e.uint(uint64(u.Health))
			e.uint(uint64(u.Flags))
			e.uint(uint64(u.Kills))
			e.uint(uint64(u.Deaths))
			e.int(int64(u.Score))
			continue
		}
		if u.Mask&PlayerPos != 0 {
			e.int(int64(u.X))
			e.int(int64(u.Y))
		}
		if u.Mask&PlayerAim != 0 {
			e.int(int64(u.DAim))
		}
		if u.Mask&PlayerVitals != 0 {
			e.uint(uint64(u.Health))
			e.uint(uint64(u.Flags))
		}
		if u.Mask&PlayerScore != 0 {
			e.uint(uint64(u.Kills))
			e.uint(uint64(u.Deaths))
			e.int(int64(u.Score))
		}
	}
}

// eventFields is the element count of each known event kind's array.
func eventFields(k EventKind) int {
	switch k {
	case EventJoin, EventKill, EventChat:
		return 4
	case EventLeave:
		return 3
	case EventShot:
		return 8
	case EventExplosion:
		return 7
	case EventPickup:
		return 5
	case EventMatch:
		return 3
	}
	return 0
}

func (e *Encoder) event(ev *Event, tick uint32) {
	back := uint64(0)
	if ev.Tick < tick {
		back = uint64(tick - ev.Tick)
	}
	n := eventFields(ev.Kind)
	if n == 0 { // a kind this version does not know: [kind, ticks_back], which receivers skip
		e.array(2)
		e.uint(uint64(ev.Kind))
		e.uint(back)
		return
	}
	e.array(n)
	e.uint(uint64(ev.Kind))
	e.uint(back)
	if ev.Kind == EventMatch { // [10, ticks_back, match]
		e.match(ev.Match)
		return
	}
	e.uint(uint64(ev.Player))
	switch ev.Kind {
	case EventJoin:
		e.str(ev.Text, MaxNameBytes)
	case EventKill:
		e.uint(uint64(ev.Other))
	case EventChat:
		e.str(ev.Text, MaxChatBytes)
	case EventShot:
		e.uint(uint64(ev.Other))
		e.int(int64(ev.FromX))
		e.int(int64(ev.FromY))
		e.int(int64(ev.ToX))
		e.int(int64(ev.ToY))
	case EventExplosion:
		e.uint(uint64(ev.Item))
		e.uint(uint64(ev.Other))
		e.int(int64(ev.FromX))
		e.int(int64(ev.FromY))
	case EventPickup:
		e.uint(uint64(ev.Item))
		e.uint(uint64(ev.ItemKind))
	}
}
