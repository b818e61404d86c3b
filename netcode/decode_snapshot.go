package netcode

import "arena/game"

// Decoding of the Snapshot message. Layout in docs/protocol.md.

// Smallest encodings: a kind block is [kind, []] (3 bytes), an event
// [kind, back] (3 bytes).
const (
	minKindBlockBytes = 3
	minEventBytes     = 3
	maxOwnInts        = 1 + 2 + 2 + 2 + 3 + 3 + 1 + MaxSteps + 2 + 2
)

// pos is the read position: the bytes of the frame decoded so far.
func (d *Decoder) pos() int { return d.off }

func (d *Decoder) snapshot(n int, m *Snapshot) (err error) {
	start := 0
	if err = d.fields("snapshot", n, snapshotFields); err != nil {
		return err
	}
	if m.Tick, err = d.u32("tick"); err != nil {
		return err
	}
	if m.Baseline, err = d.u32("baseline"); err != nil {
		return err
	}
	if m.Baseline > MaxSteps || m.Baseline > m.Tick {
		return d.fail("baseline", "%d out of range 0..min(%d, tick %d)", m.Baseline, MaxSteps, m.Tick)
	}
	m.SkippedKinds, m.SkippedEvents = 0, 0
	ownStart := d.pos()
	m.Sizes.Header = ownStart - start
	if err = d.ownSection(&m.Own, m.Baseline); err != nil {
		return err
	}
	entStart := d.pos()
	m.Sizes.Own = entStart - ownStart
	if err = d.entities(m); err != nil {
		return err
	}
	evStart := d.pos()
	m.Sizes.Entities = evStart - entStart
	if err = d.events(m); err != nil {
		return err
	}
	m.Sizes.Events = d.pos() - evStart
	return nil
}

func (d *Decoder) ownSection(o *OwnUpdate, baseline uint32) (err error) {
	n, err := d.arrayLen("own", 1, maxOwnInts, 1)
	if err != nil {
		return err
	}
	// Groups the mask leaves out are zero, not what the previous message
	// decoded into o held.
	*o = OwnUpdate{Steps: o.Steps[:0]}
	if o.Mask, err = d.u8("own.mask"); err != nil {
		return err
	}
	if baseline == 0 && o.Mask&OwnFull != OwnFull {
		return d.fail("own.mask", "%d: a full snapshot carries every group", o.Mask)
	}
	if want := OwnInts(o.Mask, baseline); n != want {
		return d.fail("own", "length %d, want %d for mask %d", n, want, o.Mask)
	}
	if o.Mask&OwnPos != 0 {
		if o.X, err = d.i32("own.x"); err != nil {
			return err
		}
		if o.Y, err = d.i32("own.y"); err != nil {
			return err
		}
	}
	if o.Mask&OwnVel != 0 {
		if o.VX, err = d.i32("own.vx"); err != nil {
			return err
		}
		if o.VY, err = d.i32("own.vy"); err != nil {
			return err
		}
	}
	if o.Mask&OwnVitals != 0 {
		if o.Health, err = d.u8("own.health"); err != nil {
			return err
		}
		if o.Flags, err = d.u8("own.flags"); err != nil {
			return err
		}
	}
	if o.Mask&OwnTimers != 0 {
		if o.RespawnTicks, err = d.u16("own.respawn_ticks"); err != nil {
			return err
		}
		if o.CooldownTicks, err = d.u16("own.cooldown_ticks"); err != nil {
			return err
		}
		if o.ProtectTicks, err = d.u16("own.protect_ticks"); err != nil {
			return err
		}
	}
	if o.Mask&OwnScore != 0 {
		if o.Kills, err = d.u16("own.kills"); err != nil {
			return err
		}
		if o.Deaths, err = d.u16("own.deaths"); err != nil {
			return err
		}
		if o.Score, err = d.i16("own.score"); err != nil {
			return err
		}
	}
	o.Steps = o.Steps[:0]
	if o.Mask&OwnInputs != 0 {
		if o.AckSeq, err = d.u32("own.ack_seq"); err != nil {
			return err
		}
		for range baseline {
			st, err := d.u32("own.step")
			if err != nil {
				return err
			}
			o.Steps = append(o.Steps, st)
		}
	}
	if o.Mask&OwnPong != 0 {
		if o.Pong.ClientTime, err = d.u64("own.client_time"); err != nil {
			return err
		}
		if o.Pong.HoldMicros, err = d.u32("own.hold_us"); err != nil {
			return err
		}
	}
	if o.Mask&OwnArms != 0 {
		if o.Weapon, err = d.u8("own.weapon"); err != nil {
			return err
		}
		if o.Ammo, err = d.u8("own.ammo"); err != nil {
			return err
		}
	}
	return nil
}

func (d *Decoder) entities(m *Snapshot) error {
	n, err := d.arrayLen("entities", 0, MaxKinds, minKindBlockBytes)
	if err != nil {
		return err
	}
	m.Players = m.Players[:0]
	m.Projectiles, m.Pickups = m.Projectiles[:0], m.Pickups[:0]
	var seen [4]bool
	for i := range n {
		d.enter("entities", i)
		if err := d.record(2); err != nil {
			return err
		}
		k, err := d.u8("kind")
		if err != nil {
			return err
		}
		if k >= KindPlayer && k <= KindPickup {
			if seen[k] {
				return d.fail("kind", "%d appears twice", k)
			}
			seen[k] = true
		}
		switch k {
		case KindPlayer:
			if err := d.playerStream(m); err != nil {
				return err
			}
		case KindProjectile:
			if err := d.projectileStream(m); err != nil {
				return err
			}
		case KindPickup:
			if err := d.pickupStream(m); err != nil {
				return err
			}
		default:
			if err := d.skip("updates", MaxMessageDepth); err != nil {
				return err
			}
			m.SkippedKinds++
		}
	}
	d.leaveList()
	return nil
}

// playerStream reads the player kind block's flat update stream.
func (d *Decoder) playerStream(m *Snapshot) error {
	n, err := d.arrayLen("updates", 0, MaxUpdateInts, 1)
	if err != nil {
		return err
	}
	var prev uint32
	for left := n; left > 0; {
		key, err := d.uint("key", (1<<16-1)<<5|31)
		if err != nil {
			return err
		}
		u := PlayerUpdate{Mask: uint8(key & 31)}
		id := prev + uint32(key>>5)
		switch {
		case key>>5 == 0:
			return d.fail("key", "%d: ids must ascend", key)
		case id > 1<<16-1:
			return d.fail("key", "%d: id %d > 65535", key, id)
		case u.Mask > PlayerEnter:
			return d.fail("key", "%d: mask %d is reserved", key, u.Mask)
		}
		u.ID, prev = game.PlayerID(id), id
		need := playerUpdateInts(u.Mask)
		if need > left {
			return d.fail("updates", "end inside player %d", id)
		}
		left -= need
		d.enter("players", int(id))
		if err := d.playerFields(&u); err != nil {
			return err
		}
		m.Players = append(m.Players, u)
	}
	return nil
}

func (d *Decoder) playerFields(u *PlayerUpdate) (err error) {
	if u.Mask == PlayerEnter {
		if u.X, err = d.i32("x"); err != nil {
			return err
		}
		if u.Y, err = d.i32("y"); err != nil {
			return err
		}
		if u.Aim, err = d.u8("aim"); err != nil {
			return err
		}
		return d.playerRest(u, true)
	}
	if u.Mask&PlayerPos != 0 {
		if u.X, err = d.i32("dx"); err != nil {
			return err
		}
		if u.Y, err = d.i32("dy"); err != nil {
			return err
		}
	}
	if u.Mask&PlayerAim != 0 {
		v, err := d.int("daim", -128, 127)
		if err != nil {
			return err
		}
		u.DAim = int8(v)
	}
	return d.playerRest(u, false)
}

// playerRest reads the vitals and score groups, both when entering.
func (d *Decoder) playerRest(u *PlayerUpdate, all bool) (err error) {
	if all || u.Mask&PlayerVitals != 0 {
		if u.Health, err = d.u8("health"); err != nil {
			return err
		}
		if u.Flags, err = d.u8("flags"); err != nil {
			return err
		}
	}
	if all || u.Mask&PlayerScore != 0 {
		if u.Kills, err = d.u16("kills"); err != nil {
			return err
		}
		if u.Deaths, err = d.u16("deaths"); err != nil {
			return err
		}
		if u.Score, err = d.i16("score"); err != nil {
			return err
		}
	}
	return nil
}

func (d *Decoder) events(m *Snapshot) error {
	n, err := d.arrayLen("events", 0, MaxEvents, minEventBytes)
	if err != nil {
		return err
	}
	m.Events = m.Events[:0]
	for i := range n {
		d.enter("events", i)
		fields, err := d.arrayLen("", 2, maxMessageFields, 1)
		if err != nil {
			return err
		}
		k, err := d.u8("kind")
		if err != nil {
			return err
		}
		back, err := d.u32("ticks_back")
		if err != nil {
			return err
		}
		if back > m.Tick {
			return d.fail("ticks_back", "%d > tick %d", back, m.Tick)
		}
		e := Event{Kind: EventKind(k), Tick: m.Tick - back}
		want := eventFields(e.Kind)
		if want == 0 {
			for j := 2; j < fields; j++ {
				if err := d.skip("", MaxMessageDepth); err != nil {
					return err
				}
			}
			m.SkippedEvents++
			continue
		}
		if fields != want {
			return d.fail("", "length %d, want %d for kind %d", fields, want, k)
		}
		if err := d.eventFields(&e); err != nil {
			return err
		}
		m.Events = append(m.Events, e)
	}
	d.leaveList()
	return nil
}

func (d *Decoder) eventFields(e *Event) (err error) {
	switch e.Kind {
	case EventMatch:
		if e.Match, err = d.match("match"); err == nil && e.Match == nil {
			err = d.fail("match", "is empty")
		}
		return err
	case EventChat:
		if e.Player, err = d.playerID("player"); err != nil {
			return err
		}
	default:
		if e.Player, err = d.nonZeroPlayerID("player"); err != nil {
			return err
		}
	}
	switch e.Kind {
	case EventJoin:
		e.Text, err = d.str("name", MaxNameBytes)
	case EventKill:
		e.Other, err = d.nonZeroPlayerID("victim")
	case EventChat:
		e.Text, err = d.str("text", MaxChatBytes)
	case EventShot:
		if e.Other, err = d.playerID("target"); err != nil {
			return err
		}
		if e.FromX, err = d.i32("from_x"); err != nil {
			return err
		}
		if e.FromY, err = d.i32("from_y"); err != nil {
			return err
		}
		if e.ToX, err = d.i32("to_x"); err != nil {
			return err
		}
		e.ToY, err = d.i32("to_y")
	case EventExplosion:
		if e.Item, err = d.u16("projectile"); err != nil {
			return err
		}
		if e.Other, err = d.playerID("target"); err != nil {
			return err
		}
		if e.FromX, err = d.i32("x"); err != nil {
			return err
		}
		e.FromY, err = d.i32("y")
	case EventPickup:
		if e.Item, err = d.u16("pickup"); err != nil {
			return err
		}
		e.ItemKind, err = d.u8("kind")
	}
	return err
}
