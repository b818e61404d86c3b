package cluster

import "github.com/redis/go-redis/v9"

// The Lua scripts. Each takes the key prefix as ARGV[1] and computes its
// keys from it; time is Redis's (TIME), in milliseconds.

// prelude is the helpers every script starts with: now(); purge(p, now),
// which drops the rooms whose listing expired, with their holds; holds(p,
// id, now), a room's unexpired holds; and setOpen(p, id, seats, cap),
// which keeps <prefix>open, the public rooms with a free seat scored by
// when they were made, for match to scan instead of every room (a private
// room is never in it: quick play never picks one).
const prelude = `
local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function purge(p, t)
  local idx = p .. 'rooms'
  local dead = redis.call('ZRANGEBYSCORE', idx, '-inf', t)
  for _, id in ipairs(dead) do
    redis.call('DEL', p .. 'room:' .. id, p .. 'holds:' .. id)
    redis.call('ZREM', p .. 'open', id)
  end
  if #dead > 0 then redis.call('ZREMRANGEBYSCORE', idx, '-inf', t) end
end
local function setOpen(p, id, seats, cap)
  if seats < cap and redis.call('HGET', p .. 'room:' .. id, 'private') ~= '1' then
    local created = tonumber(redis.call('HGET', p .. 'room:' .. id, 'created')) or 0
    redis.call('ZADD', p .. 'open', created, id)
  else
    redis.call('ZREM', p .. 'open', id)
  end
end
local function holds(p, id, t)
  local hk = p .. 'holds:' .. id
  redis.call('ZREMRANGEBYSCORE', hk, '-inf', t)
  return redis.call('ZCARD', hk), hk
end
`

// matchScript picks a room for a player and holds a seat in it.
// ARGV: prefix, wish, code, hold ms, hold id, map. With a wish, the room
// whose id is the wish, or the private room whose id is code (the wish as
// a code, or ""), of any map, if seats + holds < capacity: it returns
// {'none', wish} when no listed room has that name and {'full', id} when
// it has no free seat. Without a wish it considers the public rooms of that
// map with a free seat (<prefix>open, oldest first): the one with the
// most seats + holds below capacity (the oldest among equals), or false
// when every room is full. Otherwise it returns {id, url} after adding a
// hold.
var matchScript = redis.NewScript(prelude + `
local p, wish, code, holdMs, holdID, map = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local t = now()
purge(p, t)
local best, bestURL, bestUsed, bestCreated
if wish ~= '' then
  local function listed(id)
    if id == '' or not redis.call('ZSCORE', p .. 'rooms', id) then return nil end
    return redis.call('HMGET', p .. 'room:' .. id, 'seats', 'capacity', 'url', 'private')
  end
  local id, f = wish, listed(wish)
  if not (f and f[1]) then
    id, f = code, listed(code)
    if not (f and f[1] and f[4] == '1') then return {'none', wish} end
  end
  if tonumber(f[1]) + holds(p, id, t) >= tonumber(f[2]) then return {'full', id} end
  best, bestURL = id, f[3]
else
  for _, id in ipairs(redis.call('ZRANGE', p .. 'open', 0, -1)) do
    local f = redis.call('HMGET', p .. 'room:' .. id, 'seats', 'capacity', 'created', 'url', 'map')
    local seats, cap = tonumber(f[1]), tonumber(f[2])
    if not (seats and cap) then
      redis.call('ZREM', p .. 'open', id) -- its listing expired
    elseif seats < cap and (map == '' or f[5] == map) then
      local used = seats + holds(p, id, t)
      local created = tonumber(f[3]) or t
      if used < cap and (not best or used > bestUsed or (used == bestUsed and (created < bestCreated or (created == bestCreated and id < best)))) then
        best, bestURL, bestUsed, bestCreated = id, f[4], used, created
      end
    end
  end
end
if not best then return false end
local hk = p .. 'holds:' .. best
redis.call('ZADD', hk, t + holdMs, holdID)
redis.call('PEXPIRE', hk, holdMs * 2)
return {best, bestURL}
`)

// codeScript claims a private room's code for a process before its room
// is made. ARGV: prefix, code, process id, TTL ms. A code is taken while a
// room hash of that id exists (listed, or claimed and about to be); a
// claim makes one with the process and private fields, which the room's
// first listing completes, and which expires with the TTL if it never
// comes. It returns 1 when claimed, 0 when taken.
var codeScript = redis.NewScript(`
local p, code, pid, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local rk = p .. 'room:' .. code
if redis.call('EXISTS', rk) == 1 then return 0 end
redis.call('HSET', rk, 'id', code, 'process', pid, 'private', '1')
redis.call('PEXPIRE', rk, ttl)
return 1
`)

// seatScript seats a player in the first candidate room that has room for
// it. ARGV: prefix, version, wish first (1 or 0), then per candidate id,
// seats now, capacity. The first candidate, when it is the room wished
// for, takes one of its unexpired holds if it has any; otherwise a room
// qualifies while seats + holds < capacity. The chosen room's seats become
// seats + 1 at the version. It returns the candidate's 1-based index, or 0.
var seatScript = redis.NewScript(prelude + `
local p, ver, wishFirst = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local t = now()
local k = 0
for i = 4, #ARGV, 3 do
  k = k + 1
  local id, n, cap = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local h, hk = holds(p, id, t)
  local ok = false
  if k == 1 and wishFirst and h > 0 then
    redis.call('ZPOPMIN', hk)
    ok = true
  elseif n + h < cap then
    ok = true
  end
  if ok then
    local rk = p .. 'room:' .. id
    if redis.call('EXISTS', rk) == 1 then
      redis.call('HSET', rk, 'seats', n + 1, 'ver', ver)
      setOpen(p, id, n + 1, cap)
    end
    return k
  end
end
return 0
`)

// heartbeatFields is how many ARGV values heartbeatScript takes per room.
const heartbeatFields = 11

// heartbeatScript renews this process's claim on its id and lists rooms
// (new ones, or renewed). ARGV: prefix, TTL ms, process id, claim, then per
// room: id, version, seats, players, capacity, url, map, mode, tick rate,
// process, private (1 or 0). Seats are written only when the version is not older than the
// stored one. It returns 1, or the claim of another process that holds the
// id (then it lists nothing).
var heartbeatScript = redis.NewScript(prelude + `
local p, ttl, pid, claim = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local pk = p .. 'process:' .. pid
local cur = redis.call('GET', pk)
if cur and cur ~= claim then return cur end
redis.call('SET', pk, claim, 'PX', ttl)
local t = now()
for i = 5, #ARGV, 11 do
  local id, ver = ARGV[i], tonumber(ARGV[i + 1])
  local rk = p .. 'room:' .. id
  local old = redis.call('HGET', rk, 'ver')
  if not old or tonumber(old) <= ver then redis.call('HSET', rk, 'seats', ARGV[i + 2], 'ver', ver) end
  redis.call('HSET', rk, 'id', id, 'players', ARGV[i + 3], 'capacity', ARGV[i + 4], 'url', ARGV[i + 5],
    'map', ARGV[i + 6], 'mode', ARGV[i + 7], 'tick_rate', ARGV[i + 8], 'process', ARGV[i + 9], 'private', ARGV[i + 10])
  redis.call('HSETNX', rk, 'created', t)
  redis.call('PEXPIRE', rk, ttl)
  redis.call('ZADD', p .. 'rooms', t + ttl, id)
  setOpen(p, id, tonumber(redis.call('HGET', rk, 'seats')), tonumber(ARGV[i + 4]))
end
return 1
`)

// claimScript claims a process id at Start. ARGV: prefix, process id,
// claim ("<url> <nonce>"), url, TTL ms. The id is free when nobody claims
// it or the claim names the same URL (this process restarted: its old
// rooms are dropped). It returns 1, or the other process's claim.
var claimScript = redis.NewScript(`
local p, pid, claim, url, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local pk = p .. 'process:' .. pid
local cur = redis.call('GET', pk)
if cur and cur ~= claim and string.match(cur, '^(%S+)') ~= url then return cur end
for _, id in ipairs(redis.call('ZRANGE', p .. 'rooms', 0, -1)) do
  local rk = p .. 'room:' .. id
  if redis.call('HGET', rk, 'process') == pid then
    redis.call('DEL', rk, p .. 'holds:' .. id)
    redis.call('ZREM', p .. 'rooms', id)
    redis.call('ZREM', p .. 'open', id)
  end
end
redis.call('SET', pk, claim, 'PX', ttl)
return 1
`)

// releaseScript writes a room's seats after a player left. ARGV: prefix,
// id, version, seats. Seats 0 removes the room (it is empty and stops);
// otherwise seats are written only over an older version of an existing
// listing (a missing one comes back with the next heartbeat).
var releaseScript = redis.NewScript(prelude + `
local p, id, ver, seats = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local rk = p .. 'room:' .. id
if seats == 0 then
  redis.call('DEL', rk, p .. 'holds:' .. id)
  redis.call('ZREM', p .. 'rooms', id)
  redis.call('ZREM', p .. 'open', id)
  return 1
end
local old = redis.call('HGET', rk, 'ver')
if old and tonumber(old) < ver then
  redis.call('HSET', rk, 'seats', seats, 'ver', ver)
  setOpen(p, id, seats, tonumber(redis.call('HGET', rk, 'capacity')) or 0)
end
return 1
`)

// dropScript removes rooms from the listing and gives up the process id.
// ARGV: prefix, process id, claim, room ids.
var dropScript = redis.NewScript(`
local p, pid, claim = ARGV[1], ARGV[2], ARGV[3]
for i = 4, #ARGV do
  redis.call('DEL', p .. 'room:' .. ARGV[i], p .. 'holds:' .. ARGV[i])
  redis.call('ZREM', p .. 'rooms', ARGV[i])
  redis.call('ZREM', p .. 'open', ARGV[i])
end
local pk = p .. 'process:' .. pid
if redis.call('GET', pk) == claim then redis.call('DEL', pk) end
return 1
`)

// listFields is the fields listScript returns per room, in order.
var listFields = []string{"id", "url", "map", "mode", "players", "capacity", "tick_rate", "process", "seats", "private"}

// listScript returns the listed rooms, oldest listing first: per room the
// values of listFields and then its unexpired holds.
var listScript = redis.NewScript(prelude + `
local p = ARGV[1]
local t = now()
purge(p, t)
local out = {}
for _, id in ipairs(redis.call('ZRANGE', p .. 'rooms', 0, -1)) do
  local f = redis.call('HMGET', p .. 'room:' .. id, 'id', 'url', 'map', 'mode', 'players', 'capacity', 'tick_rate', 'process', 'seats', 'private')
  if f[1] then
    local h = holds(p, id, t)
    table.insert(f, tostring(h))
    table.insert(out, f)
  end
end
return out
`)
