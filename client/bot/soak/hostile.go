package soak

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
)

// hostileKind is one way of misbehaving.
type hostileKind struct {
	name string
	// life is how long one of this kind is given before the soak closes
	// it itself; the server should end it first.
	life time.Duration
	// play misbehaves on ws (Hello already said, Welcome not yet read)
	// until the server closes it or ctx ends, and returns how it ended.
	play func(ctx context.Context, ws *wstest.Conn, rng *rand.Rand) string
}

// hostileKinds are the hostile clients of the soak, each re-spawned as
// soon as the last one of its kind ended.
var hostileKinds = []hostileKind{
	{"flooder", 10 * time.Second, flood},
	{"garbage", 10 * time.Second, sendGarbage},
	{"never-reader", 30 * time.Second, neverRead},
	{"silent", 30 * time.Second, staySilent},
}

// floodRate is the flooder's messages per second: 10 times the server's
// default limit (server.DefaultMessagesPerSec, 120).
const floodRate = 1200

// outlived is how a hostile client ended that the server had not closed
// by the end of its life: the soak closed it itself.
const outlived = "outlived its life"

// hostiles keeps perKind clients of every hostile kind connected to addr,
// re-spawning each as it ends, and counts how they ended, per kind.
type hostiles struct {
	addr    string
	perKind int
	seed    uint64
	ended   map[string]*tally // kind -> how its clients ended
	spawned map[string]*tally // kind -> "spawned" count (and dial failures)
}

func newHostiles(addr string, perKind int, seed uint64) *hostiles {
	h := &hostiles{addr: addr, perKind: perKind, seed: seed,
		ended: make(map[string]*tally), spawned: make(map[string]*tally)}
	for _, k := range hostileKinds {
		h.ended[k.name], h.spawned[k.name] = newTally(), newTally()
	}
	return h
}

// run keeps the hostile clients coming until ctx ends, and returns once
// every one of them has been closed.
func (h *hostiles) run(ctx context.Context) {
	var wg sync.WaitGroup
	for ki, k := range hostileKinds {
		for j := range h.perKind {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(h.seed, uint64(ki*1000+j)))
				for ctx.Err() == nil {
					h.one(ctx, k, rng)
					select {
					case <-ctx.Done():
					case <-time.After(200 * time.Millisecond):
					}
				}
			})
		}
	}
	wg.Wait()
}

// one runs one client of kind k to its end.
func (h *hostiles) one(ctx context.Context, k hostileKind, rng *rand.Rand) {
	ws, err := wstest.Dial(h.addr, "/ws", netcode.Subprotocol)
	if err != nil {
		h.spawned[k.name].add("dial failed: " + describe(err))
		return
	}
	defer ws.Close()
	h.spawned[k.name].add("spawned")
	if err := ws.WriteMessage(netcode.NewEncoder().Hello(&netcode.Hello{Version: netcode.Version, Name: k.name})); err != nil {
		h.ended[k.name].add("hello: " + describe(err))
		return
	}
	ctx, cancel := context.WithTimeout(ctx, k.life)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { _ = ws.Raw().SetDeadline(time.Now()) })
	defer stop()
	how := k.play(ctx, ws, rng)
	if ctx.Err() != nil && how == "timeout" {
		if context.Cause(ctx) != context.DeadlineExceeded {
			return // the soak ended or paused: not counted
		}
		how = outlived
	}
	h.ended[k.name].add(how)
}

// readWelcome reads ws until its Welcome.
func readWelcome(ws *wstest.Conn) error {
	for {
		b, err := ws.ReadMessage()
		if err != nil {
			return err
		}
		if len(b) > 2 && b[1] == byte(netcode.MsgWelcome) {
			return nil
		}
	}
}

// flood joins, then sends valid Inputs messages at floodRate while reading
// what the server sends, until the server closes it.
func flood(ctx context.Context, ws *wstest.Conn, _ *rand.Rand) string {
	if err := readWelcome(ws); err != nil {
		return describe(err)
	}
	ended := make(chan error, 1)
	go func() {
		for {
			if _, err := ws.ReadMessage(); err != nil {
				ended <- err
				return
			}
		}
	}()
	enc := netcode.NewEncoder()
	var m netcode.Inputs
	var seq uint32
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case err := <-ended:
			return describe(err)
		case <-t.C:
		}
		for range floodRate / 100 {
			seq++
			m.N = 1
			m.Frames[0] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: 127, Buttons: game.ButtonFire}}
			if err := ws.WriteMessage(enc.Inputs(&m)); err != nil {
				// The server closed the socket: its close frame, if it
				// sent one, is what the reader finds.
				return describe(<-ended)
			}
		}
	}
}

// sendGarbage joins, then sends one binary message of bytes no decoder
// takes (0xc1 is never used in msgpack, then random bytes).
func sendGarbage(ctx context.Context, ws *wstest.Conn, rng *rand.Rand) string {
	if err := readWelcome(ws); err != nil {
		return describe(err)
	}
	b := make([]byte, 1+rng.IntN(200))
	b[0] = 0xc1
	for i := 1; i < len(b); i++ {
		b[i] = byte(rng.Uint32())
	}
	if err := ws.WriteMessage(b); err != nil {
		return "write: " + describe(err)
	}
	for {
		if _, err := ws.ReadMessage(); err != nil {
			return describe(err)
		}
	}
}

// neverRead says Hello and reads nothing until its life ends; then it
// reads what was buffered, to find how the server ended it. Its socket
// keeps loopback's default buffers, which hold the 2 KB/s of a room's
// snapshots for longer than the idle timeout (15 s: it answers no ping),
// so its end is a 4005 close frame it finds in its buffer. (With a tiny
// receive buffer the server's writes stall and its write timeout cuts
// it instead, server/neverread_test.go; but then the close cannot reach
// it through the zero window, and it cannot tell its end from a stall.)
func neverRead(ctx context.Context, ws *wstest.Conn, _ *rand.Rand) string {
	<-ctx.Done()
	if context.Cause(ctx) != context.DeadlineExceeded {
		return "timeout" // the soak ended: not counted
	}
	_ = ws.Raw().SetDeadline(time.Now().Add(10 * time.Second))
	for {
		if _, err := ws.ReadMessage(); err != nil {
			if describe(err) == "timeout" {
				return outlived
			}
			return describe(err)
		}
	}
}

// staySilent says Hello and then sends nothing at all, not even a pong:
// it reads the server's frames itself, answering none of its pings.
func staySilent(ctx context.Context, ws *wstest.Conn, _ *rand.Rand) string {
	br := bufio.NewReader(ws.Raw())
	for {
		op, payload, err := readFrame(br)
		if err != nil {
			return describe(err)
		}
		if op == wstest.OpClose {
			if len(payload) < 2 {
				return "close without a code"
			}
			return closeLabel(binary.BigEndian.Uint16(payload))
		}
	}
}

// readFrame reads one unmasked frame as the server sends them.
func readFrame(br *bufio.Reader) (op byte, payload []byte, err error) {
	var h [2]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return 0, nil, err
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		_, err = io.ReadFull(br, b[:])
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		_, err = io.ReadFull(br, b[:])
		n = binary.BigEndian.Uint64(b[:])
	}
	if err != nil {
		return 0, nil, err
	}
	if h[1]&0x80 != 0 || n > 1<<20 {
		return 0, nil, fmt.Errorf("bad server frame header %x, length %d", h, n)
	}
	payload = make([]byte, n)
	_, err = io.ReadFull(br, payload)
	return h[0] & 0x0f, payload, err
}
