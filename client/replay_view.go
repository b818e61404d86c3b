package client

// What a Replay shows: the recorded World's players, drawn between the
// last two Steps at the playback position, and its events.

import (
	"math"
	"time"

	"arena/game"
)

// replaySnapDistance is how far a player may move in one Step and still
// be drawn between its two positions: further is a respawn, drawn where
// it arrived.
const replaySnapDistance = 56

// Players appends the recorded players as of the playback position to
// dst, ordered by ID; none is Local. now is not used: the position is the
// last Update's.
func (p *Replay) Players(_ time.Time, dst []PlayerView) []PlayerView {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := p.r.World()
	rate := p.rec.Header.TickRate
	// The position is up to a tick past the World (pos is fractional);
	// draw between the Step before and the last one.
	alpha := 1.0
	if !p.paused && p.target < 0 && !p.r.Done() {
		alpha = math.Max(0, math.Min(1, 1-(float64(p.tickLocked())-p.pos)))
	}
	for _, pl := range w.Players() {
		pos := pl.Pos
		if prev, ok := p.prev[pl.ID]; ok && prev.Dist(pos) < replaySnapDistance {
			pos = prev.Add(pos.Sub(prev).Scale(alpha))
		}
		dst = append(dst, PlayerView{
			ID:            pl.ID,
			Name:          pl.Name,
			Pos:           pos,
			Vel:           pl.Vel,
			Aim:           game.AimToAngle(pl.Aim),
			Health:        pl.Health,
			Alive:         pl.Alive,
			Protected:     pl.ProtectTicks > 0,
			Bot:           pl.Bot,
			RespawnIn:     time.Duration(pl.RespawnTicks) * time.Second / time.Duration(rate),
			Kills:         pl.Kills,
			Deaths:        pl.Deaths,
			Score:         pl.Score,
			CooldownTicks: pl.CooldownTicks,
			Weapon:        pl.Weapon,
			Ammo:          pl.Ammo,
			Muzzle:        pl.Pos,
		})
	}
	return dst
}

// DrainEvents appends the events of the Steps played since the last call
// to dst: the shots and kills, as a live session reports them, and the
// joins and leaves.
func (p *Replay) DrainEvents(dst []Event) []Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.events.drain(dst)
}

// pushEventsLocked queues the last Step's events; while seeking (!keep)
// only joins and leaves.
func (p *Replay) pushEventsLocked(keep bool) {
	w := p.r.World()
	tick := w.Tick()
	for _, c := range p.r.Changes() {
		if c.Join {
			p.names[c.ID] = c.Name
			p.events.push(Event{Kind: EventJoin, Tick: tick, Player: c.ID, Name: c.Name}, &p.dropped)
		} else {
			p.events.push(Event{Kind: EventLeave, Tick: tick, Player: c.ID, Name: p.names[c.ID]}, &p.dropped)
			delete(p.names, c.ID)
		}
	}
	if !keep {
		return
	}
	cause := game.WeaponBlaster // the weapon of the last shot or explosion: a kill follows its cause
	for _, e := range w.Events() {
		ev := Event{Tick: tick, Player: e.Actor, Other: e.Target, Name: p.names[e.Actor]}
		switch e.Kind {
		case game.EventShot:
			ev.Kind, ev.From, ev.To = EventShot, e.From, e.To
			cause = game.WeaponBlaster
		case game.EventKill:
			ev.Kind, ev.Weapon = EventKill, cause
		default:
			if !replayEntityEvent(w, e, &ev) {
				continue
			}
			if ev.Kind == EventExplosion {
				cause = game.WeaponRocket
			}
		}
		p.events.push(ev, &p.dropped)
	}
}
