package prom

import (
	"sort"

	"github.com/prometheus/client_golang/prometheus"

	"arena/server"
)

// namespace prefixes every metric of the Collector.
const namespace = "gameserver"

// Collector is a prometheus.Collector reading a server.Server at scrape
// time. It may be collected concurrently.
type Collector struct {
	srv *server.Server

	gauges     []gaugeDesc
	counters   []counterDesc
	labelled   []labelledDesc
	histograms []histogramDesc
	rateMin    *prometheus.Desc
	names      []string // of every Desc above
}

// gaugeDesc is a gauge and how to read it.
type gaugeDesc struct {
	desc *prometheus.Desc
	read func(s *state) float64
}

// counterDesc is a counter and the server counter it reads.
type counterDesc struct {
	desc *prometheus.Desc
	read func(m *server.Metrics) uint64
}

// labelledDesc is a counter with one label, read as a map of label values
// to counts; fixed lists the label values exported even when 0.
type labelledDesc struct {
	desc  *prometheus.Desc
	read  func(m *server.Metrics) map[string]uint64
	fixed []string
}

// histogramDesc is a histogram and the server histogram it reads.
type histogramDesc struct {
	desc *prometheus.Desc
	read func(m *server.Metrics) *server.Histogram
}

// badMessageReasons are the reasons of server.Metrics.BadMessages, exported
// at 0 before the first: a series that appears at its first count would hide
// that count from rate() and increase(), and from the alerts on them.
var badMessageReasons = []string{"decode", "text_frame", "too_big", "frame", "protocol", "version",
	"subprotocol", "hello_timeout", "rate"}

// watchedCloseCodes are the close codes of Disconnects exported at 0 before
// the first, for the same reason: those the dashboard and the recommended
// alerts watch (others appear when they first happen).
var watchedCloseCodes = []string{"1000", "1001", "1008", "1011", "4000", "4001", "4003", "4005", "4006", "4007", "abnormal"}

// state is what a scrape reads once from the server for the gauges.
type state struct {
	rooms      []server.RoomInfo
	players    int
	bots       int
	conns      int64
	accepting  bool
	tickRate   int
	minAchieve float64 // lowest achieved tick rate among rooms past their first second; -1: none
}

// NewCollector returns a Collector of srv.
func NewCollector(srv *server.Server) *Collector {
	c := &Collector{srv: srv}
	desc := func(n, help string, labels ...string) *prometheus.Desc {
		name := prometheus.BuildFQName(namespace, "", n)
		c.names = append(c.names, name)
		return prometheus.NewDesc(name, help, labels, nil)
	}
	c.gauges = []gaugeDesc{
		{desc("rooms", "Rooms open in this process."), func(s *state) float64 { return float64(len(s.rooms)) }},
		{desc("players", "Players seated in this process's rooms (those whose connection dropped and whose seat is held included)."),
			func(s *state) float64 { return float64(s.players) }},
		{desc("bots", "Server-side bots playing in this process's rooms (-min-players); not counted in players."),
			func(s *state) float64 { return float64(s.bots) }},
		{desc("connections", "WebSocket connections open now, joined or not."), func(s *state) float64 { return float64(s.conns) }},
		{desc("accepting", "1 while the server takes new players (/readyz 200), 0 once shutdown began."),
			func(s *state) float64 { return boolFloat(s.accepting) }},
		{desc("tick_rate", "Configured simulation ticks per second of every room."), func(s *state) float64 { return float64(s.tickRate) }},
	}
	c.rateMin = desc("tick_rate_achieved_min",
		"Lowest tick rate any room achieved over its last second, ticks per second (absent with no room past its first second).")
	counter := func(n, help string, read func(m *server.Metrics) uint64) counterDesc {
		return counterDesc{desc(n, help), read}
	}
	c.counters = []counterDesc{
		counter("connections_accepted_total", "WebSocket connections accepted.", func(m *server.Metrics) uint64 { return m.Connections.Load() }),
		counter("connections_refused_total", "Connections closed at once by the connection limits (1013).", func(m *server.Metrics) uint64 { return m.ConnsRefused.Load() }),
		counter("leaves_total", "Players that left a room.", func(m *server.Metrics) uint64 { return m.Leaves.Load() }),
		counter("seats_held_total", "Players whose connection dropped, their seat kept for a resume.", func(m *server.Metrics) uint64 { return m.SeatsHeld.Load() }),
		counter("seats_expired_total", "Held seats freed because no resume came in time.", func(m *server.Metrics) uint64 { return m.SeatsExpired.Load() }),
		counter("rooms_started_total", "Rooms started.", func(m *server.Metrics) uint64 { return m.RoomsStarted.Load() }),
		counter("rooms_ended_total", "Rooms ended.", func(m *server.Metrics) uint64 { return m.RoomsEnded.Load() }),
		counter("ticks_total", "Room ticks stepped, all rooms.", func(m *server.Metrics) uint64 { return m.Ticks.Load() }),
		counter("tick_overruns_total", "Times a room fell too far behind and skipped ticks to catch up.", func(m *server.Metrics) uint64 { return m.TickOverruns.Load() }),
		counter("ticks_skipped_total", "Ticks skipped by those overruns.", func(m *server.Metrics) uint64 { return m.TicksSkipped.Load() }),
		counter("inputs_held_total", "Player ticks held: a player that had sent inputs had none queued.", func(m *server.Metrics) uint64 { return m.InputsMissed.Load() }),
		counter("chat_dropped_total", "Chat lines dropped (rate limit or full channel).", func(m *server.Metrics) uint64 { return m.ChatDropped.Load() }),
		counter("snapshots_total", "Snapshots handed to connections.", func(m *server.Metrics) uint64 { return m.Snapshots.Load() }),
		counter("snapshots_full_total", "Snapshots sent whole (no baseline).", func(m *server.Metrics) uint64 { return m.SnapshotsFull.Load() }),
		counter("snapshots_stale_total", "Unsent snapshots replaced by a newer one (the client reads slower than the snapshot rate).", func(m *server.Metrics) uint64 { return m.SnapshotsStale.Load() }),
		counter("snapshots_direct_total", "Snapshots the room wrote to the socket itself, no writer goroutine woken.", func(m *server.Metrics) uint64 { return m.SnapshotsDirect.Load() }),
		counter("snapshot_bytes_total", "Encoded snapshot bytes handed to connections.", func(m *server.Metrics) uint64 { return m.SnapshotBytes.Load() }),
		counter("bytes_sent_total", "Bytes written to clients' sockets, WebSocket frame headers included.", func(m *server.Metrics) uint64 { return m.BytesSent.Load() }),
		counter("bytes_received_total", "Bytes read from clients, WebSocket frame headers included.", func(m *server.Metrics) uint64 { return m.BytesReceived.Load() }),
		counter("messages_received_total", "WebSocket data messages clients sent.", func(m *server.Metrics) uint64 { return m.MessagesReceived.Load() }),
		counter("messages_ignored_total", "Well-formed client messages of a type this version does not know.", func(m *server.Metrics) uint64 { return m.MessagesIgnored.Load() }),
	}
	c.labelled = []labelledDesc{
		{desc("joins_total", "Hellos by what became of them: joined, resumed, resume_refused (4006), shutting_down (1001), error (1011), no_such_room (4008), room_full (4009).", "result"),
			func(m *server.Metrics) map[string]uint64 { return m.JoinResults.Snapshot() },
			[]string{server.JoinJoined, server.JoinResumed, server.JoinResumeRefused, server.JoinShuttingDown, server.JoinError, server.JoinNoSuchRoom, server.JoinRoomFull}},
		{desc("inputs_dropped_total", "Inputs consumed unsimulated: trimmed (the jitter buffer cut standing latency), overflow (a full buffer: sent too fast).", "reason"),
			func(m *server.Metrics) map[string]uint64 {
				return map[string]uint64{"trimmed": m.InputsTrimmed.Load(), "overflow": m.InputsOverflow.Load()}
			}, []string{"trimmed", "overflow"}},
		{desc("bad_messages_total", "Connections closed for bad input, by reason (decode, frame, protocol, rate, ...).", "reason"),
			func(m *server.Metrics) map[string]uint64 { return m.BadMessages.Snapshot() }, badMessageReasons},
		{desc("disconnects_total", "Ended connections by close code (abnormal: cut without a close frame).", "code"),
			func(m *server.Metrics) map[string]uint64 { return m.Disconnects.Snapshot() }, watchedCloseCodes},
	}
	c.histograms = []histogramDesc{
		{desc("tick_duration_seconds", "How long a room's tick took."), func(m *server.Metrics) *server.Histogram { return m.TickDuration }},
		{desc("tick_lateness_seconds", "How long after its due time a room's tick started."), func(m *server.Metrics) *server.Histogram { return m.TickLateness }},
		{desc("input_delay_seconds", "How long an input waited in its player's buffer before it was simulated."),
			func(m *server.Metrics) *server.Histogram { return m.InputDelay }},
	}
	return c
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, g := range c.gauges {
		ch <- g.desc
	}
	ch <- c.rateMin
	for _, k := range c.counters {
		ch <- k.desc
	}
	for _, l := range c.labelled {
		ch <- l.desc
	}
	for _, h := range c.histograms {
		ch <- h.desc
	}
}

// Collect implements prometheus.Collector: it reads the server now.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	s := c.read()
	for _, g := range c.gauges {
		ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, g.read(s))
	}
	if s.minAchieve >= 0 {
		ch <- prometheus.MustNewConstMetric(c.rateMin, prometheus.GaugeValue, s.minAchieve)
	}
	m := c.srv.Metrics()
	for _, k := range c.counters {
		ch <- prometheus.MustNewConstMetric(k.desc, prometheus.CounterValue, float64(k.read(m)))
	}
	for _, l := range c.labelled {
		values := l.read(m)
		for _, v := range l.fixed {
			if _, ok := values[v]; !ok {
				values[v] = 0
			}
		}
		for _, v := range sortedKeys(values) {
			ch <- prometheus.MustNewConstMetric(l.desc, prometheus.CounterValue, float64(values[v]), v)
		}
	}
	for _, h := range c.histograms {
		count, sum, buckets := cumulative(h.read(m).Snapshot())
		ch <- prometheus.MustNewConstHistogram(h.desc, count, sum, buckets)
	}
}

// read takes the gauges' values from the server.
func (c *Collector) read() *state {
	s := &state{
		rooms:      c.srv.Rooms(),
		conns:      c.srv.Metrics().ConnectionsOpen.Load(),
		accepting:  c.srv.Accepting(),
		tickRate:   c.srv.Config().TickRate,
		minAchieve: -1,
	}
	for _, r := range s.rooms {
		s.players += r.Players
		s.bots += r.Bots
		if r.TickRateAchieved > 0 && (s.minAchieve < 0 || r.TickRateAchieved < s.minAchieve) {
			s.minAchieve = r.TickRateAchieved
		}
	}
	return s
}

// cumulative converts a server histogram (a count per bucket, durations)
// to Prometheus' form: the total count, the sum in seconds, and the count
// at or below each finite bound in seconds (the +Inf bucket is the count).
func cumulative(h server.HistogramSnapshot) (count uint64, sum float64, buckets map[float64]uint64) {
	buckets = make(map[float64]uint64, len(h.Bounds))
	var acc uint64
	for i, b := range h.Bounds {
		acc += h.Counts[i]
		buckets[b.Seconds()] = acc
	}
	return h.Count, h.Sum.Seconds(), buckets
}

func sortedKeys(m map[string]uint64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Names returns the name of every metric family the Collector exposes
// (a histogram by its base name, without _bucket, _sum and _count), sorted.
func Names() []string {
	names := append([]string(nil), NewCollector(nil).names...)
	sort.Strings(names)
	return names
}
