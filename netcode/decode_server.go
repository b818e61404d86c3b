package netcode

import "arena/game"

// Decoding of server -> client messages other than Snapshot (see
// decode_snapshot.go). Layouts are in docs/protocol.md.

// Smallest encodings of list elements: a fixarray header and one-byte fields.
const (
	minRuleBytes   = 1 + 2 // [name, value]
	minRosterBytes = 1 + 2 // [id, name]
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
	if err = d.fieldsRange("welcome", n, welcomeFields, welcomeFields+2); err != nil {
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
	if m.Mode, err = d.str("mode", MaxModeBytes); err != nil {
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
	if m.ResumeToken, err = d.bin("resume_token", MaxTokenBytes); err != nil {
		return err
	}
	if m.ViewWidth, err = d.u16("view_width"); err != nil {
		return err
	}
	if m.ViewHeight, err = d.u16("view_height"); err != nil {
		return err
	}
	nr, err := d.arrayLen("rules", 0, MaxRules, minRuleBytes)
	if err != nil {
		return err
	}
	m.Rules = m.Rules[:0]
	for i := range nr {
		d.enter("rules", i)
		if err = d.record(2); err != nil {
			return err
		}
		var r Rule
		if r.Name, err = d.str("name", MaxRuleName); err != nil {
			return err
		}
		if r.Value, err = d.int("value", -1<<63, 1<<63-1); err != nil {
			return err
		}
		m.Rules = append(m.Rules, r)
	}
	d.leaveList()
	np, err := d.arrayLen("roster", 0, MaxPlayers, minRosterBytes)
	if err != nil {
		return err
	}
	m.Roster = m.Roster[:0]
	for i := range np {
		d.enter("roster", i)
		if err = d.record(2); err != nil {
			return err
		}
		var r RosterEntry
		if r.ID, err = d.nonZeroPlayerID("id"); err != nil {
			return err
		}
		if r.Name, err = d.str("name", MaxNameBytes); err != nil {
			return err
		}
		m.Roster = append(m.Roster, r)
	}
	d.leaveList()
	m.RoomFlags = 0
	if n > welcomeFields {
		if m.RoomFlags, err = d.u8("room_flags"); err != nil {
			return err
		}
	}
	m.Match = nil
	if n > welcomeFields+1 {
		m.Match, err = d.match("match")
	}
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
