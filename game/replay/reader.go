package replay

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"arena/game"
)

// Recording is a parsed recording: its header, its records (checked, kept
// encoded) and its final scores. It is not changed after Parse.
type Recording struct {
	Header Header
	// Ticks is how many Steps the recording has: it ends at World tick
	// Header.StartTick + Ticks.
	Ticks uint32
	// Final is the recorded World's score of each player at the end, by ID.
	Final []Score
	// Left is the score of each player who left, as it left, in order.
	Left []Score
	// Phases are the match cycle's phase changes, in order (none without
	// a match cycle).
	Phases []PhaseMark

	data    []byte // the whole file
	bodyOff int    // where the records start in data
}

// Parse reads a recording from data: the header, then every record up to
// the end record, so that a file cut short or damaged is refused here, not
// in the middle of a playback. Its errors start with "replay: " and name
// the byte offset. The protocol version is not checked: see
// Header.CheckProtocol.
func Parse(data []byte) (*Recording, error) {
	if len(data) < len(Magic) || string(data[:len(Magic)]) != Magic {
		return nil, errors.New("replay: not an Arena recording (no " + Magic + " at the start)")
	}
	r := &reader{b: data, off: len(Magic)}
	rec := &Recording{}
	h := &rec.Header
	h.Format = int(r.uvarint("format version", 1<<20))
	if r.err == nil && h.Format != FormatVersion {
		return nil, fmt.Errorf("replay: file format version %d, this build reads version %d", h.Format, FormatVersion)
	}
	h.Protocol = int(r.uvarint("protocol version", 1<<20))
	h.Mode = r.str("mode")
	h.Room = r.str("room")
	h.Seq = int(r.uvarint("recording number", 1<<31))
	if s := r.varint("started"); s != 0 {
		h.Started = time.Unix(s, 0).UTC()
	}
	h.Map = r.str("map")
	h.MapDigest = r.u64("map digest")
	h.TickRate = int(r.uvarint("tick rate", 10000))
	h.Seed = r.u64("seed")
	h.LagCompMax = time.Duration(r.varint("lag compensation"))
	h.StartTick = uint32(r.uvarint("start tick", 1<<32-1))
	n := int(r.uvarint("params", maxParams))
	for range n {
		if r.err != nil {
			break
		}
		name := r.str("param name")
		h.Params = append(h.Params, game.Param{Name: name, Value: r.varint("param " + name)})
	}
	if n := int(r.uvarint("rotation", game.MaxRotation)); n > 0 {
		h.Match = &MatchHeader{}
		for range n {
			name := r.str("rotation map")
			h.Match.Maps = append(h.Match.Maps, MapRef{Name: name, Digest: r.u64("rotation digest")})
		}
		h.Match.Countdown = time.Duration(r.varint("countdown"))
		h.Match.Length = time.Duration(r.varint("match length"))
		h.Match.Intermission = time.Duration(r.varint("intermission"))
	}
	h.Prev = r.str("prev")
	if r.err != nil {
		return nil, r.err
	}
	if h.TickRate == 0 {
		return nil, errors.New("replay: header: tick rate 0")
	}
	rec.data, rec.bodyOff = data, r.off
	d := rec.decoder()
	var op record
	for {
		err := d.next(&op)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch op.tag {
		case tagLeave:
			rec.Left = append(rec.Left, op.score)
		case tagPhase:
			mark := op.phase
			mark.Scores = append([]Score(nil), op.phase.Scores...)
			rec.Phases = append(rec.Phases, mark)
		}
		if op.tag == tagStep {
			if uint64(rec.Ticks)+op.steps > MaxTicks {
				return nil, fmt.Errorf("replay: byte %d: more than %d ticks", d.r.off, MaxTicks)
			}
			rec.Ticks += uint32(op.steps)
		}
	}
	rec.Final = d.final
	return rec, nil
}

// PhaseMark is a phase the recorded World entered: at the Step that made
// Tick, match Number entered Phase; an ended phase has the winner and the
// scoreboard, best first.
type PhaseMark struct {
	Tick   uint32
	Phase  game.Phase
	Number uint32
	Winner game.PlayerID
	Scores []Score
}

// reader decodes values from b at off, keeping the first error.
type reader struct {
	b   []byte
	off int // absolute offset in the file
	err error
}

func (r *reader) fail(what, why string) {
	if r.err == nil {
		r.err = fmt.Errorf("replay: byte %d: %s: %s", r.off, what, why)
	}
}

func (r *reader) uvarint(what string, limit uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	switch {
	case n == 0:
		r.fail(what, "file cut short")
		return 0
	case n < 0:
		r.fail(what, "varint overflows")
		return 0
	case v > limit:
		r.fail(what, fmt.Sprintf("%d is over the limit %d", v, limit))
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	switch {
	case n == 0:
		r.fail(what, "file cut short")
		return 0
	case n < 0:
		r.fail(what, "varint overflows")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) byte(what string) byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.fail(what, "file cut short")
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) u64(what string) uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b)-r.off < 8 {
		r.fail(what, "file cut short")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

func (r *reader) str(what string) string {
	n := int(r.uvarint(what, maxString))
	if r.err != nil {
		return ""
	}
	if len(r.b)-r.off < n {
		r.fail(what, "file cut short")
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

// record is one decoded record. cmds is reused from record to record.
type record struct {
	tag   byte
	bot   bool   // tagPresent: the player is a bot
	steps uint64 // tagStep: how many
	id    game.PlayerID
	name  string
	score Score     // tagLeave
	phase PhaseMark // tagPhase; Scores reused
	cmds  []game.Command
}

// decoder walks a Recording's records, keeping the state commands are
// coded against.
type decoder struct {
	r     reader
	tick  uint32 // the World's tick before the next record
	prev  map[game.PlayerID]cmdState
	ended bool
	final []Score
}

func (rec *Recording) decoder() *decoder {
	return &decoder{
		r:    reader{b: rec.data, off: rec.bodyOff},
		tick: rec.Header.StartTick,
		prev: make(map[game.PlayerID]cmdState, 16),
	}
}

// next decodes the next record into op. It returns io.EOF after the end
// record, and an error naming the offset (in the file) for anything else
// amiss, including a body that stops before its end record.
func (d *decoder) next(op *record) error {
	if d.ended {
		return io.EOF
	}
	return d.decode(op)
}

func (d *decoder) decode(op *record) error {
	r := &d.r
	if r.off >= len(r.b) {
		return fmt.Errorf("replay: byte %d: the file ends without its end record (cut short: was the recording stopped?)", r.off)
	}
	at := r.off
	op.tag = r.byte("record")
	switch op.tag {
	case tagStep:
		op.steps = 1
	case tagSteps:
		op.steps = r.uvarint("steps", 1<<32-1)
		if r.err == nil && op.steps < 2 {
			r.fail("steps", fmt.Sprintf("a run of %d", op.steps))
		}
		op.tag = tagStep
	case tagJoin, tagJoinBot, tagPresent:
		op.id = d.id()
		op.name = r.str("join name")
		if op.tag == tagPresent {
			op.bot = r.byte("present bot") != 0
		}
		if r.err == nil {
			if _, dup := d.prev[op.id]; dup {
				r.fail("join", fmt.Sprintf("player %d is already in", op.id))
			} else if len(d.prev) >= game.MaxPlayersPerWorld {
				r.fail("join", fmt.Sprintf("more than %d players", game.MaxPlayersPerWorld))
			} else {
				d.prev[op.id] = cmdState{lag: 1}
			}
		}
	case tagLeave:
		op.score = d.score()
		op.id = op.score.ID
		delete(d.prev, op.id)
	case tagCommands:
		op.id = d.id()
		d.commands(op)
	case tagPhase:
		d.phaseMark(op)
	case tagEnd:
		d.end()
	default:
		r.fail("record", fmt.Sprintf("unknown tag %d", op.tag))
	}
	if r.err != nil {
		return r.err
	}
	if op.tag == tagStep {
		next := uint64(d.tick) + op.steps
		if next > 1<<32-1 {
			return fmt.Errorf("replay: byte %d: steps: past the last tick", at)
		}
		d.tick = uint32(next)
	}
	return nil
}

func (d *decoder) id() game.PlayerID {
	v := d.r.uvarint("player id", 1<<16-1)
	if d.r.err == nil && v == 0 {
		d.r.fail("player id", "0")
	}
	return game.PlayerID(v)
}

// commands decodes a commands record's n commands into op.cmds.
func (d *decoder) commands(op *record) {
	r := &d.r
	n := int(r.uvarint("command count", MaxCommands))
	if r.err != nil {
		return
	}
	if n == 0 {
		r.fail("command count", "0")
		return
	}
	st, ok := d.prev[op.id]
	if !ok {
		r.fail("commands", fmt.Sprintf("player %d has not joined", op.id))
		return
	}
	tick := int64(d.tick) + 1
	op.cmds = op.cmds[:0]
	for range n {
		flags := r.byte("command flags")
		if r.err != nil {
			return
		}
		if flags&^cmdKnown != 0 || flags&cmdView != 0 && flags&cmdNoView != 0 {
			r.fail("command flags", fmt.Sprintf("%#x", flags))
			return
		}
		in := st.in
		if flags&cmdMove != 0 {
			in.MoveX = int8(r.byte("move x"))
			in.MoveY = int8(r.byte("move y"))
		}
		if flags&cmdAim != 0 {
			in.Aim = st.in.Aim + uint16(r.varint("aim"))
		}
		if flags&cmdButtons != 0 {
			in.Buttons = game.Buttons(r.byte("buttons"))
		}
		c := game.Command{Input: in}
		lag := st.lag
		if flags&cmdView != 0 {
			lag = r.varint("view lag")
		}
		if flags&cmdNoView == 0 {
			vt := tick - lag
			if r.err == nil && (vt <= 0 || vt > 1<<32-1) {
				r.fail("view lag", fmt.Sprintf("view tick %d", vt))
			}
			c.ViewTick = uint32(vt)
		}
		if flags&cmdLate != 0 {
			c.Late = uint32(r.uvarint("late", 1<<32-1))
		}
		if r.err != nil {
			return
		}
		op.cmds = append(op.cmds, c)
		st = cmdState{in: in, lag: lag}
	}
	d.prev[op.id] = st
}

// phaseMark decodes a phase record into op.phase.
func (d *decoder) phaseMark(op *record) {
	r := &d.r
	ph := &op.phase
	ph.Tick = d.tick
	ph.Phase = game.Phase(r.byte("phase"))
	ph.Number = uint32(r.uvarint("match number", 1<<32-1))
	ph.Winner, ph.Scores = 0, ph.Scores[:0]
	if r.err == nil && (ph.Phase < game.PhaseCountdown || ph.Phase > game.PhaseEnded) {
		r.fail("phase", fmt.Sprintf("unknown phase %d", ph.Phase))
	}
	if ph.Phase != game.PhaseEnded {
		return
	}
	ph.Winner = game.PlayerID(r.uvarint("winner", 1<<16-1))
	n := int(r.uvarint("scoreboard", game.MaxPlayersPerWorld))
	for range n {
		s := d.score()
		if r.err != nil {
			return
		}
		ph.Scores = append(ph.Scores, s)
	}
}

// score decodes a player's id and tally.
func (d *decoder) score() Score {
	r := &d.r
	return Score{ID: d.id(), Kills: int(r.varint("kills")), Deaths: int(r.varint("deaths")), Score: int(r.varint("score"))}
}

// end decodes the end record into d.final.
func (d *decoder) end() {
	r := &d.r
	tick := r.uvarint("end tick", 1<<32-1)
	if r.err == nil && tick != uint64(d.tick) {
		r.fail("end tick", fmt.Sprintf("%d, but the records step to %d", tick, d.tick))
	}
	n := int(r.uvarint("end players", game.MaxPlayersPerWorld))
	d.final = make([]Score, 0, n)
	for range n {
		s := d.score()
		if r.err != nil {
			return
		}
		d.final = append(d.final, s)
	}
	if r.err == nil && r.off != len(r.b) {
		r.fail("end", fmt.Sprintf("%d bytes follow the end record", len(r.b)-r.off))
	}
	d.ended = r.err == nil
}
