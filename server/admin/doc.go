// Package admin is the game server's operator interface, for a listener
// that is never the public one (gameserver -admin-addr): a live page of
// the rooms and the server's health (/), the JSON it polls (/stats.json),
// Prometheus' /metrics (package arena/server/prom) and Go's profiler
// (/debug/pprof/).
//
// The page is plain HTML and JavaScript, embedded, with no framework: it
// fetches /stats.json once a second and redraws. The feed's rates and
// quantiles are over the last window of about a second between two
// samples of the server's counters, taken when the feed is asked for (no
// goroutine samples in the background, and every viewer sees the same
// window).
package admin
