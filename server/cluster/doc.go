// Package cluster shares a gameserver's rooms with the other processes on
// the same Redis, so that a player who reaches any process is placed by
// the one rule over all of them: the room wished for if it has a seat, else
// the fullest room with a free seat anywhere, else a new room on the
// process asked.
//
// A Directory is a server.RoomDirectory. It keeps this process's rooms and
// their seats in memory, as the in-process directory does, and mirrors
// them in Redis:
//
//	<prefix>room:<id>   hash: id, url, map, mode, players, capacity,
//	                    tick_rate, process, seats, ver, created; expires
//	                    after the TTL unless a heartbeat renews it
//	<prefix>rooms       sorted set of room ids scored by when their
//	                    listing expires; scripts purge what expired
//	<prefix>open        sorted set of the rooms with a free seat, scored by
//	                    when they were made: what Match scans
//	<prefix>holds:<id>  sorted set of seat holds scored by their expiry
//	<prefix>process:<p> "<url> <nonce>": process p's claim on its id,
//	                    renewed by its heartbeat
//
// Match (GET /match) runs one Lua script that picks the room and takes a
// hold on one of its seats: seats + unexpired holds never exceed the
// capacity. Reserve, on the process that owns the room, runs another that
// consumes a hold when the player wished for that room, or takes a free
// seat only when seats + holds < capacity, so a player who skipped /match
// cannot take a seat promised to one in flight. Only the owner writes a
// room's seats, each write stamped with a version so that an older write
// never lands after a newer one. Time in the scripts is Redis's own
// (TIME), so the processes' clocks need not agree.
//
// A process that dies stops renewing its rooms: they vanish from /match
// and /rooms once the TTL passes. One that loses Redis keeps serving its
// own players with the in-process rule and retries at every heartbeat.
// Keys are computed inside the scripts, so the store must be a single
// Redis (or a primary with replicas), not a Redis Cluster.
package cluster
