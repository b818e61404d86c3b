// Package procstat reads what a process costs: its CPU time (utime+stime
// of /proc/PID/stat) and its resident set size (VmRSS of
// /proc/PID/status), the machine's load average (/proc/loadavg), and this
// process's own CPU time (getrusage).
//
// The /proc readers work on Linux; elsewhere Read and RSSKiB return an
// error that says so, LoadAvg returns NaN, and SelfCPU returns 0 where
// there is no getrusage (js/wasm). The parsers are plain functions of the
// file's bytes and work everywhere.
package procstat
