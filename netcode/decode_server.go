package netcode

import "arena/game"

// Decoding of server -> client messages. Layouts are in docs/protocol.md.

// Smallest encodings of list elements: a fixarray header and one-byte fields
// (an event's name is at least a one-byte fixstr header).
const (
	minPlayerStateBytes = 1 + playerStateFields
	minShotBytes        = 1 + shotFields
	minEventBytes       = 1 + eventFields
)

func (d *Decoder) playerID(field string) (game.PlayerID, error) {
	v, err := d.u16(field)
	return game.PlayerID(v), err
}

// nonZeroPlayerID reads a PlayerID that must name a player (0 means nobody).
func (d *Decoder) nonZeroPlayerID(field string) (game.PlayerID, error) {
	id, err := d.playerID(field)
	if err == nil && id == 0 {
		err = d.fail(field, "is 0")
	}
	return id, err
}

func (d *Decoder) welcome(n int, m *Welcome) (err error) {
	if err = d.fields("welcome", n, 8); err != nil {
		return err
	}
	if m.PlayerID, err = d.nonZeroPlayerID("player_id"); err != nil {
		return err
	}
	if m.RoomID, err = d.str("room_id", MaxRoomBytes); err != nil {
		return err
	}
	if m.Map, err = d.str("map", MaxMapBytes); err != nil {
		return err
	}
	// The client divides by both rates.
	if m.TickRate, err = d.u16("tick_rate"); err != nil {
		return err
	}
	if m.TickRate == 0 {
		return d.fail("tick_rate", "is 0")
	}
	if m.SnapshotRate, err = d.u16("snapshot_rate"); err != nil {
		return err
	}
	if m.SnapshotRate == 0 {
		return d.fail("snapshot_rate", "is 0")
	}
	if m.ServerTick, err = d.u32("server_tick"); err != nil {
		return err
	}
	m.ResumeToken, err = d.bin("resume_token", MaxTokenBytes)
	return err
}

func (d *Decoder) snapshot(n int, m *Snapshot) (err error) {
	if err = d.fields("snapshot", n, 5); err != nil {
		return err
	}
	if m.Tick, err = d.u32("tick"); err != nil {
		return err
	}
	if m.AckSeq, err = d.u32("ack_seq"); err != nil {
		return err
	}
	np, err := d.arrayLen("players", 0, MaxPlayers, minPlayerStateBytes)
	if err != nil {
		return err
	}
	m.Players = m.Players[:0]
	for i := range np {
		d.enter("players", i)
		m.Players = append(m.Players, PlayerState{})
		if err = d.playerState(&m.Players[i]); err != nil {
			return err
		}
	}
	d.leaveList()
	ns, err := d.arrayLen("shots", 0, MaxShots, minShotBytes)
	if err != nil {
		return err
	}
	m.Shots = m.Shots[:0]
	for i := range ns {
		d.enter("shots", i)
		m.Shots = append(m.Shots, Shot{})
		if err = d.shot(&m.Shots[i]); err != nil {
			return err
		}
	}
	d.leaveList()
	return nil
}

func (d *Decoder) playerState(p *PlayerState) (err error) {
	if err = d.record(playerStateFields); err != nil {
		return err
	}
	if p.ID, err = d.nonZeroPlayerID("id"); err != nil {
		return err
	}
	if p.X, err = d.i32("x"); err != nil {
		return err
	}
	if p.Y, err = d.i32("y"); err != nil {
		return err
	}
	if p.VX, err = d.i32("vx"); err != nil {
		return err
	}
	if p.VY, err = d.i32("vy"); err != nil {
		return err
	}
	if p.Aim, err = d.u16("aim"); err != nil {
		return err
	}
	if p.Health, err = d.u8("health"); err != nil {
		return err
	}
	if p.Flags, err = d.u8("flags"); err != nil {
		return err
	}
	if p.RespawnTicks, err = d.u16("respawn_ticks"); err != nil {
		return err
	}
	if p.CooldownTicks, err = d.u16("cooldown_ticks"); err != nil {
		return err
	}
	if p.ProtectTicks, err = d.u16("protect_ticks"); err != nil {
		return err
	}
	if p.Kills, err = d.u16("kills"); err != nil {
		return err
	}
	if p.Deaths, err = d.u16("deaths"); err != nil {
		return err
	}
	p.Score, err = d.i16("score")
	return err
}

func (d *Decoder) shot(s *Shot) (err error) {
	if err = d.record(shotFields); err != nil {
		return err
	}
	if s.Tick, err = d.u32("tick"); err != nil {
		return err
	}
	if s.Shooter, err = d.nonZeroPlayerID("shooter"); err != nil {
		return err
	}
	if s.Target, err = d.playerID("target"); err != nil {
		return err
	}
	if s.FromX, err = d.i32("from_x"); err != nil {
		return err
	}
	if s.FromY, err = d.i32("from_y"); err != nil {
		return err
	}
	if s.ToX, err = d.i32("to_x"); err != nil {
		return err
	}
	s.ToY, err = d.i32("to_y")
	return err
}

func (d *Decoder) pong(n int, m *Pong) (err error) {
	if err = d.fields("pong", n, 3); err != nil {
		return err
	}
	if m.ClientTime, err = d.u64("client_time"); err != nil {
		return err
	}
	m.ServerTick, err = d.u32("server_tick")
	return err
}

func (d *Decoder) chatFrom(n int, m *ChatFrom) (err error) {
	if err = d.fields("chatfrom", n, 3); err != nil {
		return err
	}
	if m.From, err = d.playerID("from"); err != nil {
		return err
	}
	m.Text, err = d.str("text", MaxChatBytes)
	return err
}

func (d *Decoder) events(n int, m *Events) (err error) {
	if err = d.fields("events", n, 2); err != nil {
		return err
	}
	ne, err := d.arrayLen("events", 0, MaxEvents, minEventBytes)
	if err != nil {
		return err
	}
	m.Events = m.Events[:0]
	for i := range ne {
		d.enter("events", i)
		m.Events = append(m.Events, Event{})
		if err = d.event(&m.Events[i]); err != nil {
			return err
		}
	}
	d.leaveList()
	return nil
}

func (d *Decoder) event(e *Event) (err error) {
	if err = d.record(eventFields); err != nil {
		return err
	}
	k, err := d.u8("kind")
	if err != nil {
		return err
	}
	e.Kind = EventKind(k)
	if e.Kind < EventJoin || e.Kind > EventKill {
		return d.fail("kind", "%d unknown", k)
	}
	if e.Player, err = d.nonZeroPlayerID("player"); err != nil {
		return err
	}
	if e.Other, err = d.playerID("other"); err != nil {
		return err
	}
	e.Name, err = d.str("name", MaxNameBytes)
	return err
}

func (d *Decoder) errorMsg(n int, m *Error) (err error) {
	if err = d.fields("error", n, 3); err != nil {
		return err
	}
	if m.Code, err = d.u16("code"); err != nil {
		return err
	}
	m.Message, err = d.str("message", MaxErrorBytes)
	return err
}
