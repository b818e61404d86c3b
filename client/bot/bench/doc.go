// Command bench is the swarm run behind `make bench` (issue 16): it starts
// the real gameserver binary with -mode bench on loopback, plays N bench
// bots against it (bot.BenchBot, in this process), and over a steady
// window after every bot has joined measures:
//
//   - the server: CPU (utime+stime from /proc/PID/stat) and RSS (VmRSS
//     from /proc/PID/status);
//   - the rooms: the achieved tick rate of each (tick_rate_achieved of
//     /rooms, sampled every second), min and mean;
//   - the ticks: duration p50/p99 and lateness p99, from the difference
//     of two scrapes of /metrics (the Prometheus histograms
//     gameserver_tick_duration_seconds and gameserver_tick_lateness_seconds
//     on -admin-addr);
//   - the swarm: its own CPU (getrusage), bytes per client per second down
//     and up, and the time until every bot was seated.
//
// The bots are light by default (-swarm lite, lite.go: bare WebSockets that
// send what a client sends and decode only each snapshot's tick), so that
// the swarm is not the bottleneck beside the server on one machine;
// -swarm session runs a full client.Session per bot (bot.Swarm), which
// costs about three times as much and adds the misprediction count. The
// light bots' sockets are read by their drivers (one per core, each serving
// its bots in slices spread over the input period, as real clients send on
// their own clocks) right before their inputs, out of Go's
// network poller (-lite-reads poll, litepoll.go), so that a snapshot
// wakes no thread of the swarm: on loopback the server would pay for that
// wake, which a real client on another machine never costs it.
// -lite-reads wake gives each bot a goroutine blocked in a read instead,
// to measure the difference; the report's lite_reads says which ran.
//
// A bot disconnected during the run (the server stopped or failed) ends
// the window half a second later: the run prints what it measured, or,
// when the server is gone, an error naming the disconnects, and fails.
//
// It prints one JSON line (and a human summary before it with -v):
//
//	go run ./client/bot/bench -bots 500 -window 20s
//
// A figure the server cannot give (a binary without -admin-addr, a /rooms
// without tick_rate_achieved) is null, and "missing" says why.
package main
