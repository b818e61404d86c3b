package server

// Resumable sessions. A player whose connection drops without a clean
// close keeps its seat (in the World: held where it stood, its health and
// score kept) for Config.ResumeGrace. Welcome gave it a resume token, 128
// random bits bound to that player and room; a new connection whose Hello
// carries the token takes the seat over: the same player id, a Welcome
// with a new token (every token is used once), then a full snapshot. The
// room keeps the player's input buffer, so the client resends the inputs
// the server may not have had and its prediction stays exact.
//
// A token that is unknown, used, expired or forged is refused with 4006
// and one reason for all: a refusal never says whether a seat exists.

import (
	"crypto/rand"
	"errors"
	"sync"

	"arena/game"
	"arena/netcode"
)

// resumeTokenBytes is the length of a resume token: 128 random bits.
const resumeTokenBytes = 16

// resumeRefusedReason is the close reason of netcode.CloseResumeRefused.
const resumeRefusedReason = "resume token not valid: join again"

// replacedReason is the close reason of netcode.CloseReplaced.
const replacedReason = "session resumed on another connection"

// errResumeRefused is what a resume of a token the table does not hold,
// or of a seat freed since, returns.
var errResumeRefused = errors.New("resume refused")

// resumeToken is a token as the table keys it.
type resumeToken [resumeTokenBytes]byte

// seatRef names one player's seat.
type seatRef struct {
	room *Room
	id   game.PlayerID
}

// resumeTable holds the live tokens of a Server: at most one per seat. All
// methods may be called concurrently.
type resumeTable struct {
	mu      sync.Mutex
	byToken map[resumeToken]seatRef
	bySeat  map[seatRef]resumeToken
}

func newResumeTable() *resumeTable {
	return &resumeTable{byToken: make(map[resumeToken]seatRef), bySeat: make(map[seatRef]resumeToken)}
}

// issue makes a new token for the seat, replacing its previous one.
func (t *resumeTable) issue(r *Room, id game.PlayerID) resumeToken {
	var tok resumeToken
	_, _ = rand.Read(tok[:]) // crypto/rand.Read never fails (it panics when the system has no randomness)
	seat := seatRef{r, id}
	t.mu.Lock()
	if old, ok := t.bySeat[seat]; ok {
		delete(t.byToken, old)
	}
	t.byToken[tok] = seat
	t.bySeat[seat] = tok
	t.mu.Unlock()
	return tok
}

// redeem takes the seat b names and kills the token: a token works once.
func (t *resumeTable) redeem(b []byte) (seatRef, bool) {
	if len(b) != resumeTokenBytes {
		return seatRef{}, false
	}
	tok := resumeToken(b)
	t.mu.Lock()
	defer t.mu.Unlock()
	seat, ok := t.byToken[tok]
	if ok {
		delete(t.byToken, tok)
		delete(t.bySeat, seat)
	}
	return seat, ok
}

// revoke kills the seat's token, if it has one: the seat was freed.
func (t *resumeTable) revoke(r *Room, id game.PlayerID) {
	seat := seatRef{r, id}
	t.mu.Lock()
	if tok, ok := t.bySeat[seat]; ok {
		delete(t.byToken, tok)
		delete(t.bySeat, seat)
	}
	t.mu.Unlock()
}

// len returns how many tokens are live.
func (t *resumeTable) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.byToken)
}

// resume gives the seat token names to p: it returns the seat's room and
// player, and the input buffer p's reader must fill from now on. A token
// that names no seat is errResumeRefused.
func (s *Server) resume(token []byte, p peer) (*Room, game.PlayerID, *inputBuffer, error) {
	s.mu.RLock()
	closing := s.closing
	s.mu.RUnlock()
	if closing {
		return nil, 0, nil, errShuttingDown
	}
	if s.resumes == nil {
		return nil, 0, nil, errResumeRefused
	}
	seat, ok := s.resumes.redeem(token)
	if !ok {
		return nil, 0, nil, errResumeRefused
	}
	inputs, err := seat.room.requestResume(seat.id, p)
	if err != nil {
		return nil, 0, nil, err
	}
	return seat.room, seat.id, inputs, nil
}

// keepsSeat reports whether the player of c keeps its seat for a resume
// now that c ended: when the connection was lost (no close frame, a
// network error, a stalled write, the idle timeout), not when the client
// left (Leave, close 1000 or 1001) or was closed for what it sent.
func (c *conn) keepsSeat() bool {
	select {
	case <-c.closing:
	default:
		return true // ending without a decision: the socket failed
	}
	if !c.byServer {
		return c.closeCode != netcode.CloseNormal && c.closeCode != netcode.CloseGoingAway
	}
	return c.closeCode == netcode.CloseSlowConsumer || c.closeCode == netcode.CloseIdleTimeout
}

// replaced implements peer: the seat was resumed on another connection.
func (c *conn) replaced() {
	c.logger().Info("seat resumed on another connection")
	c.closeWith(netcode.CloseReplaced, replacedReason, true)
}
