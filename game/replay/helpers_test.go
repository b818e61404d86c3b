package replay_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"arena/assets"
	"arena/game"
	"arena/game/replay"
)

// testProtocol stands for the netcode version in these tests (package game
// does not import netcode).
const testProtocol = 2

// arenaMap loads the real arena map.
func arenaMap(t testing.TB) *game.Map {
	t.Helper()
	m, err := loadMap(assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// loadMap loads a map built into the game.
func loadMap(name string) (*game.Map, error) { return game.LoadMap(assets.FS, name) }

// only returns a loader that has m only.
func only(m *game.Map) func(string) (*game.Map, error) {
	return func(string) (*game.Map, error) { return m, nil }
}

// recorded is a match played on a World while a Writer recorded it.
type recorded struct {
	data  []byte         // the recording (the first file when cut)
	files [][]byte       // with cut: a file per match, each continuing the one before
	final []replay.Score // the World's, at the end
	world *game.World
}

// playMatch plays ticks of a match on m with seed: players join over the
// first second and one leaves half way, each aiming at the nearest other
// with some noise, strafing and firing; a few commands are caught up
// (two in a tick, Late) and some ticks held. It returns the recording
// and the World's final scores.
func playMatch(t testing.TB, m *game.Map, seed uint64, ticks int) recorded {
	return playCycle(t, game.Config{Map: m, TickRate: 60, Seed: seed}, ticks)
}

// playCycle is playMatch on a World of cfg (a match cycle, with
// cfg.Match), recording its phases; one in five players is a bot (AddBot,
// though driven like the others here).
func playCycle(t testing.TB, cfg game.Config, ticks int) recorded {
	return playCut(t, cfg, ticks, false)
}

// playCut is playCycle that, with cut, ends the file at each match's end
// and continues in a new one, as a server does.
func playCut(t testing.TB, cfg game.Config, ticks int, cut bool) recorded {
	t.Helper()
	var files [][]byte
	seed := cfg.Seed
	w, err := game.NewWorld(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := replay.NewHeader(cfg, testProtocol, w)
	h.Room, h.Seq = "r1", 1
	rec := replay.NewWriter(&h, nil)
	rng := rand.New(rand.NewPCG(seed, 7))
	names := []string{"ann", "bob", "cy", "dee", "eve", "fay"}
	var cmds []game.Command
	for tick := 1; tick <= ticks; tick++ {
		if j := tick/10 - 1; tick%10 == 0 && j < len(names) {
			if j == 2 {
				id, err := w.AddBot("Bot " + names[j])
				if err != nil {
					t.Fatal(err)
				}
				rec.JoinBot(id, "Bot "+names[j])
			} else {
				id, err := w.AddPlayer(names[j])
				if err != nil {
					t.Fatal(err)
				}
				rec.Join(id, names[j])
			}
		}
		if tick == ticks/2 && len(w.Players()) > 2 {
			p := w.Players()[1]
			rec.Leave(p)
			w.RemovePlayer(p.ID)
		}
		for _, p := range w.Players() {
			n := 1
			switch r := rng.IntN(20); {
			case r == 0:
				n = 0 // held
			case r == 1:
				n = 2 // caught up
			}
			cmds = cmds[:0]
			for k := range n {
				in := aimAtNearest(w, p, rng)
				c := game.Command{Input: in, ViewTick: uint32(max(1, tick-6-rng.IntN(3)))}
				if n == 2 && k == 0 {
					c.Late = 1
				}
				if rng.IntN(50) == 0 {
					c.ViewTick = 0
				}
				cmds = append(cmds, c)
			}
			w.SetCommands(p.ID, cmds)
			rec.Commands(p.ID, cmds)
		}
		w.Step()
		rec.Step()
		for _, e := range w.Events() {
			if e.Kind == game.EventPhase {
				st := w.Match()
				rec.Phase(&st)
			}
		}
		if st := w.Match(); cut && st.Phase == game.PhaseEnded && st.End == w.Tick()+1 {
			rec.End(w.Players())
			files = append(files, rec.Swap(nil))
			h.Seq++
			h.Prev, h.StartTick = fmt.Sprintf("r1-%03d", h.Seq-1), w.Tick()
			rec = replay.NewWriter(&h, nil)
			rec.Present(w.Players())
		}
	}
	rec.End(w.Players())
	var final []replay.Score
	for _, p := range w.Players() {
		final = append(final, replay.Score{ID: p.ID, Kills: p.Kills, Deaths: p.Deaths, Score: p.Score})
	}
	files = append(files, rec.Swap(nil))
	return recorded{data: files[0], files: files, final: final, world: w}
}

// aimAtNearest is an input aiming at the nearest other living player,
// moving toward it with a random strafe, firing.
func aimAtNearest(w *game.World, p *game.Player, rng *rand.Rand) game.Input {
	best, bestD := (*game.Player)(nil), math.Inf(1)
	for _, o := range w.Players() {
		if o.ID == p.ID || !o.Alive {
			continue
		}
		if d := o.Pos.Sub(p.Pos).Len(); d < bestD {
			best, bestD = o, d
		}
	}
	if best == nil {
		return game.MakeInput(rng.Float64()*2-1, rng.Float64()*2-1, rng.Float64()*6.3, false)
	}
	d := best.Pos.Sub(p.Pos)
	aim := math.Atan2(d.Y, d.X) + (rng.Float64()-0.5)*0.05
	return game.MakeInput(math.Cos(aim)+rng.Float64()-0.5, math.Sin(aim)+rng.Float64()-0.5, aim, rng.IntN(3) != 0)
}
