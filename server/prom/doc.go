// Package prom exports a server.Server's metrics in the Prometheus format.
//
// Collector reads the server's plain counters and histograms
// (server.Metrics) and its rooms when Prometheus scrapes, never before: the
// tick pays nothing for the exporter, not even a label lookup. Every value
// is a const metric made at scrape time; the histograms are converted from
// the server's per-bucket counts to Prometheus' cumulative buckets, in
// seconds. NewRegistry puts the Collector on a registry of its own (no
// global state) with Go's runtime and process collectors, and Handler
// serves that registry as /metrics does.
//
// Names lists every metric family the Collector exposes; a test checks it
// against a real scrape, and the Grafana dashboard in deploy/grafana uses
// only these names (a test checks that too).
package prom
