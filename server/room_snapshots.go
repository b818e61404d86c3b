package server

// Snapshots: the World captured once per snapshot tick into a ring of
// Frames, then one delta per client against the snapshot that client is
// sure to have received.

import (
	"time"

	"arena/game"
	"arena/netcode"
)

// frameHistory is how many captured Frames a room keeps as baselines. A
// client whose writer has not taken a snapshot for that long (a second at
// 30 Hz) gets a full one.
const frameHistory = 32

// viewHysteresis is how far beyond the view box a visible entity may go
// before it leaves a client's view, in world units.
const viewHysteresis = 64

// frameRing is the room's recent Frames, owned by the room goroutine.
type frameRing struct {
	ring [frameHistory]netcode.Frame
	next int // index the next capture writes
}

// capture captures the World into the oldest slot and returns its index.
func (f *frameRing) capture(tick uint32, players []*game.Player) int {
	i := f.next
	netcode.Capture(&f.ring[i], tick, players)
	f.next = (i + 1) % frameHistory
	return i
}

// at returns the frame at index i if it still holds tick, else nil.
func (f *frameRing) at(i int, tick uint32) *netcode.Frame {
	if fr := &f.ring[i]; fr.Tick == tick && tick != 0 {
		return fr
	}
	return nil
}

// sendSnapshots captures the World once and puts a snapshot in every
// member's slot.
func (r *Room) sendSnapshots(tick uint32, now time.Time) {
	fi := r.frames.capture(tick, r.rules.Players())
	cur := &r.frames.ring[fi]
	r.captureEntities(cur)
	r.interest.Index(cur)
	for _, m := range r.members {
		if m.peer != nil { // nil: dropped, waiting for a resume
			r.sendSnapshot(m, cur, fi, now)
		}
	}
}

// sendSnapshot encodes cur for m, under m's queue lock so that the baseline
// it picks, the last snapshot m's writer took, is what the client holds
// when this one arrives.
func (r *Room) sendSnapshot(m *member, cur *netcode.Frame, fi int, now time.Time) {
	q := m.peer.queue()
	taken, buf, ok := q.beginSnapshot()
	if !ok {
		return
	}
	// A snapshot still waiting in the slot is about to be replaced unsent:
	// the Ping it answered must ride this one instead.
	carried := m.pending.ping
	if m.pending.tick == 0 || taken == m.pending.tick {
		carried.ok = false
	}
	if taken != 0 && taken == m.pending.tick {
		// The writer took the snapshot that was waiting: it is the baseline now.
		m.sent, m.pending = m.pending, m.sent
	}
	rc := &r.recip
	*rc = netcode.Recipient{Self: m.id, AckSeq: m.appliedSeq, Visible: rc.Visible[:0], Steps: rc.Steps[:0]}
	eventsFrom := m.eventsFrom
	var prevVisible []game.PlayerID
	if taken != 0 && taken == m.sent.tick {
		eventsFrom, prevVisible = m.sent.eventSeq, m.sent.visible
		if base := r.frames.at(m.sent.frame, m.sent.tick); base != nil && cur.Tick-base.Tick <= netcode.MaxSteps {
			rc.Base, rc.BaseVisible = base, m.sent.visible
			for t := base.Tick + 1; t <= cur.Tick; t++ {
				rc.Steps = append(rc.Steps, m.steps[t%stepHistory])
			}
		}
	}
	rc.Visible = r.interest.Visible(rc.Visible, m.id, prevVisible)
	rc.ProjectileBox = r.projectileBox()
	p, ok := m.inputs.takePing()
	if !ok {
		p, ok = carried, carried.ok
	}
	if ok {
		r.pong = netcode.Pong{ClientTime: p.clientTime, HoldMicros: holdMicros(now.Sub(p.at))}
		rc.Pong = &r.pong
	}
	s := &r.snap
	s.Build(cur, rc)
	var evOK bool
	var lastEvent uint64
	s.Events, lastEvent, evOK = r.events.appendSince(s.Events, eventsFrom, netcode.MaxEvents)
	if !evOK {
		q.abortSnapshot(buf)
		m.peer.fellBehind("fell too far behind: missed room events")
		return
	}
	payload := r.enc.Snapshot(s)
	buf = appendFrame(buf, frameBinary, payload)
	m.pending.tick, m.pending.frame, m.pending.eventSeq, m.pending.ping = cur.Tick, fi, lastEvent, p
	m.pending.visible = append(m.pending.visible[:0], rc.Visible...)
	replaced, written := q.endSnapshot(buf, cur.Tick)
	t := &r.tally
	if replaced {
		t.snapshotsStale++
	}
	if written == len(buf) {
		t.snapshotsDirect++
	}
	t.bytesSent += uint64(max(written, 0)) // the writer counts the rest
	t.snapshots++
	t.snapshotBytes += uint64(len(payload))
	if s.Baseline == 0 {
		t.snapshotsFull++
	}
}

// holdMicros is d in whole microseconds, within a uint32.
func holdMicros(d time.Duration) uint32 {
	return uint32(min(max(d.Microseconds(), 0), 1<<32-1))
}
