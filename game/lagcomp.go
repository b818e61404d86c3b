package game

import "time"

// Lag compensation: a shot is resolved against the other players where the
// shooter saw them, not where they are now. A client draws the others about
// a round trip and an interpolation delay in the past, so a player who aims
// exactly at what it sees would miss every moving target without it. The
// World keeps a second of the past to rewind to; how far back one shot may
// go is capped (Config.LagCompMax), so a client claiming to have seen a
// stale world cannot shoot at it.

// Lag compensation limits.
const (
	// DefaultLagCompMax is the cap on how far back a shot is resolved,
	// measured from its command's slot: a 150 ms round trip plus the
	// client's interpolation delay fits, with room for jitter.
	DefaultLagCompMax = 250 * time.Millisecond
	// MaxLagCompMax is the longest cap: the World keeps this much history.
	MaxLagCompMax = time.Second
	// LagCompOff as Config.LagCompMax turns lag compensation off: every
	// shot hits the positions of the tick it is fired in.
	LagCompOff time.Duration = -1
)

// posHistory is where every player was, and whether it was alive, after
// each of the last len(ring) Steps. Its buffers are reused from Step to
// Step, so recording allocates nothing once they have grown to the number
// of players.
type posHistory struct {
	ring []pastTick // ring[tick % len(ring)]
}

// pastTick is the players after one Step, in ascending id order.
type pastTick struct {
	tick    uint32 // 0: nothing recorded here yet
	players []pastPlayer
}

type pastPlayer struct {
	id    PlayerID
	pos   Vec2
	alive bool
}

func newPosHistory(ticks uint32) posHistory {
	return posHistory{ring: make([]pastTick, max(ticks, 1))}
}

// record stores the players after the Step that made tick.
func (h *posHistory) record(tick uint32, players []*Player) {
	e := &h.ring[tick%uint32(len(h.ring))]
	e.tick = tick
	e.players = e.players[:0]
	for _, p := range players {
		e.players = append(e.players, pastPlayer{id: p.ID, pos: p.Pos, alive: p.Alive})
	}
}

// at returns the players after the Step that made tick, or nil when that
// tick is not (or no longer) recorded.
func (h *posHistory) at(tick uint32) *pastTick {
	if e := &h.ring[tick%uint32(len(h.ring))]; e.tick == tick && tick != 0 {
		return e
	}
	return nil
}

// find returns player id as it was at e's tick; ok is false when it was
// not in the World then (or e is nil).
func (e *pastTick) find(id PlayerID) (p pastPlayer, ok bool) {
	if e == nil {
		return pastPlayer{}, false
	}
	lo, hi := 0, len(e.players)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if e.players[mid].id < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(e.players) && e.players[lo].id == id {
		return e.players[lo], true
	}
	return pastPlayer{}, false
}

// rewindTick is the tick a shot of a command with viewTick and late is
// resolved at, during the Step that makes w.tick: the tick the shooter saw,
// but no earlier than the cap before the command's slot (w.tick − late),
// never after the current tick and never before the history. viewTick 0,
// or lag compensation off, is the current tick.
func (w *World) rewindTick(viewTick, late uint32) uint32 {
	now := w.tick
	if viewTick == 0 || w.lagCompTicks == 0 {
		return now
	}
	slot := now - min(late, now)
	earliest := slot - min(w.lagCompTicks, slot)
	oldest := uint32(1)
	if n := uint32(len(w.history.ring)); now > n {
		oldest = now - n
	}
	return min(max(viewTick, earliest, oldest), now)
}

// lagCompTicks converts a Config.LagCompMax to whole ticks at tickRate: 0
// when lag compensation is off.
func lagCompTicks(d time.Duration, tickRate int) uint32 {
	if d <= 0 {
		return 0
	}
	return uint32(d.Seconds()*float64(tickRate) + 0.5)
}
