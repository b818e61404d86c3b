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
// Positions and velocities are snapped to a 1/16 unit grid after every
// command (see Quantize), the same grid the wire uses, so a client that
// rewinds to a snapshot and replays its inputs through SimulateCommand
// reproduces the server exactly.
//
// # A tick
//
// A player advances by its own inputs, not by the World's ticks: each Step
// takes, for each player, the Commands it was given (SetCommands), none or
// several. Step advances the tick counter, then for each player in ID order
// counts a dead player's respawn delay down (respawning it at 0: it turns
// and may fire with that tick's commands, but does not move) or runs a
// living one's commands with SimulateCommand (movement, aim, firing, the
// weapon cooldown, which counts commands); a player without commands is
// held. Then the shots fired are resolved in ID and command order, each
// against the other players where its shooter saw them (lag compensation,
// from a second of history, capped by Config.LagCompMax); then the rockets
// fired are launched and every rocket flies a tick, exploding on a wall, a
// player or at the end of its life with splash damage (projectile.go, no
// lag compensation); then pickups respawn and are taken (pickup.go); then
// spawn protection counts down, once per tick. What happened is reported
// by Events until the next Step.
//
// # Weapons
//
// A player holds the blaster (hitscan) or the rocket launcher, which needs
// rockets (Player.Ammo) from rocket pickups; the input's weapon buttons
// switch between them inside SimulateCommand, so a client predicts its
// weapon, ammo and cooldown exactly (weapons.go).
//
// # Maps
//
// Maps are Tiled JSON files (https://www.mapeditor.org/): orthogonal, tile
// layer format CSV (not base64 or compressed), finite. A tile layer named
// "walls" makes every non-empty tile solid, and/or an object layer "walls"
// adds rectangles; an object layer "spawns" holds spawn points, and an
// optional one "pickups" the health and rocket pickups (object type, or
// class, "health" or "rocket"). Layers may be nested in groups; other
// layers are ignored, so decoration is free to add.
// ParseMap's errors name the file and the layer or object at fault.
//
// # Matches
//
// A World given Config.Match plays timed matches on a rotation of maps
// (match.go): a countdown in which nobody takes damage, the playing phase,
// and an intermission with the winner and the final scores frozen
// (MatchState), then the next match on the next map with scores reset and
// everyone respawned. Phases are counted in the World's ticks; Events
// reports each change as EventPhase. Servers reach it through the optional
// MatchRules interface; without Config.Match a World plays one endless
// match, as before.
//
// # Modes
//
// A server room plays a Rules: the arena shooter described here (World,
// NewArena) or the bench rule (Bench, NewBench, bench.go), a plain game for
// load tests: a 2000 x 2000 map without walls, 300 units/s along the
// normalized stick, 10 damage to the nearest other player within 300, hp
// reset in place. PredictMode gives a client the one-input simulation and
// the constants of the mode Welcome names.
//
// # Bots
//
// Bot (botai.go) is the AI of a server-side bot: a player added with
// World.AddBot (marked Player.Bot) whose Command for each tick comes from
// World.DecideBot (the BotRules interface), from the match as the last
// Step left it. The server hands that Command to SetCommands like a
// person's input, so a bot moves, fires and is hit under the same rules
// (ViewTick 0: it aims at the present, without lag compensation). It is
// deterministic given its seed and allocates nothing per tick; BotLevel
// sets its reaction time, aim error, turn rate and strafing.
//
// # Concurrency
//
// A World is not safe for concurrent use: one goroutine owns it (the server's
// Room tick goroutine, or the client's prediction). Map values are immutable
// after ParseMap and may be shared freely.
package game
