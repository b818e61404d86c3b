package replay

import (
	"encoding/binary"

	"arena/game"
)

// cmdState is what a player's next command is coded against.
type cmdState struct {
	in  game.Input
	lag int64 // the previous command's view lag
}

// Writer encodes a recording into a buffer that its owner takes from time
// to time (Swap) and writes out, so that recording a tick never waits on a
// disk. In steady state (no joins) it allocates nothing once its buffer
// has grown. It is not safe for concurrent use.
type Writer struct {
	buf     []byte
	pending uint64 // Steps not yet written
	tick    uint32 // the World's tick: the next Step makes tick+1
	prev    map[game.PlayerID]cmdState
	ended   bool
}

// NewWriter returns a Writer whose buffer holds h's header. h.Format is
// ignored: the Writer writes FormatVersion.
func NewWriter(h *Header, buf []byte) *Writer {
	return &Writer{
		buf:  appendHeader(buf[:0], h),
		tick: h.StartTick,
		prev: make(map[game.PlayerID]cmdState, 16),
	}
}

// Buffered returns how many bytes the buffer holds.
func (w *Writer) Buffered() int { return len(w.buf) }

// Swap returns the buffer with what was encoded since the last Swap and
// continues in b (emptied), so that the caller can write the one while the
// other fills.
func (w *Writer) Swap(b []byte) []byte {
	full := w.buf
	w.buf = b[:0]
	return full
}

// Tick returns the World's tick as far as the Writer knows.
func (w *Writer) Tick() uint32 { return w.tick }

// flushSteps writes the Steps counted since the last record.
func (w *Writer) flushSteps() {
	switch w.pending {
	case 0:
		return
	case 1:
		w.buf = append(w.buf, tagStep)
	default:
		w.buf = append(w.buf, tagSteps)
		w.buf = binary.AppendUvarint(w.buf, w.pending)
	}
	w.pending = 0
}

// Join records that AddPlayer(name) returned id.
func (w *Writer) Join(id game.PlayerID, name string) { w.join(tagJoin, id, name) }

// JoinBot records that AddBot(name) returned id.
func (w *Writer) JoinBot(id game.PlayerID, name string) { w.join(tagJoinBot, id, name) }

func (w *Writer) join(tag byte, id game.PlayerID, name string) {
	w.flushSteps()
	w.buf = append(w.buf, tag)
	w.buf = binary.AppendUvarint(w.buf, uint64(id))
	w.buf = appendString(w.buf, name)
	w.prev[id] = cmdState{lag: 1}
}

// Present records the players already in the World when this file
// starts (a continuation, Header.Prev): call it first.
func (w *Writer) Present(players []*game.Player) {
	for _, p := range players {
		w.join(tagPresent, p.ID, p.Name)
		bot := byte(0)
		if p.Bot {
			bot = 1
		}
		w.buf = append(w.buf, bot)
	}
}

// Leave records RemovePlayer(p.ID) with p's score as it leaves: call it
// before RemovePlayer. A nil p (no such player) records nothing.
func (w *Writer) Leave(p *game.Player) {
	if p == nil {
		return
	}
	w.flushSteps()
	w.buf = append(w.buf, tagLeave)
	w.buf = appendScore(w.buf, p)
	delete(w.prev, p.ID)
}

// appendScore appends p's id and tally.
func appendScore(b []byte, p *game.Player) []byte {
	b = binary.AppendUvarint(b, uint64(p.ID))
	b = binary.AppendVarint(b, int64(p.Kills))
	b = binary.AppendVarint(b, int64(p.Deaths))
	return binary.AppendVarint(b, int64(p.Score))
}

// Commands records SetCommands(id, cmds) for the next Step. None (a held
// player) writes nothing: it is what a Step does without a call. At most
// MaxCommands are recorded; the Room never gives more.
func (w *Writer) Commands(id game.PlayerID, cmds []game.Command) {
	if len(cmds) == 0 {
		return
	}
	cmds = cmds[:min(len(cmds), MaxCommands)]
	st, ok := w.prev[id]
	if !ok {
		return // not a player the recording knows: the World ignores it too
	}
	w.flushSteps()
	b := append(w.buf, tagCommands)
	b = binary.AppendUvarint(b, uint64(id))
	b = binary.AppendUvarint(b, uint64(len(cmds)))
	tick := int64(w.tick) + 1
	for _, c := range cmds {
		b, st = appendCommand(b, st, c, tick)
	}
	w.buf = b
	w.prev[id] = st
}

// appendCommand appends c coded against st and returns the new state.
func appendCommand(b []byte, st cmdState, c game.Command, tick int64) ([]byte, cmdState) {
	var flags byte
	in := c.Input
	if in.MoveX != st.in.MoveX || in.MoveY != st.in.MoveY {
		flags |= cmdMove
	}
	if in.Aim != st.in.Aim {
		flags |= cmdAim
	}
	if in.Buttons != st.in.Buttons {
		flags |= cmdButtons
	}
	lag := st.lag
	if c.ViewTick == 0 {
		flags |= cmdNoView
	} else if lag = tick - int64(c.ViewTick); lag != st.lag {
		flags |= cmdView
	}
	if c.Late != 0 {
		flags |= cmdLate
	}
	b = append(b, flags)
	if flags&cmdMove != 0 {
		b = append(b, byte(in.MoveX), byte(in.MoveY))
	}
	if flags&cmdAim != 0 {
		b = binary.AppendVarint(b, int64(int16(in.Aim-st.in.Aim)))
	}
	if flags&cmdButtons != 0 {
		b = append(b, byte(in.Buttons))
	}
	if flags&cmdView != 0 {
		b = binary.AppendVarint(b, lag)
	}
	if flags&cmdLate != 0 {
		b = binary.AppendUvarint(b, uint64(c.Late))
	}
	return b, cmdState{in: in, lag: lag}
}

// Phase records that the last Step entered st's phase (the World's
// Match() after a Step with a game.EventPhase), with the scoreboard when
// the match ended.
func (w *Writer) Phase(st *game.MatchState) {
	w.flushSteps()
	b := append(w.buf, tagPhase, byte(st.Phase))
	b = binary.AppendUvarint(b, uint64(st.Number))
	if st.Phase == game.PhaseEnded {
		b = binary.AppendUvarint(b, uint64(st.Winner))
		b = binary.AppendUvarint(b, uint64(len(st.Scores)))
		for _, s := range st.Scores {
			b = binary.AppendUvarint(b, uint64(s.ID))
			b = binary.AppendVarint(b, int64(s.Kills))
			b = binary.AppendVarint(b, int64(s.Deaths))
			b = binary.AppendVarint(b, int64(s.Score))
		}
	}
	w.buf = b
}

// Step records one Step.
func (w *Writer) Step() {
	w.pending++
	w.tick++
}

// End records the final scores of players (the World's, after its last
// Step) and closes the recording: later calls write nothing.
func (w *Writer) End(players []*game.Player) {
	if w.ended {
		return
	}
	w.flushSteps()
	w.ended = true
	b := append(w.buf, tagEnd)
	b = binary.AppendUvarint(b, uint64(w.tick))
	b = binary.AppendUvarint(b, uint64(len(players)))
	for _, p := range players {
		b = appendScore(b, p)
	}
	w.buf = b
}

// Ended reports whether End was called.
func (w *Writer) Ended() bool { return w.ended }
