package agones

import (
	"context"
	"errors"
	"time"
)

// syncPlayers tells the sidecar the roster when it differs from what the
// sidecar was last told. Only the player loop calls it, and Shutdown after
// the loop ended.
func (r *Reporter) syncPlayers(ctx context.Context, mode PlayerMode) error {
	roster := r.cfg.Roster()
	count := int64(len(roster))
	capacity := max(r.cfg.Capacity, count)
	s := &r.synced
	c := r.cfg.Client
	switch mode {
	case PlayersCounter:
		if s.known && s.count == count && s.capacity == capacity {
			return nil
		}
		s.known = false
		// Agones refuses a count above the capacity: raise the capacity
		// first, lower it after.
		if capacity > 0 && capacity != s.capacity && capacity >= s.count {
			if err := c.SetCounterCapacity(ctx, r.cfg.Counter, capacity); err != nil {
				return err
			}
			s.capacity = capacity
		}
		if err := c.SetCounterCount(ctx, r.cfg.Counter, count); err != nil {
			return err
		}
		s.count = count
		if capacity > 0 && capacity != s.capacity {
			if err := c.SetCounterCapacity(ctx, r.cfg.Counter, capacity); err != nil {
				return err
			}
			s.capacity = capacity
		}
		s.known = true
	case PlayersTracking:
		if s.ids == nil {
			s.ids = map[string]bool{}
		}
		if capacity > 0 && capacity != s.capacity {
			if err := c.SetPlayerCapacity(ctx, capacity); err != nil {
				return err
			}
			s.capacity = capacity
		}
		now := make(map[string]bool, len(roster))
		for _, id := range roster {
			now[id] = true
		}
		for id := range s.ids {
			if !now[id] {
				if err := c.PlayerDisconnect(ctx, id); err != nil {
					return err
				}
				delete(s.ids, id)
			}
		}
		for _, id := range roster {
			if !s.ids[id] {
				// Listed before the call, confirmed after it: a connect
				// the sidecar took but whose answer was lost (the stop
				// cancelled the loop's call) is still disconnected by
				// the next sync, the last one included.
				s.ids[id] = false
				if err := c.PlayerConnect(ctx, id); err != nil {
					return err
				}
				s.ids[id] = true
			}
		}
		s.count = int64(len(s.ids))
		s.known = true
	}
	return nil
}

// retry calls f until it succeeds, fails with an error again refuses, or
// ctx ends, waiting between attempts a time that doubles from 50 ms to 1 s;
// failed is told of each failure it retries. It returns nil or the last
// error (joined with ctx's when ctx ended).
func retry(ctx context.Context, f func() error, again func(error) bool, failed func(err error, attempt int)) error {
	wait := 50 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := f()
		if err == nil {
			return nil
		}
		if !again(err) {
			return err
		}
		if ctx.Err() != nil {
			return errors.Join(err, ctx.Err())
		}
		failed(err, attempt)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}
