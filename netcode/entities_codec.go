package netcode

// Encoding and decoding of the projectile and pickup kind blocks. Layout in
// docs/protocol.md. Both are flat integer streams like the player block:
// per update a key, (id − previous id) × 4 + mask, then the mask's fields.

// entityKeyShift is how far an id difference is shifted in a projectile or
// pickup key; the low bits are the mask.
const entityKeyShift = 2

func projectileUpdateInts(mask uint8) int {
	if mask == ProjectileEnter {
		return 1 + 5
	}
	return 1
}

func pickupUpdateInts(mask uint8) int {
	switch mask {
	case PickupEnter:
		return 1 + 4
	case PickupTimer:
		return 1 + 1
	}
	return 1
}

// projectileBlock writes [2, updates] when there are any.
func (e *Encoder) projectileBlock(us []ProjectileUpdate) {
	if len(us) == 0 {
		return
	}
	n := 0
	for i := range us {
		n += projectileUpdateInts(us[i].Mask)
	}
	e.array(2)
	e.uint(uint64(KindProjectile))
	e.array(n)
	var prev uint64
	for i := range us {
		u := &us[i]
		e.uint((uint64(u.ID)-prev)<<entityKeyShift | uint64(u.Mask))
		prev = uint64(u.ID)
		if u.Mask == ProjectileEnter {
			e.uint(uint64(u.Owner))
			e.int(int64(u.X))
			e.int(int64(u.Y))
			e.uint(uint64(u.Aim))
			e.uint(uint64(u.Age))
		}
	}
}

// pickupBlock writes [3, updates] when there are any.
func (e *Encoder) pickupBlock(us []PickupUpdate) {
	if len(us) == 0 {
		return
	}
	n := 0
	for i := range us {
		n += pickupUpdateInts(us[i].Mask)
	}
	e.array(2)
	e.uint(uint64(KindPickup))
	e.array(n)
	var prev uint64
	for i := range us {
		u := &us[i]
		e.uint((uint64(u.ID)-prev)<<entityKeyShift | uint64(u.Mask))
		prev = uint64(u.ID)
		switch u.Mask {
		case PickupEnter:
			e.uint(uint64(u.Kind))
			e.int(int64(u.X))
			e.int(int64(u.Y))
			e.uint(uint64(u.RespawnTicks))
		case PickupTimer:
			e.uint(uint64(u.RespawnTicks))
		}
	}
}

// entityKey reads a projectile or pickup key: the id after prev and the
// mask, which must be at most maxMask.
func (d *Decoder) entityKey(prev uint32, maxMask uint8) (id uint32, mask uint8, err error) {
	key, err := d.uint("key", (1<<16-1)<<entityKeyShift|(1<<entityKeyShift-1))
	if err != nil {
		return 0, 0, err
	}
	mask = uint8(key & (1<<entityKeyShift - 1))
	id = prev + uint32(key>>entityKeyShift)
	switch {
	case key>>entityKeyShift == 0:
		return 0, 0, d.fail("key", "%d: ids must ascend", key)
	case id > 1<<16-1:
		return 0, 0, d.fail("key", "%d: id %d > 65535", key, id)
	case mask > maxMask:
		return 0, 0, d.fail("key", "%d: mask %d is reserved", key, mask)
	}
	return id, mask, nil
}

// projectileStream reads the projectile kind block's update stream.
func (d *Decoder) projectileStream(m *Snapshot) error {
	n, err := d.arrayLen("updates", 0, MaxUpdateInts, 1)
	if err != nil {
		return err
	}
	var prev uint32
	for left := n; left > 0; {
		id, mask, err := d.entityKey(prev, ProjectileEnter)
		if err != nil {
			return err
		}
		prev = id
		need := projectileUpdateInts(mask)
		if need > left {
			return d.fail("updates", "end inside projectile %d", id)
		}
		left -= need
		d.enter("projectiles", int(id))
		u := ProjectileUpdate{Mask: mask, ProjectileState: ProjectileState{ID: uint16(id)}}
		if mask == ProjectileEnter {
			if u.Owner, err = d.nonZeroPlayerID("owner"); err != nil {
				return err
			}
			if u.X, err = d.i32("x"); err != nil {
				return err
			}
			if u.Y, err = d.i32("y"); err != nil {
				return err
			}
			if u.Aim, err = d.u16("aim"); err != nil {
				return err
			}
			if u.Age, err = d.u16("age"); err != nil {
				return err
			}
		}
		m.Projectiles = append(m.Projectiles, u)
	}
	return nil
}

// pickupStream reads the pickup kind block's update stream.
func (d *Decoder) pickupStream(m *Snapshot) error {
	n, err := d.arrayLen("updates", 0, MaxUpdateInts, 1)
	if err != nil {
		return err
	}
	var prev uint32
	for left := n; left > 0; {
		id, mask, err := d.entityKey(prev, PickupTimer)
		if err != nil {
			return err
		}
		prev = id
		need := pickupUpdateInts(mask)
		if need > left {
			return d.fail("updates", "end inside pickup %d", id)
		}
		left -= need
		d.enter("pickups", int(id))
		u := PickupUpdate{Mask: mask, PickupState: PickupState{ID: uint16(id)}}
		switch mask {
		case PickupEnter:
			if u.Kind, err = d.u8("kind"); err != nil {
				return err
			}
			if u.X, err = d.i32("x"); err != nil {
				return err
			}
			if u.Y, err = d.i32("y"); err != nil {
				return err
			}
			if u.RespawnTicks, err = d.u16("respawn_ticks"); err != nil {
				return err
			}
		case PickupTimer:
			if u.RespawnTicks, err = d.u16("respawn_ticks"); err != nil {
				return err
			}
		}
		m.Pickups = append(m.Pickups, u)
	}
	return nil
}
