// Package game is the Arena simulation: a top-down arena shooter stepped at a
// fixed tick rate.
//
// The same code runs in the server (authoritative) and is meant for clients
// to predict with (desktop, WASM, bots), so it imports the standard library
// only and is deterministic: no clock, no I/O, no goroutines, no global
// random source. Randomness comes from a seeded RNG owned by the World,
// players are kept in a slice ordered by ID, and floating-point products
// that feed sums are rounded explicitly so that no platform fuses them
// differently (see Vec2): movement is bit-identical on every platform. Shot
// directions use math.Sin and math.Cos, which may differ in the last bit
// between architectures; docs/protocol.md tells clients not to predict hits.
//
// Positions and velocities are snapped to a 1/16 unit grid at the end of
// every Step (see Quantize), the same grid the wire uses, so a client that
// rewinds to a snapshot and replays inputs reproduces the server exactly.
//
// # A tick
//
// Step advances the tick counter, then for each player in ID order counts a
// dead player's respawn delay down (respawning it at 0) or moves a living one
// with MovePlayer and its current Input; then every living player holding
// fire with its weapon ready fires a hitscan shot, in ID order, against the
// positions after movement; then weapon cooldowns and spawn protection count
// down. What happened is reported by Events until the next Step.
//
// # Maps
//
// Maps are Tiled JSON files (https://www.mapeditor.org/): orthogonal, tile
// layer format CSV (not base64 or compressed), finite. A tile layer named
// "walls" makes every non-empty tile solid, and/or an object layer "walls"
// adds rectangles; an object layer "spawns" holds spawn points. Layers may be
// nested in groups; other layers are ignored, so decoration is free to add.
// ParseMap's errors name the file and the layer or object at fault.
//
// # Concurrency
//
// A World is not safe for concurrent use: one goroutine owns it (the server's
// Room tick goroutine, or the client's prediction). Map values are immutable
// after ParseMap and may be shared freely.
package game
