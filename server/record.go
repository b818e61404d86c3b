package server

// Recording a room's matches (Config.RecordDir): the room goroutine tells
// its recorder what it hands the Rules (AddPlayer, RemovePlayer,
// SetCommands, Step); the recorder encodes it with a game/replay Writer
// into a buffer, and a writer goroutine of its own puts full buffers on
// disk. The tick never waits on the disk: buffers go round through two
// bounded channels, and a disk that falls far behind costs the recording,
// never the match.

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"arena/game"
	"arena/game/replay"
	"arena/netcode"
)

// Recorder tuning.
const (
	recordBuffers = 3        // buffers going round between the room and the writer
	recordFlushAt = 32 << 10 // a buffer this full is handed to the writer
	recordMaxHeld = 16 << 20 // the most the room holds when the writer is behind
	recordQueue   = 2 * recordBuffers
)

// recordChunk is what the room hands its recorder's writer goroutine:
// bytes of the current file, and whether the file is complete.
type recordChunk struct {
	open string // non-empty: start this file (its final name) first
	b    []byte
	done bool // the match's recording is complete: close and rename it
}

// matchRecorder records one room's matches, a file per match. Its methods are
// called by the room goroutine only and do nothing on a nil recorder.
type matchRecorder struct {
	dir    string
	room   string
	log    *slog.Logger
	clock  Clock
	header replay.Header   // the next recording's, but for Seq, Started and StartTick
	match  game.MatchRules // nil: the Rules have no match cycle
	w      *replay.Writer
	seq    int              // recordings made
	free   chan []byte      // buffers for the room to fill
	chunks chan recordChunk // to the writer goroutine
	done   chan struct{}    // closed when the writer goroutine has returned
	broken bool             // a recording was abandoned: the room records no more
	file   string           // the current recording's path
	// failed is set by the writer goroutine when the disk refused a
	// write: the room stops recording from the next match on.
	failed atomic.Bool
}

// newMatchRecorder returns a recorder for the room rc describes, playing
// rules, or nil (logged) when the mode is not recorded.
func newMatchRecorder(rc roomConfig, gcfg game.Config, rules game.Rules, log *slog.Logger) *matchRecorder {
	if rc.cfg.RecordDir == "" {
		return nil
	}
	if rules.Mode() != game.ModeArena {
		log.Warn("not recording: only the arena mode is recorded", "mode", rules.Mode())
		return nil
	}
	match, _ := rules.(game.MatchRules)
	rec := &matchRecorder{
		match:  match,
		dir:    rc.cfg.RecordDir,
		room:   rc.id,
		log:    log,
		clock:  rc.cfg.Clock,
		header: replay.NewHeader(gcfg, netcode.Version, rules),
		free:   make(chan []byte, recordBuffers),
		chunks: make(chan recordChunk, recordQueue),
		done:   make(chan struct{}),
	}
	for range recordBuffers - 1 {
		rec.free <- make([]byte, 0, recordFlushAt+recordFlushAt/2)
	}
	go rec.writeLoop()
	return rec
}

// begin starts a recording at the World's tick: the room's first, or
// (players non-nil) one continuing the last, with those players present.
// After a recording was abandoned none follows: a file that continues a
// lost one could not be played.
func (rec *matchRecorder) begin(tick uint32, players []*game.Player) {
	if rec == nil || rec.failed.Load() || rec.broken {
		return
	}
	rec.seq++
	h := rec.header
	h.Room, h.Seq, h.Started, h.StartTick = rec.room, rec.seq, rec.clock.Now(), tick
	if rec.seq > 1 {
		h.Prev = filepath.Base(rec.file)
	}
	rec.file = rec.fileName(h.Started)
	rec.w = replay.NewWriter(&h, rec.takeBuffer())
	rec.w.Present(players)
	rec.send(recordChunk{open: rec.file})
}

// fileName is where the current recording goes: room, recording number
// and the UTC time it began, e.g. r1-001-20261203T151500Z.arenarec.
func (rec *matchRecorder) fileName(started time.Time) string {
	room := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, rec.room)
	name := fmt.Sprintf("%s-%03d-%s%s", room, rec.seq, started.UTC().Format("20060102T150405Z"), replay.FileExt)
	return filepath.Join(rec.dir, name)
}

// takeBuffer returns a free buffer, or a new one when none is free (at a
// match's start, not in a tick's hot path).
func (rec *matchRecorder) takeBuffer() []byte {
	select {
	case b := <-rec.free:
		return b
	default:
		return make([]byte, 0, recordFlushAt+recordFlushAt/2)
	}
}

// send hands c to the writer without waiting: a full queue (the disk far
// behind) ends this match's recording.
func (rec *matchRecorder) send(c recordChunk) {
	select {
	case rec.chunks <- c:
	default:
		rec.abandon("the disk is too slow: the writer is behind")
	}
}

// abandon stops recording the room.
func (rec *matchRecorder) abandon(why string) {
	if !rec.broken {
		rec.log.Warn("recording abandoned: the room's later matches are not recorded either", "recording", rec.seq, "reason", why)
	}
	rec.broken = true
	rec.w = nil
}

func (rec *matchRecorder) active() bool { return rec != nil && rec.w != nil }

// join records AddPlayer(name) returning id.
func (rec *matchRecorder) join(id game.PlayerID, name string) {
	if rec.active() {
		rec.w.Join(id, name)
	}
}

// joinBot records AddBot(name) returning id.
func (rec *matchRecorder) joinBot(id game.PlayerID, name string) {
	if rec.active() {
		rec.w.JoinBot(id, name)
	}
}

// leave records RemovePlayer(p.ID) and p's score: call it before.
func (rec *matchRecorder) leave(p *game.Player) {
	if rec.active() {
		rec.w.Leave(p)
	}
}

// commands records SetCommands(id, cmds).
func (rec *matchRecorder) commands(id game.PlayerID, cmds []game.Command) {
	if rec.active() {
		rec.w.Commands(id, cmds)
	}
}

// step records a Step and, when the buffer is full enough, hands it to
// the writer for a free one. Without a free buffer it keeps filling this
// one, up to recordMaxHeld.
func (rec *matchRecorder) step(rules game.Rules) {
	if !rec.active() {
		return
	}
	rec.w.Step()
	if rec.match != nil {
		for _, e := range rules.Events() {
			if e.Kind == game.EventPhase {
				st := rec.match.Match()
				rec.w.Phase(&st)
			}
		}
		// The next Step starts the next match: this match's file ends
		// here, and the next continues it (a file per match).
		if st := rec.match.Match(); st.Phase == game.PhaseEnded && st.End == rules.Tick()+1 {
			rec.end(rules.Players())
			rec.begin(rules.Tick(), rules.Players())
			return
		}
	}
	if rec.w.Buffered() < recordFlushAt {
		return
	}
	select {
	case b := <-rec.free:
		rec.send(recordChunk{b: rec.w.Swap(b)})
	default:
		if rec.w.Buffered() > recordMaxHeld {
			rec.abandon("the disk is too slow: over 16 MiB waiting")
		}
	}
}

// end records the final scores and completes the match's file.
func (rec *matchRecorder) end(players []*game.Player) {
	if !rec.active() {
		return
	}
	rec.w.End(players)
	rec.send(recordChunk{b: rec.w.Swap(nil), done: true})
	rec.w = nil
}

// close ends the match being recorded and waits for the writer to finish
// (the room is stopping: no tick waits).
func (rec *matchRecorder) close(players []*game.Player) {
	if rec == nil {
		return
	}
	rec.end(players)
	close(rec.chunks)
	<-rec.done
}

// writeLoop is the writer goroutine: it writes each match to dir as
// <name>.part, and renames it to <name> once complete. A failed write is
// logged and drops the rest of that match (and, through failed, stops
// further recording).
func (rec *matchRecorder) writeLoop() {
	defer close(rec.done)
	var (
		f    *os.File
		name string
	)
	fail := func(err error) {
		if !rec.failed.Swap(true) {
			rec.log.Error("recording failed: no more matches of this room are recorded", "file", name, "err", err)
		}
		if f != nil {
			f.Close()
			f = nil
		}
	}
	for c := range rec.chunks {
		if c.open != "" {
			if f != nil { // the previous match was abandoned: leave its .part
				f.Close()
				f = nil
			}
			name = c.open
			var err error
			if f, err = os.OpenFile(name+".part", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err != nil {
				fail(err)
			}
		}
		if f != nil && len(c.b) > 0 {
			if _, err := f.Write(c.b); err != nil {
				fail(err)
			}
		}
		if c.b != nil {
			b := c.b[:0]
			if cap(b) > 2*recordFlushAt {
				b = make([]byte, 0, recordFlushAt+recordFlushAt/2) // grown while the disk was behind
			}
			select {
			case rec.free <- b:
			default:
			}
		}
		if c.done && f != nil {
			err := f.Close()
			f = nil
			if err == nil {
				err = os.Rename(name+".part", name)
			}
			if err != nil {
				fail(err)
				continue
			}
			rec.log.Info("match recorded", "file", name)
		}
	}
	if f != nil {
		f.Close()
	}
}
