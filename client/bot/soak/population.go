package soak

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"arena/assets"
	"arena/client"
	"arena/client/bot"
	"arena/game"
	"arena/netcode/impair"
)

// The churn: how often a bot leaves and how often its socket is cut.
const (
	// meanBotLife is how long a bot plays, on average, before it leaves
	// (a clean Leave) and a new one joins in its place.
	meanBotLife = 2 * time.Minute
	// meanCutInterval is how long a bot plays, on average, between two
	// cuts of its socket (a TCP reset, through impair.Reset).
	meanCutInterval = 2 * time.Minute
	// resumeWait is how long a cut bot has to resume (its Session redials
	// and reads snapshots again) or end; one that has done neither by then
	// is counted stuck and replaced.
	resumeWait = 30 * time.Second
	// churnStep is how often the churn draws its leaves and cuts.
	churnStep = 100 * time.Millisecond
)

// population keeps a number of bots playing against a server: each slot
// holds one bot, and a bot that leaves or whose session ends is replaced
// by a new one in the same slot. It counts what happened to them.
type population struct {
	url     string
	bots    int
	seed    uint64
	maps    *client.Maps
	drivers []*driver
	paused  atomic.Bool // no leaves or cuts are drawn (while the figures are read)

	mu   sync.Mutex       // guards live
	live map[int]*soakBot // slot -> the bot playing in it

	joins, leaves, cuts, resumes, stuck atomic.Int64

	joinFailed *tally // dials that failed, by how
	cutEnded   *tally // sessions that ended after a cut instead of resuming, by how
	ended      *tally // sessions that ended with no cut and no leave, by how

	resumeMu    sync.Mutex      // guards resumeTimes
	resumeTimes []time.Duration // from the cut to the first snapshots on the new link
}

func newPopulation(url string, bots int, seed uint64) *population {
	p := &population{url: url, bots: bots, seed: seed, maps: client.NewMaps(assets.FS),
		live: make(map[int]*soakBot), joinFailed: newTally(), cutEnded: newTally(), ended: newTally()}
	p.drivers = make([]*driver, runtime.GOMAXPROCS(0))
	for i := range p.drivers {
		p.drivers[i] = &driver{bots: make(map[*soakBot]struct{})}
	}
	return p
}

// run keeps the bots playing until ctx ends, then closes them all.
func (p *population) run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, d := range p.drivers {
		wg.Go(func() { d.run(ctx) })
	}
	for i := range p.bots {
		wg.Go(func() {
			// Stagger the first joins as the swarm does, 5 ms apart.
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Duration(i) * 5 * time.Millisecond):
			}
			p.slot(ctx, i)
		})
	}
	wg.Go(func() { p.churn(ctx) })
	wg.Wait()
}

// slot keeps a bot playing in slot i until ctx ends.
func (p *population) slot(ctx context.Context, i int) {
	rng := rand.New(rand.NewPCG(p.seed, uint64(i)))
	for gen := 1; ctx.Err() == nil; gen++ {
		b, err := p.dial(ctx, fmt.Sprintf("soak-%d.%d", i, gen), rng.Uint64())
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			p.joinFailed.add(describe(err))
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			continue
		}
		p.joins.Add(1)
		d := p.drivers[i%len(p.drivers)]
		p.setLive(i, b)
		d.add(b)
		p.watch(ctx, b)
		d.remove(b)
		p.setLive(i, nil)
		_ = b.sess.Close()
	}
}

func (p *population) setLive(i int, b *soakBot) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if b == nil {
		delete(p.live, i)
	} else {
		p.live[i] = b
	}
}

// dial joins a new bot.
func (p *population) dial(ctx context.Context, name string, seed uint64) (*soakBot, error) {
	b := &soakBot{leave: make(chan struct{}, 1), cut: make(chan struct{}, 1)}
	var d net.Dialer
	opts := client.Options{Name: name, Maps: p.maps,
		// Keep every socket the session dials (a resume dials again), to
		// cut the newest.
		Dialer: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err == nil {
				b.conn.Store(&c)
				b.dials.Add(1)
			}
			return c, err
		}}
	dctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	sess, err := client.Dial(dctx, p.url, &opts)
	if err != nil {
		return nil, err
	}
	info := sess.Info()
	b.sess, b.self = sess, sess.LocalID()
	b.brain = bot.New(bot.Config{Map: info.Map, Seed: seed, TickRate: info.TickRate})
	return b, nil
}

// watch follows b until it leaves, its session ends or ctx ends. A cut
// (from churn) resets its socket; the bot has resumed when its session,
// still open and the same player, dialled again and reads snapshots.
func (p *population) watch(ctx context.Context, b *soakBot) {
	check := time.NewTicker(50 * time.Millisecond)
	defer check.Stop()
	var cutAt time.Time
	var dialsAtCut int32
	var snapsAtCut uint64
	for {
		select {
		case <-ctx.Done():
			return
		case <-b.leave:
			p.leaves.Add(1)
			return
		case <-b.cut:
			if !cutAt.IsZero() {
				continue // still resuming from the last cut
			}
			c := b.conn.Load()
			cutAt, dialsAtCut, snapsAtCut = time.Now(), b.dials.Load(), b.sess.Stats().SnapshotsReceived
			b.cutPending.Store(true)
			_ = impair.Reset(*c)
			p.cuts.Add(1)
		case <-b.sess.Done():
			if ctx.Err() != nil {
				return
			}
			if !cutAt.IsZero() {
				p.cutEnded.add(describe(b.sess.Err()))
			} else {
				p.ended.add(describe(b.sess.Err()))
			}
			return
		case now := <-check.C:
			if cutAt.IsZero() {
				continue
			}
			if b.dials.Load() > dialsAtCut && b.sess.Stats().SnapshotsReceived > snapsAtCut+2 {
				if id := b.sess.LocalID(); id != b.self {
					p.cutEnded.add(fmt.Sprintf("resumed as player %d, was %d", id, b.self))
					return
				}
				p.resumes.Add(1)
				p.resumeMu.Lock()
				p.resumeTimes = append(p.resumeTimes, now.Sub(cutAt))
				p.resumeMu.Unlock()
				cutAt = time.Time{}
				b.cutPending.Store(false)
			} else if now.Sub(cutAt) > resumeWait {
				p.stuck.Add(1)
				return
			}
		}
	}
}

// churn draws leaves and cuts among the live bots until ctx ends: each bot
// leaves after meanBotLife and is cut every meanCutInterval on average.
func (p *population) churn(ctx context.Context) {
	rng := rand.New(rand.NewPCG(p.seed, 0xc4a2))
	t := time.NewTicker(churnStep)
	defer t.Stop()
	pLeave := float64(churnStep) / float64(meanBotLife)
	pCut := float64(churnStep) / float64(meanCutInterval)
	var live []*soakBot
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if p.paused.Load() {
			continue
		}
		p.mu.Lock()
		live = live[:0]
		for _, b := range p.live {
			live = append(live, b)
		}
		p.mu.Unlock()
		for _, b := range live {
			switch r := rng.Float64(); {
			case r < pLeave:
				signal(b.leave)
			case r < pLeave+pCut:
				signal(b.cut)
			}
		}
	}
}

// settled reports whether every slot has a joined bot that is not
// resuming from a cut.
func (p *population) settled() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.live) != p.bots {
		return false
	}
	for _, b := range p.live {
		if b.cutPending.Load() {
			return false
		}
	}
	return true
}

// resumeStats returns the resume times' median, 99th percentile and
// maximum.
func (p *population) resumeStats() (p50, p99, worst time.Duration) {
	p.resumeMu.Lock()
	ts := slices.Clone(p.resumeTimes)
	p.resumeMu.Unlock()
	if len(ts) == 0 {
		return 0, 0, 0
	}
	slices.Sort(ts)
	at := func(q float64) time.Duration { return ts[min(len(ts)-1, int(q*float64(len(ts))))] }
	return at(0.50), at(0.99), ts[len(ts)-1]
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// soakBot is one playing bot: its session, its brain, its newest socket.
type soakBot struct {
	sess       *client.Session
	self       game.PlayerID
	brain      *bot.Bot
	conn       atomic.Pointer[net.Conn] // the newest socket the session dialled
	dials      atomic.Int32
	cutPending atomic.Bool   // cut, not yet resumed
	leave, cut chan struct{} // from churn to watch

	players []client.PlayerView // the driver's
	events  []client.Event      // the driver's
}

// step plays one tick, as the swarm's bots do.
func (b *soakBot) step(now time.Time) {
	b.players = b.sess.Players(now, b.players[:0])
	_, _ = b.sess.Update(now, b.brain.Decide(b.players))
	b.events = b.sess.DrainEvents(b.events[:0])
}

// driver steps its bots once per server tick on one goroutine, so that
// hundreds of bots cost a few wakes per tick.
type driver struct {
	mu   sync.Mutex // guards bots
	bots map[*soakBot]struct{}
}

func (d *driver) add(b *soakBot) {
	d.mu.Lock()
	d.bots[b] = struct{}{}
	d.mu.Unlock()
}

func (d *driver) remove(b *soakBot) {
	d.mu.Lock()
	delete(d.bots, b)
	d.mu.Unlock()
}

func (d *driver) run(ctx context.Context) {
	t := time.NewTicker(time.Second / game.DefaultTickRate)
	defer t.Stop()
	var bots []*soakBot
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			d.mu.Lock()
			bots = bots[:0]
			for b := range d.bots {
				bots = append(bots, b)
			}
			d.mu.Unlock()
			for _, b := range bots {
				b.step(now)
			}
		}
	}
}
