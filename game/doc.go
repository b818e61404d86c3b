// Package game is the Arena simulation: a top-down arena shooter stepped at a
// fixed tick rate.
//
// The same code runs in the server (authoritative), in the Ebiten client
// (desktop and WASM, for prediction) and in the headless bots, so it imports
// the standard library only and is fully deterministic: no clock, no I/O, no
// goroutines, no global random source. Randomness comes from a seeded RNG
// owned by the World.
//
// Positions and velocities are snapped to a 1/16 unit grid at the end of
// every Step (see Quantize), the same grid the wire uses, so a client that
// rewinds to a snapshot and replays inputs reproduces the server exactly.
//
// # Concurrency
//
// A World is not safe for concurrent use: one goroutine owns it (the server's
// Room tick goroutine, or the client's prediction). Map values are immutable
// after ParseMap and may be shared freely.
package game
