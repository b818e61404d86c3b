package client

// Playing a recorded match (game/replay) back as a Feed: a World stepped
// on a playback clock that can pause, run at 0.25x to 4x and seek.

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"arena/game"
	"arena/game/replay"
	"arena/netcode"
)

// Playback speeds a Replay takes.
const (
	MinReplaySpeed = 0.25
	MaxReplaySpeed = 4.0
)

// replayStepsPerUpdate bounds the Steps one Update takes while seeking, so
// that a frame stays short; a seek far ahead takes a few frames.
const replayStepsPerUpdate = 1200

// ErrReplay is returned (wrapped) by SendChat on a Replay: nobody hears a
// recording.
var ErrReplay = errors.New("client: a replay takes no chat")

// Replay plays a recording: it implements Feed with the recorded match in
// place of a live one, as seen by a spectator (no player is Local). The
// playback starts paused at the first tick; Update advances it. Its
// methods may be called concurrently (a UI calls them from its goroutine).
type Replay struct {
	chain []*replay.Recording // from the room's first file to rec
	rec   *replay.Recording   // the one played
	load  func(string) (*game.Map, error)
	info  Info

	done      chan struct{} // closed by Close
	closeOnce sync.Once

	mu      sync.Mutex // mu guards everything below
	r       *replay.Replay
	err     error     // a replay that diverged stops with it
	last    time.Time // the previous Update's now; zero before the first
	pos     float64   // the playback position in ticks since the start
	speed   float64
	paused  bool
	target  int64 // a seek's tick since the start; -1: none
	prev    map[game.PlayerID]game.Vec2
	names   map[game.PlayerID]string
	events  eventQueue
	causes  []killCause // this Step's shots and explosions, for its kills' weapons
	dropped Stats       // counts events dropped (a seek makes many)
}

// OpenReplay parses a recording (see game/replay) and prepares it to
// play on maps (nil: the maps built into the client). A file of another
// protocol or format version, a damaged one, one that continues another
// (a room's later match: see OpenReplayChain) or one on maps this client
// does not have is refused with an error that says so.
func OpenReplay(data []byte, maps *Maps) (*Replay, error) {
	return OpenReplayChain([][]byte{data}, maps)
}

// OpenReplayChain prepares the last of files to play: a room's later
// match, whose file continues the one before it, back to the room's first
// (files in that order; see game/replay's chains). The matches before it
// are stepped through, not shown.
func OpenReplayChain(files [][]byte, maps *Maps) (*Replay, error) {
	if len(files) == 0 {
		return nil, errors.New("replay: no recording")
	}
	var chain []*replay.Recording
	for _, data := range files {
		rec, err := replay.Parse(data)
		if err != nil {
			return nil, err
		}
		if err := rec.Header.CheckProtocol(netcode.Version); err != nil {
			return nil, err
		}
		chain = append(chain, rec)
	}
	if maps == nil {
		maps = builtinMaps
	}
	rec := chain[len(chain)-1]
	p := &Replay{chain: chain, rec: rec, load: maps.Load, done: make(chan struct{}), speed: 1, paused: true, target: -1}
	if err := p.restartLocked(); err != nil {
		return nil, err
	}
	w := p.r.World()
	h := &rec.Header
	p.info = Info{Room: h.Room, Mode: h.Mode, MapName: w.Map().Name, Map: w.Map(), TickRate: h.TickRate, SnapshotRate: h.TickRate}
	return p, nil
}

// restartLocked starts the playback over from the played recording's
// first tick: a chain's earlier files are stepped through at once.
func (p *Replay) restartLocked() error {
	r, err := replay.NewChain(p.chain, p.load)
	if err != nil {
		return err
	}
	for r.World().Tick() < p.rec.Header.StartTick {
		more, err := r.Step()
		if err != nil {
			return err
		}
		if !more {
			return fmt.Errorf("replay: the files before recording %d end at tick %d, before it starts", p.rec.Header.Seq, r.World().Tick())
		}
	}
	p.r, p.pos = r, 0
	p.prev = make(map[game.PlayerID]game.Vec2)
	p.names = make(map[game.PlayerID]string)
	for _, pl := range r.World().Players() {
		p.names[pl.ID] = pl.Name
	}
	p.events.init()
	return nil
}

// Header returns the recording's header.
func (p *Replay) Header() replay.Header { return p.rec.Header }

// Length returns how many ticks the recording lasts.
func (p *Replay) Length() uint32 { return p.rec.Ticks }

// Phases returns the recording's match phases, in order.
func (p *Replay) Phases() []replay.PhaseMark { return p.rec.Phases }

// Tick returns how many ticks of the recording have been played.
func (p *Replay) Tick() uint32 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tickLocked()
}

func (p *Replay) tickLocked() uint32 { return p.r.World().Tick() - p.rec.Header.StartTick }

// Ended reports whether the playback has reached the recording's end.
func (p *Replay) Ended() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.r.Done()
}

// SetPaused pauses or resumes the playback.
func (p *Replay) SetPaused(paused bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paused = paused
}

// Paused reports whether the playback is paused.
func (p *Replay) Paused() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.paused
}

// SetSpeed sets how many recorded seconds play per real second, within
// MinReplaySpeed and MaxReplaySpeed.
func (p *Replay) SetSpeed(speed float64) {
	if math.IsNaN(speed) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.speed = math.Max(MinReplaySpeed, math.Min(MaxReplaySpeed, speed))
}

// Speed returns the playback speed.
func (p *Replay) Speed() float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.speed
}

// SeekTo moves the playback to tick (from the start, clamped to the
// recording): forward by stepping, over the next Updates; backward by
// starting over and stepping from the first tick.
func (p *Replay) SeekTo(tick int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	tick = max(0, min(tick, int64(p.rec.Ticks)))
	if tick < int64(p.tickLocked()) {
		if err := p.restartLocked(); err != nil {
			p.err = err
			return
		}
	}
	p.target = tick
	p.pos = float64(tick)
}

// SeekBy moves the playback by d of recorded time (negative: back).
func (p *Replay) SeekBy(d time.Duration) {
	p.mu.Lock()
	now := int64(p.tickLocked())
	if p.target >= 0 {
		now = p.target
	}
	p.mu.Unlock()
	p.SeekTo(now + int64(d.Seconds()*float64(p.rec.Header.TickRate)))
}

// Map returns the map being played now (it changes with the match cycle).
func (p *Replay) Map() *game.Map {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.r.World().Map()
}

// Match returns the recorded World's match cycle as of the playback
// position (see MatchInfoOf), names as the players joined.
func (p *Replay) Match() MatchInfo {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := p.r.World()
	return MatchInfoOf(w.Match(), w.Tick(), p.rec.Header.TickRate, p.r.Name)
}

// Projectiles appends the recorded World's rockets where they are at
// the last Step (a replay has no local player: none is Local).
func (p *Replay) Projectiles(_ time.Time, dst []ProjectileView) []ProjectileView {
	p.mu.Lock()
	defer p.mu.Unlock()
	return WorldProjectiles(p.r.World().Projectiles(), 0, dst)
}

// Pickups appends the recorded World's pickups as of the last Step.
func (p *Replay) Pickups(dst []PickupView) []PickupView {
	p.mu.Lock()
	defer p.mu.Unlock()
	return WorldPickups(p.r.World().Pickups(), p.rec.Header.TickRate, dst)
}

// Info returns what the recording says of its match at the start.
func (p *Replay) Info() Info { return p.info }

// Update advances the playback clock to now (want is ignored: a replay
// takes no input) and steps the World up to it, or toward a seek's tick;
// it returns the Steps taken. A replay that diverges from its recording
// stops, and Err says how.
func (p *Replay) Update(now time.Time, _ game.Input) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return 0, p.err
	}
	if !p.last.IsZero() && !p.paused && p.target < 0 {
		dt := min(now.Sub(p.last), 250*time.Millisecond) // a stalled frame does not jump
		p.pos += dt.Seconds() * float64(p.rec.Header.TickRate) * p.speed
	}
	p.last = now
	goal := int64(math.Floor(p.pos))
	if p.target >= 0 {
		goal = p.target
	}
	n := 0
	for int64(p.tickLocked()) < goal && n < replayStepsPerUpdate {
		// A seek shows the events of its last half second only.
		keep := p.target < 0 || goal-int64(p.tickLocked()) <= int64(p.rec.Header.TickRate/2)
		more, err := p.stepLocked(keep)
		if err != nil {
			p.err = fmt.Errorf("%w (at tick %d of %d)", err, p.tickLocked(), p.rec.Ticks)
			return n, p.err
		}
		if !more {
			p.paused = true
			break
		}
		n++
	}
	if p.tickLocked() >= p.rec.Ticks && !p.r.Done() {
		if _, err := p.r.Step(); err != nil { // reads the end record: Done
			p.err = err
			return n, err
		}
		p.paused = true
	}
	if p.target >= 0 && (int64(p.tickLocked()) >= p.target || p.r.Done()) {
		p.target = -1
	}
	if p.r.Done() {
		p.pos = float64(p.tickLocked())
	}
	return n, nil
}

// stepLocked takes one Step, keeping where everyone was before it (to
// draw between) and the events it made; while seeking (!keep) the
// events of the Steps skipped over are dropped, but joins and leaves.
func (p *Replay) stepLocked(keep bool) (bool, error) {
	w := p.r.World()
	for _, pl := range w.Players() {
		p.prev[pl.ID] = pl.Pos
	}
	more, err := p.r.Step()
	if err != nil || !more {
		return more, err
	}
	p.pushEventsLocked(keep)
	return true, nil
}

// Stats returns zero counters but EventsDropped: a replay has no network.
func (p *Replay) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dropped
}

// SendChat refuses: a recording cannot hear.
func (p *Replay) SendChat(string) error { return ErrReplay }

// Done is closed by Close; the end of the recording does not end a
// Replay (it pauses on the last tick).
func (p *Replay) Done() <-chan struct{} { return p.done }

// Err returns why the playback stopped: a replay that diverged from its
// recording (wrapping replay.ErrDiverged); nil otherwise.
func (p *Replay) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Close ends the Replay; it may be called more than once.
func (p *Replay) Close() error {
	p.closeOnce.Do(func() { close(p.done) })
	return nil
}

var _ Feed = (*Replay)(nil)
