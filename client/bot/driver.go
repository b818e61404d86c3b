package bot

// The driver: one goroutine with one ticker that steps a share of the
// swarm's bots each server tick, so a swarm of N bots costs a few tickers,
// not N.

import (
	"context"
	"sync"
	"time"
)

// driver steps its bots once per server tick on one goroutine.
type driver struct {
	idle bool
	rate chan int // the tick rate, sent by the first bot

	mu      sync.Mutex // guards bots and stopped
	bots    []*botRun
	stopped bool // run has returned: bots added now are let go at once
}

func newDriver(idle bool) *driver { return &driver{idle: idle, rate: make(chan int, 1)} }

// add hands b to the driver; rate is the server's tick rate.
func (d *driver) add(b *botRun, rate int) {
	d.mu.Lock()
	if d.stopped {
		d.mu.Unlock()
		close(b.done)
		return
	}
	first := len(d.bots) == 0
	d.bots = append(d.bots, b)
	d.mu.Unlock()
	if first {
		select {
		case d.rate <- rate:
		default:
		}
	}
}

// run steps the bots every tick until ctx ends, then lets them all go. A
// bot whose session ended is let go at once.
func (d *driver) run(ctx context.Context) {
	defer d.release(nil)
	var rate int
	select {
	case <-ctx.Done():
		return
	case rate = <-d.rate:
	}
	t := time.NewTicker(time.Second / time.Duration(rate))
	defer t.Stop()
	var bots []*botRun
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		d.mu.Lock()
		bots = append(bots[:0], d.bots...)
		d.mu.Unlock()
		now := time.Now()
		for _, b := range bots {
			select {
			case <-b.sess.Done():
				b.log.Warn("disconnected", "err", b.sess.Err())
				d.release(b)
				continue
			default:
			}
			b.step(now, d.idle)
		}
	}
}

// release stops stepping b (every bot when b is nil) and lets its goroutine
// finish.
func (d *driver) release(b *botRun) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if b == nil {
		d.stopped = true
	}
	kept := d.bots[:0]
	for _, o := range d.bots {
		if b == nil || o == b {
			close(o.done)
			continue
		}
		kept = append(kept, o)
	}
	clear(d.bots[len(kept):])
	d.bots = kept
}
