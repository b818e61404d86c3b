package server

import (
	"sort"
	"time"
)

// tally is a room's share of the server's Metrics over one tick (all but
// the tick's duration, observed after it), counted in plain fields by the
// room goroutine and added to the shared atomics once, at the end of the
// tick (flush). The Metrics' counters sit side by side and every room on
// both cores updated them per snapshot, per read and per input: at 2000
// bench clients half a million atomic adds a second, each moving a cache
// line from the other core. Per tick it is a dozen per room.
type tally struct {
	bytesPolled     uint64 // read from polled sockets (BytesReceived and BytesPolled)
	messages        uint64 // data messages read from polled sockets
	snapshots       uint64
	snapshotsFull   uint64
	snapshotsStale  uint64
	snapshotsDirect uint64
	snapshotBytes   uint64
	bytesSent       uint64 // written by the room itself
	inputsMissed    uint64
	inputsTrimmed   uint64
	inputDelay      histogramTally
	tickLateness    histogramTally
}

// histogramTally is observations of one Histogram not added to it yet.
type histogramTally struct {
	counts [16]uint64 // by the Histogram's bucket; room for tickBuckets' 12
	n      int        // observations
	sum    time.Duration
	max    time.Duration
}

// observe records d in the bucket h would put it in.
func (t *histogramTally) observe(h *Histogram, d time.Duration) {
	i := sort.Search(len(h.bounds), func(i int) bool { return d <= h.bounds[i] })
	if i >= len(t.counts) {
		h.Observe(d) // a histogram with more buckets than a tally holds
		return
	}
	t.counts[i]++
	t.n++
	t.sum += d
	t.max = max(t.max, d)
}

// flush adds the tally to m and clears it.
func (t *tally) flush(m *Metrics) {
	add := func(c interface{ Add(uint64) uint64 }, v uint64) {
		if v != 0 {
			c.Add(v)
		}
	}
	if t.bytesPolled != 0 {
		m.BytesReceived.Add(t.bytesPolled)
		m.BytesPolled.Add(t.bytesPolled)
	}
	add(&m.MessagesReceived, t.messages)
	add(&m.Snapshots, t.snapshots)
	add(&m.SnapshotsFull, t.snapshotsFull)
	add(&m.SnapshotsStale, t.snapshotsStale)
	add(&m.SnapshotsDirect, t.snapshotsDirect)
	add(&m.SnapshotBytes, t.snapshotBytes)
	add(&m.BytesSent, t.bytesSent)
	add(&m.InputsMissed, t.inputsMissed)
	add(&m.InputsTrimmed, t.inputsTrimmed)
	m.InputDelay.add(&t.inputDelay)
	m.TickLateness.add(&t.tickLateness)
	*t = tally{}
}

// add adds a tally's observations to h.
func (h *Histogram) add(t *histogramTally) {
	if t.n == 0 {
		return
	}
	for i, c := range t.counts[:min(len(t.counts), len(h.counts))] {
		if c != 0 {
			h.counts[i].Add(c)
		}
	}
	h.sum.Add(int64(t.sum))
	for {
		m := h.max.Load()
		if int64(t.max) <= m || h.max.CompareAndSwap(m, int64(t.max)) {
			return
		}
	}
}
