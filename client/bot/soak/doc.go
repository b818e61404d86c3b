// Package soak is the long run behind `make soak`: the real gameserver
// binary as a subprocess, a swarm of bots that join, play, leave and have
// their sockets cut at random (and resume, when the client can), and a few
// hostile clients re-spawning all the time (flooders, garbage senders,
// never-readers, silent ones). It reads the server's heap, goroutines and
// RSS at the start of the steady state and at the end, prints them with
// what happened, and fails when the end exceeds the start by more than a
// few percent (limits in figures.go).
//
// The run is TestSoak, skipped unless asked for:
//
//	make soak SOAK_MINUTES=10 SOAK_BOTS=200
//	go test ./client/bot/soak -run '^TestSoak$' -v -args -soak -soak-minutes=1
//
// (or ARENA_SOAK=1 in the environment instead of -soak).
package soak
