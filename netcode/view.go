package netcode

// The state one client knows of its room, rebuilt snapshot by snapshot.

import (
	"fmt"
	"slices"

	"arena/game"
)

// View is what one client knows of its room at a snapshot tick: its own
// player exactly, the players it sees as RemotePlayers, and the newest of
// its inputs the server has consumed. A client keeps one View and applies
// every Snapshot to it in order (Apply); the server's delta for the next
// snapshot is against exactly this state. A View is not safe for
// concurrent use.
type View struct {
	Tick   uint32 // 0 before the first snapshot
	Self   game.PlayerID
	Own    PlayerState // exact; Aim is not sent to the owner and stays 0
	AckSeq uint32      // seq of the newest own input consumed by Tick (see OwnUpdate.AckSeq)
	Others []RemotePlayer
	// Projectiles are the projectiles in view, ordered by ID; Pickups
	// every pickup, ordered by ID, their RespawnTicks as of Tick.
	Projectiles []ViewProjectile
	Pickups     []PickupState

	scratch           []RemotePlayer
	projectileScratch []ViewProjectile
	pickupScratch     []PickupState
}

// ApplyError says a Snapshot does not fit the View it was applied to: a
// server bug, or a client that lost a snapshot. The View is unchanged.
type ApplyError struct{ Reason string }

// Error returns the reason with a "netcode: snapshot: " prefix.
func (e *ApplyError) Error() string { return "netcode: snapshot: " + e.Reason }

func applyErrorf(format string, args ...any) error {
	return &ApplyError{Reason: cutString(fmt.Sprintf(format, args...), maxReasonBytes)}
}

// Apply applies s to v: a full snapshot replaces it, a delta must be
// against v (s.Tick - s.Baseline == v.Tick). On error v is unchanged and the
// error is an *ApplyError. The decoder has checked s's structure (for
// example that a full snapshot carries every own group).
func (v *View) Apply(s *Snapshot) error {
	if s.Baseline != 0 {
		if v.Tick == 0 {
			return applyErrorf("delta at tick %d before any full snapshot", s.Tick)
		}
		if s.Tick-s.Baseline != v.Tick || s.Baseline > s.Tick {
			return applyErrorf("baseline tick %d is not the last snapshot (%d)", s.Tick-s.Baseline, v.Tick)
		}
	} else if s.Own.Mask&OwnFull != OwnFull {
		return applyErrorf("full snapshot without every own group (mask %d)", s.Own.Mask)
	}
	own, ack, err := v.applyOwn(s)
	if err != nil {
		return err
	}
	if err := v.applyPlayers(s); err != nil {
		return err
	}
	// The player merge is in v.Others now; a failure below must not leave
	// v half applied, so the entity merges only fill scratch until all
	// three have succeeded.
	if err := v.applyProjectiles(s); err != nil {
		v.Others, v.scratch = v.scratch, v.Others
		return err
	}
	if err := v.applyPickups(s); err != nil {
		v.Others, v.scratch = v.scratch, v.Others
		return err
	}
	v.Projectiles, v.projectileScratch = v.projectileScratch, v.Projectiles
	v.Pickups, v.pickupScratch = v.pickupScratch, v.Pickups
	v.Tick, v.Own, v.AckSeq = s.Tick, own, ack
	return nil
}

func (v *View) applyOwn(s *Snapshot) (PlayerState, uint32, error) {
	o := &s.Own
	if s.Baseline == 0 {
		p := PlayerState{
			ID: v.Self, X: o.X, Y: o.Y, VX: o.VX, VY: o.VY,
			Health: o.Health, Flags: o.Flags,
			RespawnTicks: o.RespawnTicks, CooldownTicks: o.CooldownTicks, ProtectTicks: o.ProtectTicks,
			Kills: o.Kills, Deaths: o.Deaths, Score: o.Score,
			Weapon: o.Weapon, Ammo: o.Ammo,
		}
		return p, o.AckSeq, nil
	}
	p, elapsed := v.Own, s.Baseline
	if o.Mask&OwnPos != 0 {
		p.X, p.Y = p.X+o.X, p.Y+o.Y
	}
	if o.Mask&OwnVel != 0 {
		p.VX, p.VY = o.VX, o.VY
	}
	if o.Mask&OwnVitals != 0 {
		p.Health, p.Flags = o.Health, o.Flags
	}
	if o.Mask&OwnTimers != 0 {
		p.RespawnTicks, p.CooldownTicks, p.ProtectTicks = o.RespawnTicks, o.CooldownTicks, o.ProtectTicks
	} else {
		p.RespawnTicks = CountDown(p.RespawnTicks, elapsed)
		p.CooldownTicks = CountDown(p.CooldownTicks, elapsed)
		p.ProtectTicks = CountDown(p.ProtectTicks, elapsed)
	}
	if o.Mask&OwnScore != 0 {
		p.Kills, p.Deaths, p.Score = o.Kills, o.Deaths, o.Score
	}
	if o.Mask&OwnArms != 0 {
		p.Weapon, p.Ammo = o.Weapon, o.Ammo
	}
	ack := v.AckSeq + elapsed
	if o.Mask&OwnInputs != 0 {
		sum := uint64(v.AckSeq)
		for _, st := range o.Steps {
			sum += uint64(st)
		}
		if sum != uint64(o.AckSeq) {
			return p, 0, applyErrorf("ack_seq %d, but %d plus the steps is %d", o.AckSeq, v.AckSeq, sum)
		}
		ack = o.AckSeq
	}
	return p, ack, nil
}

// applyPlayers merges the player updates (ordered by ID) into v.Others.
func (v *View) applyPlayers(s *Snapshot) error {
	if s.Baseline == 0 {
		v.scratch = v.scratch[:0]
		for i := range s.Players {
			u := &s.Players[i]
			if u.Mask != PlayerEnter {
				return applyErrorf("full snapshot: player %d is not entering", u.ID)
			}
			v.scratch = append(v.scratch, enteredPlayer(u))
		}
		v.Others, v.scratch = v.scratch, v.Others
		return nil
	}
	out := v.scratch[:0]
	old := v.Others
	for i := range s.Players {
		u := &s.Players[i]
		for len(old) > 0 && old[0].ID < u.ID {
			out = append(out, old[0])
			old = old[1:]
		}
		have := len(old) > 0 && old[0].ID == u.ID
		switch {
		case u.Mask == PlayerEnter:
			if have {
				return applyErrorf("player %d entered but is already in view", u.ID)
			}
			out = append(out, enteredPlayer(u))
		case !have:
			return applyErrorf("update of player %d, which is not in view", u.ID)
		case u.Mask == PlayerGone:
			old = old[1:]
		default:
			p := old[0]
			old = old[1:]
			if u.Mask&PlayerPos != 0 {
				p.X, p.Y = p.X+u.X, p.Y+u.Y
			}
			if u.Mask&PlayerAim != 0 {
				p.Aim += uint8(u.DAim)
			}
			if u.Mask&PlayerVitals != 0 {
				p.Health, p.Flags = u.Health, u.Flags
			}
			if u.Mask&PlayerScore != 0 {
				p.Kills, p.Deaths, p.Score = u.Kills, u.Deaths, u.Score
			}
			out = append(out, p)
		}
	}
	out = append(out, old...)
	v.scratch = out
	v.Others, v.scratch = v.scratch, v.Others
	return nil
}

func enteredPlayer(u *PlayerUpdate) RemotePlayer {
	return RemotePlayer{
		ID: u.ID, X: u.X, Y: u.Y, Aim: u.Aim,
		Health: u.Health, Flags: u.Flags,
		Kills: u.Kills, Deaths: u.Deaths, Score: u.Score,
	}
}

// Other returns the player id in v.Others, or nil.
func (v *View) Other(id game.PlayerID) *RemotePlayer {
	i, ok := slices.BinarySearchFunc(v.Others, id, func(p RemotePlayer, id game.PlayerID) int {
		return int(p.ID) - int(id)
	})
	if !ok {
		return nil
	}
	return &v.Others[i]
}

// ViewOf returns the View a client should hold after the snapshot of f for
// self, seeing visible (ascending, without self), with ackSeq the newest of
// self's inputs consumed. It is what Apply must arrive at; tests and tools
// compare against it.
func ViewOf(f *Frame, self game.PlayerID, visible []game.PlayerID, ackSeq uint32) View {
	v := View{Tick: f.Tick, Self: self, AckSeq: ackSeq}
	if p := f.Player(self); p != nil {
		v.Own = *p
		v.Own.Aim = 0
	}
	for _, id := range visible {
		if p := f.Player(id); p != nil {
			v.Others = append(v.Others, RemoteOf(p))
		}
	}
	return v
}
