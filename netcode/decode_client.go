package netcode

import "arena/game"

// Decoding of client -> server messages. Layouts are in docs/protocol.md.

func (d *Decoder) hello(n int, m *Hello) (err error) {
	if err = d.fields("hello", n, 5); err != nil {
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
	m.ResumeToken, err = d.bin("resume_token", MaxTokenBytes)
	return err
}

// minInputFrameBytes is the smallest encoding of one window element: a
// fixarray header and six one-byte integers.
const minInputFrameBytes = 1 + inputFrameFields

func (d *Decoder) inputs(n int, m *Inputs) (err error) {
	if err = d.fields("inputs", n, 4); err != nil {
		return err
	}
	if m.AckTick, err = d.u32("ack_tick"); err != nil {
		return err
	}
	if m.RenderTick, err = d.u32("render_tick"); err != nil {
		return err
	}
	if m.N, err = d.arrayLen("window", 1, MaxInputWindow, minInputFrameBytes); err != nil {
		return err
	}
	for i := range m.N {
		d.enter("window", i)
		if err = d.inputFrame(&m.Frames[i]); err != nil {
			return err
		}
		if i == 0 {
			continue
		}
		// The server drops seqs it has applied, so a window must be a run of
		// consecutive seqs; anything else is a broken or lying client.
		if prev, seq := m.Frames[i-1].Seq, m.Frames[i].Seq; uint64(seq) != uint64(prev)+1 {
			return d.fail("seq", "%d after %d, want %d", seq, prev, uint64(prev)+1)
		}
	}
	d.leaveList()
	return nil
}

func (d *Decoder) inputFrame(f *InputFrame) (err error) {
	if err = d.record(inputFrameFields); err != nil {
		return err
	}
	if f.Seq, err = d.u32("seq"); err != nil {
		return err
	}
	if f.Seq == 0 {
		return d.fail("seq", "is 0")
	}
	if f.ClientTick, err = d.u32("client_tick"); err != nil {
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
	f.Input.Buttons = game.Buttons(b)
	return err
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
