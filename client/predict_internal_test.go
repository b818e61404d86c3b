package client

import (
	"testing"
	"time"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
)

func testMap(t *testing.T) *game.Map {
	t.Helper()
	m, err := game.LoadMap(gametest.MapFS("duel", gametest.DuelJSON()), "duel")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// serverState converts what a server would hold to the own section's form.
func serverState(p game.Player) netcode.PlayerState {
	flags := uint8(0)
	if p.Alive {
		flags |= netcode.FlagAlive
	}
	return netcode.PlayerState{
		ID: p.ID, X: netcode.ToFixed(p.Pos.X), Y: netcode.ToFixed(p.Pos.Y),
		VX: netcode.ToFixed(p.Vel.X), VY: netcode.ToFixed(p.Vel.Y),
		Health: uint8(p.Health), Flags: flags, CooldownTicks: uint16(p.CooldownTicks),
	}
}

// walk is a run of inputs that turns: right, then down, with a shot.
func walk(n int) []game.Input {
	ins := make([]game.Input, n)
	for i := range ins {
		switch {
		case i < n/2:
			ins[i] = game.Input{MoveX: 127}
		default:
			ins[i] = game.Input{MoveY: 127, Buttons: game.ButtonFire}
		}
	}
	return ins
}

// truth simulates inputs from start as the server does, skipping the seqs
// in skip (consumed without simulation).
func truth(m *game.Map, start game.Player, ins []game.Input, upTo uint32, skip map[uint32]bool) game.Player {
	p := start
	for seq := uint32(1); seq <= upTo; seq++ {
		if !skip[seq] {
			simulateCommand(m, &p, ins[seq-1], 1.0/60, 15)
		}
	}
	return p
}

// walking returns a predictor that took a snapshot of start (after no
// input) and then predicted n inputs of walk(n).
func walking(t *testing.T, n int) (*game.Map, game.Player, *predictor, time.Time, []game.Input) {
	t.Helper()
	m := testMap(t)
	start := game.Player{ID: 1, Pos: game.Vec2{X: 100, Y: 100}, Alive: true, Health: 100}
	pr := newPredictor(m, 60)
	t0 := time.Unix(100, 0)
	own := serverState(start)
	pr.reconcile(&own, 0, t0)
	ins := walk(n)
	for i, in := range ins {
		pr.add(uint32(i+1), in)
	}
	return m, start, &pr, t0, ins
}

func TestReconcileReplaysUnconsumedInputsExactly(t *testing.T) {
	t.Parallel()
	m, start, pr, t0, ins := walking(t, 20)
	want := truth(m, start, ins, 20, nil)
	if got, _ := pr.drawnLatest(); got.Pos != want.Pos || got.Vel != want.Vel {
		t.Fatalf("prediction of 20 inputs: %v %v, want %v %v", got.Pos, got.Vel, want.Pos, want.Vel)
	}
	// The server consumed 8 of them (however late they arrived: the state
	// is after input 8, whichever tick that was).
	own := serverState(truth(m, start, ins, 8, nil))
	checked, wrong, miss, shift := pr.reconcile(&own, 8, t0)
	if !checked || wrong || miss != 0 || shift != 0 {
		t.Errorf("exact server state: checked %v wrong %v miss %v shift %v, want a right prediction", checked, wrong, miss, shift)
	}
	if got, _ := pr.drawnLatest(); got.Pos != want.Pos {
		t.Errorf("after the replay: %v, want %v", got.Pos, want.Pos)
	}
	if d, _ := pr.drawn(1, t0); d.Pos != want.Pos {
		t.Errorf("drawn %v with no correction, want %v", d.Pos, want.Pos)
	}
}

// TestReconcileCorrectsAndSmooths: the server consumed input 3 without
// simulating it (dropped from a full queue): the next snapshot is a
// misprediction, the replay moves the prediction, and the drawn position
// glides from the old prediction to the new one.
func TestReconcileCorrectsAndSmooths(t *testing.T) {
	t.Parallel()
	m, start, pr, t0, ins := walking(t, 20)
	old, _ := pr.drawnLatest()
	skip := map[uint32]bool{3: true}
	own := serverState(truth(m, start, ins, 6, skip))
	checked, wrong, miss, shift := pr.reconcile(&own, 6, t0)
	want := truth(m, start, ins, 20, skip)
	if !checked || !wrong || miss == 0 || shift == 0 {
		t.Fatalf("checked %v wrong %v miss %v shift %v, want a misprediction", checked, wrong, miss, shift)
	}
	if got, _ := pr.drawnLatest(); got.Pos != want.Pos {
		t.Errorf("replayed %v, want %v", got.Pos, want.Pos)
	}
	d0, _ := pr.drawn(1, t0)
	if d0.Pos.Dist(old.Pos) > 1e-9 {
		t.Errorf("drawn %v right after the correction, want the old prediction %v", d0.Pos, old.Pos)
	}
	d1, _ := pr.drawn(1, t0.Add(correctionHalfLife))
	if e0, e1 := old.Pos.Dist(want.Pos), d1.Pos.Dist(want.Pos); e1 < e0*0.45 || e1 > e0*0.55 {
		t.Errorf("after one half-life the error is %.3f of %.3f, want half", e1, e0)
	}
	d2, _ := pr.drawn(1, t0.Add(20*correctionHalfLife))
	if d2.Pos != want.Pos {
		t.Errorf("after 20 half-lives drawn %v, want %v", d2.Pos, want.Pos)
	}
}

func TestLargeCorrectionsSnap(t *testing.T) {
	t.Parallel()
	_, start, pr, t0, _ := walking(t, 10)
	far := start
	far.Pos = game.Vec2{X: 600, Y: 400} // a teleport
	own := serverState(far)
	pr.reconcile(&own, 10, t0)
	if d, _ := pr.drawn(1, t0); d.Pos != far.Pos {
		t.Errorf("drawn %v after a teleport, want %v at once", d.Pos, far.Pos)
	}
}

// TestNoPredictionWhileDead: a dead player is shown as the server has it;
// its inputs are kept and prediction starts again from the snapshot that
// shows it alive.
func TestNoPredictionWhileDead(t *testing.T) {
	t.Parallel()
	m := testMap(t)
	pr := newPredictor(m, 60)
	t0 := time.Unix(100, 0)
	dead := game.Player{ID: 1, Pos: game.Vec2{X: 100, Y: 100}, RespawnTicks: 30}
	own := serverState(dead)
	pr.reconcile(&own, 0, t0)
	for i, in := range walk(10) {
		pr.add(uint32(i+1), in)
	}
	if d, ok := pr.drawn(1, t0); !ok || d.Alive || d.Pos != dead.Pos {
		t.Errorf("dead: drawn %+v, want the server's dead state", d)
	}
	alive := game.Player{ID: 1, Pos: game.Vec2{X: 300, Y: 200}, Alive: true, Health: 100}
	own = serverState(alive)
	pr.reconcile(&own, 4, t0)
	want := alive
	for _, in := range walk(10)[4:] {
		simulateCommand(m, &want, in, 1.0/60, 15)
	}
	if d, _ := pr.drawnLatest(); !d.Alive || d.Pos != want.Pos {
		t.Errorf("respawned: %+v, want predicted from the snapshot to %v", d, want.Pos)
	}
}

func TestPacerMakesOneInputPerServerTick(t *testing.T) {
	t.Parallel()
	var p pacer
	recv := func(l float64) float64 { return 100 + l*60 }
	count := func(from, to, hz float64) int {
		n := 0
		for f := 0; float64(f)/hz < to-from; f++ {
			l := from + float64(f)/hz
			n += p.due(recv(l), l, 60)
		}
		return n
	}
	count(0, 1, 60) // start
	if n := count(1, 2, 144); n < 59 || n > 61 {
		t.Errorf("144 Hz frames over a second made %d inputs, want 60", n)
	}
	if n := count(2, 3, 30); n < 59 || n > 61 {
		t.Errorf("30 Hz frames over a second made %d inputs, want 60", n)
	}
	if n := p.due(recv(5), 5, 60); n != maxCatchUp {
		t.Errorf("after a 2 s pause %d inputs, want %d (the time missed is not replayed)", n, maxCatchUp)
	}
	// The receive clock jumps 5 ticks ahead (its estimate improved): no
	// burst, at most real time plus 0.1%.
	total := 0
	for f := 0; f < 60; f++ {
		l := 5 + float64(f+1)/60
		total += p.due(recv(l)+5, l, 60)
	}
	if total > 61 {
		t.Errorf("a clock jumping ahead made %d inputs in a second, want at most 61", total)
	}
	// A receive clock that slows down slows the inputs down.
	total = 0
	for f := 0; f < 60; f++ {
		l := 6 + float64(f+1)/60
		total += p.due(100+6*60+5+float64(f+1)*0.5, l, 60)
	}
	if total > 35 {
		t.Errorf("a receive clock at half speed still made %d inputs in a second", total)
	}
}
