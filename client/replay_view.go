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
			Cooldown:      time.Duration(pl.CooldownTicks) * time.Second / time.Duration(rate),
			Muzzle:        pl.Pos,
		})
	}
	return dst
}

// DrainEvents appends the events of the Steps played since the last call
// to dst: the shots, explosions, pickups and kills (with the weapon), as
// a live session reports them, the joins and leaves, and an EventMatch at
// each new match phase.
func (p *Replay) DrainEvents(dst []Event) []Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.events.drain(dst)
}

// pushEventsLocked queues the last Step's events; while seeking (!keep)
// only joins, leaves and match phases.
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
	for _, e := range w.Events() {
		if e.Kind == game.EventPhase { // even while seeking, as joins: the HUD follows phases
			st := w.Match()
			p.events.push(Event{Kind: EventMatch, Tick: tick, Player: st.Winner, Text: st.Phase.String()}, &p.dropped)
		}
	}
	if !keep {
		return
	}
	// A kill's weapon is that of its killer's last shot or explosion
	// before it in the Step, as the server's events tell a session.
	p.causes = p.causes[:0]
	for _, e := range w.Events() {
		ev := Event{Tick: tick, Player: e.Actor, Other: e.Target, Name: p.names[e.Actor], From: e.From, To: e.To}
		switch e.Kind {
		case game.EventShot:
			ev.Kind, ev.Weapon = EventShot, game.WeaponBlaster
		case game.EventExplosion:
			ev.Kind, ev.Item, ev.Weapon = EventExplosion, e.Item, game.WeaponRocket
		case game.EventPickup:
			ev.Kind, ev.Item = EventPickup, e.Item
			if pk := w.Pickups(); int(e.Item) >= 1 && int(e.Item) <= len(pk) {
				ev.Pickup = pk[e.Item-1].Kind
			}
		case game.EventKill:
			ev.Kind, ev.From, ev.To, ev.OtherName = EventKill, game.Vec2{}, game.Vec2{}, p.names[e.Target]
			for _, c := range p.causes {
				if c.player == e.Actor {
					ev.Weapon = c.weapon
				}
			}
		default:
			continue
		}
		if ev.Kind == EventShot || ev.Kind == EventExplosion {
			p.causes = append(p.causes, killCause{tick: tick, player: e.Actor, weapon: ev.Weapon})
		}
		p.events.push(ev, &p.dropped)
	}
}
