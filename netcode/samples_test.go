package netcode_test

import (
	"math"
	"strings"

	"arena/game"
	"arena/netcode"
)

// Valid messages with edge values, shared by the round-trip, truncation,
// reuse and fuzz tests. Every sample is what a decoder must give back
// exactly: fields outside a snapshot's masks are zero, event ticks are at or
// before the snapshot's tick, and an Inputs' render ticks are within
// -128..127 of its ack.

// Strings exactly at their limits, made of multi-byte runes so that any
// off-by-one in a length or a cut splits a rune.
var (
	name64  = strings.Repeat("🚀", netcode.MaxNameBytes/4)        // 16 four-byte runes
	room32  = strings.Repeat("é", netcode.MaxRoomBytes/2)        // 16 two-byte runes
	map64   = strings.Repeat("地", 21) + "x"                      // 63 + 1 bytes
	mode32  = "m" + strings.Repeat("€", 10) + "n"                // 1 + 30 + 1 bytes
	rule32  = strings.Repeat("ü", netcode.MaxRuleName/2)         // 16 two-byte runes
	chat200 = strings.Repeat("€", netcode.MaxChatBytes/3) + "ab" // 198 + 2 bytes
	err256  = strings.Repeat("€", netcode.MaxErrorBytes/3) + "a" // 255 + 1 bytes
	token32 = []byte(strings.Repeat("\xff\x00", netcode.MaxTokenBytes/2))
)

// inputsMsg returns n consecutive inputs from firstSeq acknowledging ack,
// with render lags lags[i % len(lags)] (0 when ack is 0).
func inputsMsg(ack, firstSeq uint32, n int, lags ...int64) netcode.Inputs {
	m := netcode.Inputs{AckTick: ack, N: n}
	for i := range n {
		lag := int64(0)
		if len(lags) > 0 && ack != 0 {
			lag = lags[i%len(lags)]
		}
		m.Frames[i] = netcode.InputFrame{
			Seq:        firstSeq + uint32(i),
			RenderTick: uint32(int64(ack) - lag),
			Input: game.Input{
				MoveX: int8(127 - 16*i), MoveY: int8(-127 + 15*i),
				Aim: uint16(65535 - 4099*i), Buttons: game.Buttons(255 - 16*i),
			},
		}
	}
	return m
}

func clientSamples() map[string]netcode.ClientMessage {
	return map[string]netcode.ClientMessage{
		"hello":         {Type: netcode.MsgHello, Hello: netcode.Hello{Version: netcode.Version, Name: "Ada"}},
		"hello empty":   {Type: netcode.MsgHello, Hello: netcode.Hello{Version: 1}},
		"hello private": {Type: netcode.MsgHello, Hello: netcode.Hello{Version: 2, Name: "Ada", Flags: netcode.HelloPrivate}},
		"hello flags":   {Type: netcode.MsgHello, Hello: netcode.Hello{Version: 2, Name: "Ada", Room: "K7M2QX", Flags: 0xfe}},
		"hello max":     {Type: netcode.MsgHello, Hello: netcode.Hello{Version: math.MaxUint16, Name: name64, Room: room32, ResumeToken: token32}},
		"hello unicode": {Type: netcode.MsgHello, Hello: netcode.Hello{Version: 2, Name: "Zoë 🚀 火", Room: "lobby-1", ResumeToken: []byte{0, 1, 2}}},
		"inputs 1":      {Type: netcode.MsgInput, Input: inputsMsg(0, 1, 1)},
		"inputs ack 0":  {Type: netcode.MsgInput, Input: inputsMsg(0, 77, netcode.MaxInputWindow)},
		"inputs lags":   {Type: netcode.MsgInput, Input: inputsMsg(1000, 990, 5, -128, 127, 0, 1, -1)},
		"inputs low":    {Type: netcode.MsgInput, Input: inputsMsg(1, 5, 2, 1, -128)}, // render ticks 0 and 129
		// The last seq is 2^32-1 and the render ticks reach 2^32-1.
		"inputs max":    {Type: netcode.MsgInput, Input: inputsMsg(math.MaxUint32, math.MaxUint32-netcode.MaxInputWindow+1, netcode.MaxInputWindow, 0, 127, 5)},
		"inputs last 1": {Type: netcode.MsgInput, Input: inputsMsg(math.MaxUint32, math.MaxUint32, 1, 127)},
		"ping":          {Type: netcode.MsgPing, Ping: netcode.Ping{ClientTime: 12345}},
		"ping 0":        {Type: netcode.MsgPing},
		"ping max":      {Type: netcode.MsgPing, Ping: netcode.Ping{ClientTime: math.MaxUint64}},
		"chat":          {Type: netcode.MsgChat, Chat: netcode.Chat{Text: "gg"}},
		"chat empty":    {Type: netcode.MsgChat},
		"chat max":      {Type: netcode.MsgChat, Chat: netcode.Chat{Text: chat200}},
		"leave":         {Type: netcode.MsgLeave},
	}
}

// enter is an enter update of player id with every field set from id.
func enter(id game.PlayerID) netcode.PlayerUpdate {
	return netcode.PlayerUpdate{
		ID: id, Mask: netcode.PlayerEnter,
		X: 800 + 37*int32(id), Y: -5 * int32(id), Aim: uint8(id * 13),
		Health: uint8(100 - id%100), Flags: netcode.FlagAlive | uint8(id%4)<<1,
		Kills: uint16(id), Deaths: uint16(2 * id), Score: int16(id) - 30,
	}
}

func enters(ids ...game.PlayerID) []netcode.PlayerUpdate {
	us := make([]netcode.PlayerUpdate, len(ids))
	for i, id := range ids {
		us[i] = enter(id)
	}
	return us
}

func ownFull(ack uint32) netcode.OwnUpdate {
	return netcode.OwnUpdate{
		Mask: netcode.OwnFull, X: 1600, Y: -48, VX: 4160, VY: -4160,
		Health: 75, Flags: netcode.FlagAlive | netcode.FlagProtected,
		RespawnTicks: 0, CooldownTicks: 12, ProtectTicks: 30,
		Kills: 3, Deaths: 4, Score: -2, AckSeq: ack,
	}
}

// everyEvent has one event of each kind at ticks up to tick, with edge values.
func everyEvent(tick uint32) []netcode.Event {
	return []netcode.Event{
		{Kind: netcode.EventJoin, Tick: tick, Player: 1, Text: "Ada"},
		{Kind: netcode.EventJoin, Tick: tick - 1, Player: math.MaxUint16, Text: name64},
		{Kind: netcode.EventLeave, Tick: tick, Player: 2},
		{Kind: netcode.EventKill, Tick: tick - 2, Player: 1, Other: math.MaxUint16},
		{Kind: netcode.EventShot, Tick: tick, Player: 3, Other: 0, FromX: math.MinInt32, FromY: math.MaxInt32, ToX: -1, ToY: 0},
		{Kind: netcode.EventShot, Tick: tick, Player: 3, Other: 4, FromX: 10, FromY: 20, ToX: 30, ToY: 40},
		{Kind: netcode.EventChat, Tick: tick, Player: 0, Text: "server restarting"},
		{Kind: netcode.EventChat, Tick: 0, Player: 5, Text: chat200},
		{Kind: netcode.EventChat, Tick: tick, Player: 6, Text: ""},
		{Kind: netcode.EventJoin, Tick: tick, Player: 9, Text: ""},
		{Kind: netcode.EventExplosion, Tick: tick, Player: 7, Other: 0, Item: math.MaxUint16, FromX: math.MinInt32, FromY: math.MaxInt32},
		{Kind: netcode.EventExplosion, Tick: tick - 1, Player: 7, Other: 8, Item: 1, FromX: 2000, FromY: -3},
		{Kind: netcode.EventPickup, Tick: tick, Player: math.MaxUint16, Item: 3, ItemKind: uint8(game.PickupRocket)},
		{Kind: netcode.EventPickup, Tick: tick, Player: 1, Item: math.MaxUint16, ItemKind: math.MaxUint8},
	}
}

// entitySamples are projectile and pickup blocks with every mask, ids
// ascending with gaps of every key size, and extreme values.
func entitySamples() ([]netcode.ProjectileUpdate, []netcode.PickupUpdate) {
	pr := []netcode.ProjectileUpdate{
		{Mask: netcode.ProjectileEnter, ProjectileState: netcode.ProjectileState{ID: 1, Owner: 2, X: 100, Y: -100, Aim: 16384, Age: 1}},
		{Mask: netcode.ProjectileGone, ProjectileState: netcode.ProjectileState{ID: 9}},
		{Mask: netcode.ProjectileEnter, ProjectileState: netcode.ProjectileState{ID: 5000, Owner: math.MaxUint16, X: math.MinInt32, Y: math.MaxInt32, Aim: math.MaxUint16, Age: math.MaxUint16}},
		{Mask: netcode.ProjectileGone, ProjectileState: netcode.ProjectileState{ID: math.MaxUint16}},
	}
	pk := []netcode.PickupUpdate{
		{Mask: netcode.PickupEnter, PickupState: netcode.PickupState{ID: 1, Kind: uint8(game.PickupHealth), X: 320, Y: 960, RespawnTicks: 0}},
		{Mask: netcode.PickupTimer, PickupState: netcode.PickupState{ID: 2, RespawnTicks: 900}},
		{Mask: netcode.PickupGone, PickupState: netcode.PickupState{ID: 40}},
		{Mask: netcode.PickupEnter, PickupState: netcode.PickupState{ID: math.MaxUint16, Kind: math.MaxUint8, X: math.MaxInt32, Y: math.MinInt32, RespawnTicks: math.MaxUint16}},
	}
	return pr, pk
}

func serverSamples() map[string]netcode.ServerMessage {
	extremeOwn := netcode.OwnUpdate{
		Mask: netcode.OwnFull | netcode.OwnPong, X: math.MinInt32, Y: math.MaxInt32, VX: math.MaxInt32, VY: math.MinInt32,
		Health: math.MaxUint8, Flags: math.MaxUint8,
		RespawnTicks: math.MaxUint16, CooldownTicks: math.MaxUint16, ProtectTicks: math.MaxUint16,
		Kills: math.MaxUint16, Deaths: math.MaxUint16, Score: math.MinInt16, AckSeq: math.MaxUint32,
		Pong: netcode.Pong{ClientTime: math.MaxUint64, HoldMicros: math.MaxUint32},
	}
	// 64 players entering, ids spread so that keys take 1, 2, 3 and 5 bytes,
	// the last one 65535 with extreme values.
	var maxPlayers []netcode.PlayerUpdate
	for id := 1; len(maxPlayers) < netcode.MaxPlayers-1; id += []int{1, 3, 4, 7, 8, 100, 2047, 2048}[len(maxPlayers)%8] {
		maxPlayers = append(maxPlayers, enter(game.PlayerID(id)))
	}
	maxPlayers = append(maxPlayers, netcode.PlayerUpdate{
		ID: math.MaxUint16, Mask: netcode.PlayerEnter, X: math.MinInt32, Y: math.MaxInt32, Aim: math.MaxUint8,
		Health: math.MaxUint8, Flags: math.MaxUint8, Kills: math.MaxUint16, Deaths: math.MaxUint16, Score: math.MaxInt16,
	})
	maxEvents := make([]netcode.Event, 0, netcode.MaxEvents)
	for len(maxEvents) < netcode.MaxEvents {
		maxEvents = append(maxEvents, everyEvent(math.MaxUint32)...)
	}
	maxEvents = maxEvents[:netcode.MaxEvents]
	maxEvents[len(maxEvents)-1].Tick = 0 // ticks_back 2^32-1

	// A delta with one update of every mask: gone, each of the 15 change
	// masks, and enter, ids ascending with gaps of every key size.
	var mixed []netcode.PlayerUpdate
	id := game.PlayerID(1)
	for mask := range uint8(netcode.PlayerEnter + 1) {
		u := netcode.PlayerUpdate{ID: id, Mask: mask}
		switch {
		case mask == netcode.PlayerEnter:
			u = enter(id)
		default:
			if mask&netcode.PlayerPos != 0 {
				u.X, u.Y = -int32(mask)*1000, int32(mask)
			}
			if mask&netcode.PlayerAim != 0 {
				u.DAim = -128 + int8(mask)*17
			}
			if mask&netcode.PlayerVitals != 0 {
				u.Health, u.Flags = mask, netcode.FlagAlive
			}
			if mask&netcode.PlayerScore != 0 {
				u.Kills, u.Deaths, u.Score = uint16(mask), 1, -int16(mask)
			}
		}
		mixed = append(mixed, u)
		id += []game.PlayerID{1, 3, 4, 7, 8, 2047, 2048, 100}[mask%8]
	}
	extremeChange := []netcode.PlayerUpdate{
		{ID: 1, Mask: netcode.PlayerPos | netcode.PlayerAim, X: math.MinInt32, Y: math.MaxInt32, DAim: -128},
		{ID: 2, Mask: netcode.PlayerAim | netcode.PlayerScore, DAim: 127, Kills: math.MaxUint16, Deaths: math.MaxUint16, Score: math.MinInt16},
		{ID: math.MaxUint16, Mask: netcode.PlayerGone},
	}
	entityProjectiles, entityPickups := entitySamples()
	steps255 := make([]uint32, netcode.MaxSteps)
	for i := range steps255 {
		steps255[i] = []uint32{0, 1, 2, math.MaxUint32}[i%4]
	}

	return map[string]netcode.ServerMessage{
		"welcome": {Type: netcode.MsgWelcome, Welcome: netcode.Welcome{
			PlayerID: 1, RoomID: "r1", Map: "arena", Mode: "arena", TickRate: 60, SnapshotRate: 30, ServerTick: 1234,
			ResumeToken: []byte("0123456789abcdef0123456789abcdef"), ViewWidth: 1600, ViewHeight: 1040,
			Rules:  []netcode.Rule{{Name: "max_speed", Value: 4160}, {Name: "neg", Value: -1}},
			Roster: []netcode.RosterEntry{{ID: 1, Name: "Ada"}, {ID: 2, Name: "Zoë 🚀"}},
		}},
		"welcome empty": {Type: netcode.MsgWelcome, Welcome: netcode.Welcome{PlayerID: 1, TickRate: 1, SnapshotRate: 1}},
		"welcome private": {Type: netcode.MsgWelcome, Welcome: netcode.Welcome{
			PlayerID: 1, RoomID: "K7M2QX", Map: "arena", Mode: "arena", TickRate: 60, SnapshotRate: 30,
			Roster: []netcode.RosterEntry{{ID: 1, Name: "Ada"}}, RoomFlags: netcode.RoomPrivate,
		}},
		"welcome max": {Type: netcode.MsgWelcome, Welcome: welcomeMax()},
		"snapshot full 16": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{
			Tick: 5000, Own: ownFull(4990), Players: enters(1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17), Events: everyEvent(5000),
		}},
		"snapshot full empty": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{Tick: 0, Own: netcode.OwnUpdate{Mask: netcode.OwnFull}}},
		"snapshot full max": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{
			Tick: math.MaxUint32, Own: extremeOwn, Players: maxPlayers, Events: maxEvents,
		}},
		"snapshot delta": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{
			Tick: 1000, Baseline: 3,
			Own: netcode.OwnUpdate{
				Mask: netcode.OwnPos | netcode.OwnTimers | netcode.OwnInputs | netcode.OwnPong, X: -16, Y: 4000,
				RespawnTicks: 1, CooldownTicks: 0, ProtectTicks: 65535, AckSeq: 70, Steps: []uint32{0, 2, 1},
				Pong: netcode.Pong{ClientTime: 1 << 40, HoldMicros: 1500},
			},
			Players: mixed, Events: everyEvent(1000)[:3],
		}},
		"snapshot entities": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{
			Tick: 3000, Baseline: 2,
			Own:         netcode.OwnUpdate{Mask: netcode.OwnArms, Weapon: uint8(game.WeaponRocket), Ammo: math.MaxUint8},
			Projectiles: entityProjectiles, Pickups: entityPickups, Events: everyEvent(3000)[10:],
		}},
		"snapshot full armed": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{
			Tick: 3000, Own: func() netcode.OwnUpdate {
				o := ownFull(7)
				o.Mask |= netcode.OwnArms
				o.Weapon, o.Ammo = 1, 5
				return o
			}(),
			Projectiles: entityProjectiles[:1], Pickups: entityPickups[:1],
		}},
		"snapshot delta empty": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{Tick: 77, Baseline: 1}},
		"snapshot delta max": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{
			// baseline == tick == MaxSteps: the baseline is tick 0
			Tick: netcode.MaxSteps, Baseline: netcode.MaxSteps,
			Own: netcode.OwnUpdate{
				Mask: netcode.OwnFull | netcode.OwnPong, X: math.MinInt32, Y: math.MaxInt32, VX: -1, VY: 1,
				Health: 0, Flags: math.MaxUint8, RespawnTicks: math.MaxUint16, CooldownTicks: 1, ProtectTicks: 2,
				Kills: 1, Deaths: math.MaxUint16, Score: math.MaxInt16, AckSeq: math.MaxUint32, Steps: steps255,
				Pong: netcode.Pong{ClientTime: 1, HoldMicros: 0},
			},
			Players: extremeChange,
		}},
		"error":       {Type: netcode.MsgError, Error: netcode.Error{Code: netcode.ErrorRateLimited, Message: "chat too fast"}},
		"error empty": {Type: netcode.MsgError},
		"error max":   {Type: netcode.MsgError, Error: netcode.Error{Code: math.MaxUint16, Message: err256}},
	}
}

func welcomeMax() netcode.Welcome {
	w := netcode.Welcome{
		PlayerID: math.MaxUint16, RoomID: room32, Map: map64, Mode: mode32,
		TickRate: math.MaxUint16, SnapshotRate: math.MaxUint16, ServerTick: math.MaxUint32,
		ResumeToken: token32, ViewWidth: math.MaxUint16, ViewHeight: math.MaxUint16,
	}
	for i := range netcode.MaxRules {
		v := []int64{math.MinInt64, math.MaxInt64, 0, -1}[i%4]
		w.Rules = append(w.Rules, netcode.Rule{Name: rule32, Value: v})
	}
	for i := range netcode.MaxPlayers {
		w.Roster = append(w.Roster, netcode.RosterEntry{ID: game.PlayerID(math.MaxUint16 - i), Name: name64})
	}
	return w
}
