package cluster

// The writer goroutine: the heartbeat, seat changes after leaves, and the
// goodbye at Close; and the heartbeat script's arguments.

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// listLocked writes es's listings (heartbeatScript).
func (d *Directory) listLocked(es []*entry) error {
	return d.runList(d.listArgsLocked(es))
}

// listArgsLocked returns heartbeatScript's arguments for es.
func (d *Directory) listArgsLocked(es []*entry) []any {
	args := make([]any, 0, 4+len(es)*heartbeatFields)
	args = append(args, d.cfg.Prefix, d.cfg.TTL.Milliseconds(), d.cfg.ProcessID, d.claim)
	for _, e := range es {
		info := e.room.Info()
		args = append(args, e.id, e.ver, e.reserved, info.Players, e.capacity, d.url,
			info.Map, info.Mode, info.TickRate, d.cfg.ProcessID, boolArg(e.private))
	}
	return args
}

// runList runs heartbeatScript with args.
func (d *Directory) runList(args []any) error {
	ctx, cancel := d.ctx()
	defer cancel()
	res, err := heartbeatScript.Run(ctx, d.rdb, nil, args...).Result()
	if err != nil {
		return err
	}
	if other, ok := res.(string); ok {
		return &takenOverError{id: d.cfg.ProcessID, by: claimURL(other)}
	}
	return nil
}

// takenOverError is a heartbeat that found another process claiming this
// one's id.
type takenOverError struct{ id, by string }

func (e *takenOverError) Error() string {
	return fmt.Sprintf("process id %q is claimed by the process at %s: two processes run with one -process-id; this one's rooms are not listed", e.id, e.by)
}

// claimURL returns the URL of a process id's claim ("<url> <nonce>").
func claimURL(claim string) string {
	url, _, _ := strings.Cut(claim, " ")
	return url
}

// write is the writer goroutine: it mirrors releases in order and renews
// the listing every TTL/3 until Close, then removes this process's rooms.
func (d *Directory) write() {
	defer close(d.done)
	t := time.NewTicker(d.cfg.TTL / 3)
	defer t.Stop()
	for {
		select {
		case op := <-d.ops:
			d.mirror(op)
		case <-t.C:
			var taken *takenOverError
			if err := d.heartbeat(); errors.As(err, &taken) {
				d.down.Store(true)
				d.log.Error("process id taken over", "err", err)
			} else if err != nil {
				d.failed("heartbeat", err)
			} else if d.down.Swap(false) {
				d.log.Info("redis answers again: placing players across processes")
			}
		case <-d.stop:
			d.dropAll()
			return
		}
	}
}

// mirror writes one seat change.
func (d *Directory) mirror(op release) {
	if d.down.Load() {
		return // the heartbeat that finds Redis again writes every seat
	}
	ctx, cancel := d.ctx()
	defer cancel()
	if err := releaseScript.Run(ctx, d.rdb, nil, d.cfg.Prefix, op.id, op.ver, op.seats).Err(); err != nil {
		d.failed("release", err)
	}
}

// heartbeat renews the process id's claim and every room's listing. It
// holds the lock only to read the rooms: a room's goroutine releasing a
// seat never waits for Redis. Versions keep a newer seat count written
// meanwhile by Reserve, and a release queued meanwhile runs after it (same
// goroutine).
func (d *Directory) heartbeat() error {
	d.mu.Lock()
	args := d.listArgsLocked(d.rooms)
	d.mu.Unlock()
	return d.runList(args)
}

// dropAll removes this process's rooms from the listing.
func (d *Directory) dropAll() {
	for len(d.ops) > 0 {
		d.mirror(<-d.ops)
	}
	d.mu.Lock()
	args := []any{d.cfg.Prefix, d.cfg.ProcessID, d.claim}
	for _, e := range d.rooms {
		args = append(args, e.id)
	}
	d.mu.Unlock()
	ctx, cancel := d.ctx()
	defer cancel()
	if err := dropScript.Run(ctx, d.rdb, nil, args...).Err(); err != nil {
		d.log.Warn("could not unlist this process's rooms; they expire after the TTL", "err", err, "ttl", d.cfg.TTL)
	}
}
