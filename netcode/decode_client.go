package netcode

import "arena/game"

// Decoding of client -> server messages. Layouts are in docs/protocol.md.

func (d *Decoder) hello(n int, m *Hello) (err error) {
	if err = d.fieldsRange("hello", n, 5, 6); err != nil {
		return err
	}
	if m.Version, err = d.u16("version"); err != nil {
		return err
	}
	if m.Version == 0 {
		return d.fail("version", "is 0")
	}
	if m.Name, err = d.str("name", MaxNameBytes); err != nil {
		return err
	}
	if m.Room, err = d.str("room", MaxRoomBytes); err != nil {
		return err
	}
	if m.ResumeToken, err = d.bin("resume_token", MaxTokenBytes); err != nil {
		return err
	}
	m.Flags = 0
	if n == 6 {
		if m.Flags, err = d.u8("flags"); err != nil {
			return err
		}
	}
	if m.Flags&HelloPrivate != 0 && m.Room != "" {
		return d.fail("room", "must be empty when flags ask for a new private room")
	}
	return nil
}

// minInputFrameBytes is the smallest encoding of one input: a fixarray
// header and five one-byte integers.
const minInputFrameBytes = 1 + inputFields

func (d *Decoder) inputs(n int, m *Inputs) (err error) {
	if err = d.fields("inputs", n, 4); err != nil {
		return err
	}
	if m.AckTick, err = d.u32("ack_tick"); err != nil {
		return err
	}
	first, err := d.u32("first_seq")
	if err != nil {
		return err
	}
	if first == 0 {
		return d.fail("first_seq", "is 0")
	}
	if m.N, err = d.arrayLen("inputs", 1, MaxInputWindow, minInputFrameBytes); err != nil {
		return err
	}
	if uint64(first)+uint64(m.N)-1 > 1<<32-1 {
		return d.fail("first_seq", "%d + %d inputs passes 2^32-1", first, m.N)
	}
	for i := range m.N {
		d.enter("inputs", i)
		f := &m.Frames[i]
		f.Seq = first + uint32(i)
		if err = d.inputFrame(f, m.AckTick); err != nil {
			return err
		}
	}
	d.leaveList()
	return nil
}

func (d *Decoder) inputFrame(f *InputFrame, ack uint32) (err error) {
	if err = d.record(inputFields); err != nil {
		return err
	}
	mx, err := d.int("move_x", -127, 127)
	if err != nil {
		return err
	}
	my, err := d.int("move_y", -127, 127)
	if err != nil {
		return err
	}
	f.Input.MoveX, f.Input.MoveY = int8(mx), int8(my)
	if f.Input.Aim, err = d.u16("aim"); err != nil {
		return err
	}
	b, err := d.u8("buttons")
	if err != nil {
		return err
	}
	f.Input.Buttons = game.Buttons(b)
	lag, err := d.int("render_lag", -128, 127)
	if err != nil {
		return err
	}
	switch render := int64(ack) - lag; {
	case ack == 0 && lag != 0:
		return d.fail("render_lag", "%d with ack_tick 0, want 0", lag)
	case render < 0 || render > 1<<32-1:
		return d.fail("render_lag", "%d puts the render tick out of range", lag)
	default:
		f.RenderTick = uint32(render)
	}
	return nil
}

func (d *Decoder) ping(n int, m *Ping) (err error) {
	if err = d.fields("ping", n, 2); err != nil {
		return err
	}
	m.ClientTime, err = d.u64("client_time")
	return err
}

func (d *Decoder) chat(n int, m *Chat) (err error) {
	if err = d.fields("chat", n, 2); err != nil {
		return err
	}
	m.Text, err = d.str("text", MaxChatBytes)
	return err
}

func (d *Decoder) leave(n int) error {
	return d.fields("leave", n, 1)
}
