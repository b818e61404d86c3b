package replay

import (
	"errors"
	"fmt"
	"io"

	"arena/game"
)

// Change is a join or a leave a Replay applied before its last Step.
type Change struct {
	Join bool // else a leave
	ID   game.PlayerID
	Name string // the joining player's name as given to AddPlayer; a leave's is the name last joined with
}

// Replay plays a Recording, or a chain of them (NewChain), back on a
// fresh World: each Step applies the records up to the next Step, then
// steps the World. It is not safe for concurrent use.
type Replay struct {
	recs    []*Recording
	idx     int // the recording being read
	w       *game.World
	dec     *decoder
	op      record
	steps   uint64 // Steps of the current run left to take
	changes []Change
	names   map[game.PlayerID]string
	done    bool
}

// New returns a Replay of rec on the maps the recording names, which load
// returns by name (each must have the recorded Digest). It refuses a mode
// other than the arena, another map, rules whose Params differ from the
// recording's, and a recording that continues another (see NewChain).
func New(rec *Recording, load func(name string) (*game.Map, error)) (*Replay, error) {
	return NewChain([]*Recording{rec}, load)
}

// NewChain returns a Replay of a chain of recordings of one World, the
// first from the World's start and each continuing the one before
// (Header.Prev): it plays them all in order. The first is checked as New
// checks it; each later one must start at the tick the one before ends,
// with the same World settings.
func NewChain(recs []*Recording, load func(name string) (*game.Map, error)) (*Replay, error) {
	if len(recs) == 0 {
		return nil, errors.New("replay: no recording")
	}
	h := &recs[0].Header
	if h.Mode != game.ModeArena {
		return nil, fmt.Errorf("replay: mode %q is not replayable (only %q)", h.Mode, game.ModeArena)
	}
	if h.Prev != "" || h.StartTick != 0 {
		return nil, fmt.Errorf("replay: the recording continues %s (from tick %d): play it with the files before it", h.Prev, h.StartTick)
	}
	for i := 1; i < len(recs); i++ {
		if err := continues(recs[i-1], recs[i]); err != nil {
			return nil, err
		}
	}
	cfg, err := h.Config(load)
	if err != nil {
		return nil, err
	}
	w, err := game.NewWorld(cfg)
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	if err := sameParams(h.Params, w.Params()); err != nil {
		return nil, err
	}
	return &Replay{recs: recs, w: w, dec: recs[0].decoder(), names: make(map[game.PlayerID]string)}, nil
}

// continues checks that next goes on where prev ended, on the same World.
func continues(prev, next *Recording) error {
	a, b := &prev.Header, &next.Header
	if end := a.StartTick + prev.Ticks; b.StartTick != end {
		return fmt.Errorf("replay: recording %d of room %s starts at tick %d, but the one before it ends at %d", b.Seq, b.Room, b.StartTick, end)
	}
	same := a.Protocol == b.Protocol && a.Mode == b.Mode && a.Room == b.Room && a.TickRate == b.TickRate &&
		a.Seed == b.Seed && a.LagCompMax == b.LagCompMax && a.Map == b.Map && a.MapDigest == b.MapDigest &&
		(a.Match == nil) == (b.Match == nil) && sameParams(a.Params, b.Params) == nil
	if same && a.Match != nil {
		same = a.Match.Countdown == b.Match.Countdown && a.Match.Length == b.Match.Length &&
			a.Match.Intermission == b.Match.Intermission && len(a.Match.Maps) == len(b.Match.Maps)
		for i := 0; same && i < len(a.Match.Maps); i++ {
			same = a.Match.Maps[i] == b.Match.Maps[i]
		}
	}
	if !same {
		return fmt.Errorf("replay: recording %d of room %s is not of the same World as the one before it", b.Seq, b.Room)
	}
	return nil
}

// sameParams returns nil when the recording's rules are these.
func sameParams(rec, here []game.Param) error {
	have := make(map[string]int64, len(here))
	for _, p := range here {
		have[p.Name] = p.Value
	}
	for _, p := range rec {
		v, ok := have[p.Name]
		switch {
		case !ok:
			return fmt.Errorf("replay: the recording's rules have %s = %d, which this build does not know", p.Name, p.Value)
		case v != p.Value:
			return fmt.Errorf("replay: the rules differ: %s is %d in the recording, %d in this build", p.Name, p.Value, v)
		}
		delete(have, p.Name)
	}
	for name := range have {
		return fmt.Errorf("replay: the recording's rules lack %s, which this build has", name)
	}
	return nil
}

// World returns the World being replayed, owned by the Replay: read it
// between Steps.
func (r *Replay) World() *game.World { return r.w }

// Recording returns the recording being read now (of a chain, the one
// the World is in).
func (r *Replay) Recording() *Recording { return r.recs[r.idx] }

// Changes returns the joins and leaves applied before the last Step, owned
// by the Replay until the next Step.
func (r *Replay) Changes() []Change { return r.changes }

// Done reports whether the Replay has reached the recording's end.
func (r *Replay) Done() bool { return r.done }

// Name returns the name player id joined with, "" when unknown.
func (r *Replay) Name(id game.PlayerID) string { return r.names[id] }

// Step applies the records up to the next Step and steps the World. It
// returns false, and steps nothing, at the end of the recording; an error
// when the World does not do what was recorded (wrapping ErrDiverged).
func (r *Replay) Step() (bool, error) {
	r.changes = r.changes[:0]
	for {
		if r.steps > 0 {
			r.steps--
			r.w.Step()
			return true, nil
		}
		if r.done {
			return false, nil
		}
		err := r.dec.next(&r.op)
		if err == io.EOF && r.idx+1 < len(r.recs) {
			// The end of a file of a chain: its scores, then the next.
			if err := CheckScores(r.w.Players(), r.recs[r.idx].Final); err != nil {
				return false, fmt.Errorf("%w (recording %d)", err, r.recs[r.idx].Header.Seq)
			}
			r.idx++
			r.dec = r.recs[r.idx].decoder()
			continue
		}
		if err == io.EOF {
			r.done = true
			return false, nil
		}
		if err != nil {
			return false, err // Parse has read it all, so only a changed buffer gets here
		}
		if err := r.apply(&r.op); err != nil {
			return false, err
		}
	}
}

// apply makes the World call a record says.
func (r *Replay) apply(op *record) error {
	switch op.tag {
	case tagStep:
		r.steps = op.steps
	case tagJoin, tagJoinBot:
		add := r.w.AddPlayer
		if op.tag == tagJoinBot {
			add = r.w.AddBot
		}
		id, err := add(op.name)
		if err != nil {
			return fmt.Errorf("replay: tick %d: join %q: %w: %w", r.w.Tick()+1, op.name, ErrDiverged, err)
		}
		if id != op.id {
			return fmt.Errorf("replay: tick %d: %w: %q joined as player %d, recorded as %d", r.w.Tick()+1, ErrDiverged, op.name, id, op.id)
		}
		r.names[id] = op.name
		r.changes = append(r.changes, Change{Join: true, ID: id, Name: op.name})
	case tagPresent:
		p := r.w.Player(op.id)
		if p == nil || p.Name != op.name || p.Bot != op.bot {
			return fmt.Errorf("replay: tick %d: %w: player %d %q (bot %v) is not in the World as the recording says", r.w.Tick(), ErrDiverged, op.id, op.name, op.bot)
		}
		r.names[op.id] = op.name
	case tagLeave:
		if p := r.w.Player(op.id); p == nil {
			return fmt.Errorf("replay: tick %d: %w: player %d leaves but is not in the World", r.w.Tick()+1, ErrDiverged, op.id)
		} else if err := scoreDiff([]*game.Player{p}, []Score{op.score}); err != nil {
			return fmt.Errorf("replay: tick %d: leaving: %w", r.w.Tick()+1, err)
		}
		r.w.RemovePlayer(op.id)
		r.changes = append(r.changes, Change{ID: op.id, Name: r.names[op.id]})
	case tagCommands:
		r.w.SetCommands(op.id, op.cmds)
	case tagPhase:
		return r.checkPhase(&op.phase)
	}
	return nil
}

// checkPhase compares the World's match state after its last Step with a
// phase record.
func (r *Replay) checkPhase(want *PhaseMark) error {
	st := r.w.Match()
	if st.Phase != want.Phase || st.Number != want.Number {
		return fmt.Errorf("replay: tick %d: %w: match %d %s, recorded match %d %s", r.w.Tick(), ErrDiverged, st.Number, st.Phase, want.Number, want.Phase)
	}
	if want.Phase != game.PhaseEnded {
		return nil
	}
	if st.Winner != want.Winner {
		return fmt.Errorf("replay: match %d: %w: winner %d, recorded %d", st.Number, ErrDiverged, st.Winner, want.Winner)
	}
	if len(st.Scores) != len(want.Scores) {
		return fmt.Errorf("replay: match %d: %w: %d on the scoreboard, %d recorded", st.Number, ErrDiverged, len(st.Scores), len(want.Scores))
	}
	for i, s := range st.Scores {
		if got := (Score{s.ID, s.Kills, s.Deaths, s.Score}); got != want.Scores[i] {
			return fmt.Errorf("replay: match %d: %w: scoreboard line %d is %+v, recorded %+v", st.Number, ErrDiverged, i+1, got, want.Scores[i])
		}
	}
	return nil
}

// Finish steps to the end of the recording.
func (r *Replay) Finish() error {
	for {
		more, err := r.Step()
		if err != nil {
			return err
		}
		if !more {
			return nil
		}
	}
}

// Check compares the World's scores with the recorded final ones; call it
// when Done. It returns an error wrapping ErrDiverged that names the first
// difference.
func (r *Replay) Check() error {
	if !r.done {
		return errors.New("replay: Check before the end of the recording")
	}
	return CheckScores(r.w.Players(), r.recs[len(r.recs)-1].Final)
}

// CheckScores compares players' scores with want, both by ID; the error
// (wrapping ErrDiverged) names the first difference.
func CheckScores(players []*game.Player, want []Score) error {
	if err := scoreDiff(players, want); err != nil {
		return fmt.Errorf("replay: at the end: %w", err)
	}
	return nil
}

// scoreDiff is CheckScores without the prefix.
func scoreDiff(players []*game.Player, want []Score) error {
	if len(players) != len(want) {
		return fmt.Errorf("%w: %d players, %d recorded", ErrDiverged, len(players), len(want))
	}
	for i, p := range players {
		got := Score{ID: p.ID, Kills: p.Kills, Deaths: p.Deaths, Score: p.Score}
		if got != want[i] {
			return fmt.Errorf("%w: player %d has kills %d deaths %d score %d, recorded kills %d deaths %d score %d",
				ErrDiverged, p.ID, got.Kills, got.Deaths, got.Score, want[i].Kills, want[i].Deaths, want[i].Score)
		}
	}
	return nil
}

// Verify replays rec to its end, on the maps load returns, and checks
// every ended match's scoreboard, every leaving player's score and the
// final scores.
func Verify(rec *Recording, load func(name string) (*game.Map, error)) error {
	return VerifyChain([]*Recording{rec}, load)
}

// VerifyChain is Verify of a chain of recordings (see NewChain), checking
// the scores at the end of each.
func VerifyChain(recs []*Recording, load func(name string) (*game.Map, error)) error {
	r, err := NewChain(recs, load)
	if err != nil {
		return err
	}
	if err := r.Finish(); err != nil {
		return err
	}
	return r.Check()
}
