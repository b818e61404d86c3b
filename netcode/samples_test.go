package netcode_test

import (
	"math"
	"strings"

	"arena/game"
	"arena/netcode"
)

// Valid messages with edge values, shared by the round-trip, truncation and
// fuzz tests.

func inputsMsg(ack, render, firstSeq uint32, n int) netcode.Inputs {
	m := netcode.Inputs{AckTick: ack, RenderTick: render, N: n}
	for i := range n {
		m.Frames[i] = netcode.InputFrame{
			Seq:        firstSeq + uint32(i),
			ClientTick: ack + uint32(i),
			Input:      game.Input{MoveX: int8(127 - 16*i), MoveY: int8(-127 + 13*i), Aim: uint16(4099 * i), Buttons: game.Buttons(i % 2)},
		}
	}
	return m
}

func playerStates(n int) []netcode.PlayerState {
	ps := make([]netcode.PlayerState, n)
	for i := range ps {
		ps[i] = netcode.PlayerState{
			ID: game.PlayerID(i + 1),
			X:  int32(100*16 + 37*i), Y: int32(-5 * i), VX: int32(260 * 16), VY: int32(-260 * 16),
			Aim: uint16(1000 * i), Health: uint8(100 - i), Flags: netcode.FlagAlive,
			CooldownTicks: uint16(i % 15), Kills: uint16(i), Deaths: uint16(2 * i), Score: int16(i - 3),
		}
	}
	return ps
}

func clientSamples() map[string]netcode.ClientMessage {
	long := strings.Repeat("é", netcode.MaxNameBytes/2) // 64 bytes of two-byte runes
	return map[string]netcode.ClientMessage{
		"hello":         {Type: netcode.MsgHello, Hello: netcode.Hello{Version: netcode.Version, Name: "Ada"}},
		"hello max":     {Type: netcode.MsgHello, Hello: netcode.Hello{Version: math.MaxUint16, Name: long, Room: strings.Repeat("r", netcode.MaxRoomBytes), ResumeToken: []byte(strings.Repeat("\xff", netcode.MaxTokenBytes))}},
		"hello unicode": {Type: netcode.MsgHello, Hello: netcode.Hello{Version: 1, Name: "Zoë 🚀 火", Room: "lobby-1", ResumeToken: []byte{0, 1, 2}}},
		"inputs 1":      {Type: netcode.MsgInput, Input: inputsMsg(0, 0, 1, 1)},
		"inputs max":    {Type: netcode.MsgInput, Input: inputsMsg(math.MaxUint32, math.MaxUint32, math.MaxUint32-netcode.MaxInputWindow+1, netcode.MaxInputWindow)},
		"inputs 3":      {Type: netcode.MsgInput, Input: inputsMsg(1000, 995, 70000, 3)},
		"ping":          {Type: netcode.MsgPing, Ping: netcode.Ping{ClientTime: 12345}},
		"ping max":      {Type: netcode.MsgPing, Ping: netcode.Ping{ClientTime: math.MaxUint64}},
		"chat":          {Type: netcode.MsgChat, Chat: netcode.Chat{Text: "gg"}},
		"chat empty":    {Type: netcode.MsgChat},
		"chat max":      {Type: netcode.MsgChat, Chat: netcode.Chat{Text: strings.Repeat("€", netcode.MaxChatBytes/3) + "ab"}},
		"leave":         {Type: netcode.MsgLeave},
	}
}

func serverSamples() map[string]netcode.ServerMessage {
	extreme := netcode.PlayerState{
		ID: math.MaxUint16, X: math.MinInt32, Y: math.MaxInt32, VX: -1, VY: 1 << 20,
		Aim: math.MaxUint16, Health: math.MaxUint8, Flags: math.MaxUint8,
		RespawnTicks: math.MaxUint16, CooldownTicks: math.MaxUint16, ProtectTicks: math.MaxUint16,
		Kills: math.MaxUint16, Deaths: math.MaxUint16, Score: math.MinInt16,
	}
	shots := []netcode.Shot{
		{Tick: 99, Shooter: 1, Target: 2, FromX: 16, FromY: 32, ToX: -16, ToY: 9000},
		{Tick: math.MaxUint32, Shooter: math.MaxUint16, Target: 0, FromX: math.MaxInt32, FromY: math.MinInt32, ToX: 0, ToY: 0},
	}
	maxShots := make([]netcode.Shot, netcode.MaxShots)
	for i := range maxShots {
		maxShots[i] = netcode.Shot{Tick: uint32(i), Shooter: 1, Target: game.PlayerID(i % 3)}
	}
	events := []netcode.Event{
		{Kind: netcode.EventJoin, Player: 1, Name: "Ada"},
		{Kind: netcode.EventJoin, Player: 2, Name: "Zoë 🚀"},
		{Kind: netcode.EventKill, Player: 1, Other: 2},
		{Kind: netcode.EventLeave, Player: 2},
	}
	manyEvents := make([]netcode.Event, netcode.MaxEvents)
	for i := range manyEvents {
		manyEvents[i] = netcode.Event{Kind: netcode.EventJoin, Player: game.PlayerID(i + 1), Name: strings.Repeat("n", netcode.MaxNameBytes)}
	}
	return map[string]netcode.ServerMessage{
		"welcome":      {Type: netcode.MsgWelcome, Welcome: netcode.Welcome{PlayerID: 1, RoomID: "r1", Map: "arena", TickRate: 60, SnapshotRate: 30, ServerTick: 1234, ResumeToken: []byte("0123456789abcdef0123456789abcdef")}},
		"welcome max":  {Type: netcode.MsgWelcome, Welcome: netcode.Welcome{PlayerID: math.MaxUint16, RoomID: strings.Repeat("x", netcode.MaxRoomBytes), Map: strings.Repeat("m", netcode.MaxMapBytes), TickRate: math.MaxUint16, SnapshotRate: math.MaxUint16, ServerTick: math.MaxUint32}},
		"snapshot 16":  {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{Tick: 5000, AckSeq: 4990, Players: playerStates(16), Shots: shots}},
		"snapshot 0":   {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{Tick: 1}},
		"snapshot max": {Type: netcode.MsgSnapshot, Snapshot: netcode.Snapshot{Tick: math.MaxUint32, AckSeq: math.MaxUint32, Players: append(playerStates(netcode.MaxPlayers-1), extreme), Shots: maxShots}},
		"pong":         {Type: netcode.MsgPong, Pong: netcode.Pong{ClientTime: math.MaxUint64, ServerTick: 77}},
		"chatfrom":     {Type: netcode.MsgChatFrom, Chat: netcode.ChatFrom{From: 3, Text: "hello 世界"}},
		"chatfrom srv": {Type: netcode.MsgChatFrom, Chat: netcode.ChatFrom{From: 0, Text: strings.Repeat("a", netcode.MaxChatBytes)}},
		"events":       {Type: netcode.MsgEvents, Events: netcode.Events{Events: events}},
		"events empty": {Type: netcode.MsgEvents},
		"events max":   {Type: netcode.MsgEvents, Events: netcode.Events{Events: manyEvents}},
		"error":        {Type: netcode.MsgError, Error: netcode.Error{Code: 1, Message: "chat too fast"}},
		"error max":    {Type: netcode.MsgError, Error: netcode.Error{Code: math.MaxUint16, Message: strings.Repeat("e", netcode.MaxErrorBytes)}},
	}
}
