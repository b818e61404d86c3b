// Package serverproc runs the real gameserver binary as a subprocess on
// 127.0.0.1 for the load tools (client/bot/bench, client/bot/soak): it
// builds the binary, starts it on a free loopback port with its output in
// a log file, waits until it answers /healthz, and stops it by its PID
// (SIGTERM, then SIGKILL 15 s later).
//
// What a caller adds (its flags, the side listeners it wants, what it
// reads from the log or the endpoints) stays with the caller: Start takes
// the extra arguments, FreeAddr gives ports for them, and Get reads any
// endpoint.
package serverproc
