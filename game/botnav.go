package game

import "math"

// Bots find their way around walls on a grid: the map cut into square
// cells, a cell open when a player fits at its centre. A bot that cannot
// see where it is going asks for a path now and then: a breadth-first
// search from its goal's cell until it reaches the bot's own, then, along
// the way back toward the goal, the farthest of the next few cells it can
// walk to in a straight line. One grid (and its search scratch) serves
// every bot of a World; it is built on the first search on a map, so a
// search allocates nothing. Walls do not move, so a search from a goal
// cell stays true: the grid keeps the last one, and a search from the same
// goal (bots chasing the same player, walking to the same pickup) goes on
// from where it stopped instead of starting again. Breadth-first order does
// not depend on where it paused, so the paths are the same either way.

// navCellSize is a nav grid cell's side, in world units: a tile of the
// shipped maps, so a one-tile corridor is a line of open cells.
const navCellSize = 32.0

// navLookahead is how many cells along its path a bot looks for the
// farthest one it can walk straight to.
const navLookahead = 8

// navGrid is a Map's open cells, with the scratch of a search. Owned by
// the World's goroutine.
type navGrid struct {
	m          *Map
	cols, rows int
	open       []bool
	// toward[i] is the next cell from i toward goal (-1: none), valid
	// where seen[i] == stamp; queue[head:] is the search's frontier.
	toward []int32
	seen   []uint32
	stamp  uint32
	queue  []int32
	head   int
	goal   int32 // the goal of the search in toward; -1: none
}

// nav returns the World's nav grid for its current map, building it on
// first use and after a map change.
func (w *World) nav() *navGrid {
	if w.botNav == nil || w.botNav.m != w.m {
		w.botNav = newNavGrid(w.m)
	}
	return w.botNav
}

func newNavGrid(m *Map) *navGrid {
	cols := max(1, int(math.Ceil(m.Width/navCellSize)))
	rows := max(1, int(math.Ceil(m.Height/navCellSize)))
	g := &navGrid{m: m, cols: cols, rows: rows, open: make([]bool, cols*rows),
		toward: make([]int32, cols*rows), seen: make([]uint32, cols*rows), queue: make([]int32, 0, cols*rows), goal: -1}
	for i := range g.open {
		g.open[i] = !m.Blocked(g.centre(int32(i)), PlayerRadius)
	}
	return g
}

// cell returns the cell p is in.
func (g *navGrid) cell(p Vec2) int32 {
	c := min(max(int(p.X/navCellSize), 0), g.cols-1)
	r := min(max(int(p.Y/navCellSize), 0), g.rows-1)
	return int32(r*g.cols + c)
}

// centre returns cell i's centre.
func (g *navGrid) centre(i int32) Vec2 {
	c, r := int(i)%g.cols, int(i)/g.cols
	return Vec2{(float64(c) + 0.5) * navCellSize, (float64(r) + 0.5) * navCellSize}
}

// nearestOpen returns an open cell at or around i (i itself when open):
// a player's or a goal's cell may be closed when it stands close to a
// wall.
func (g *navGrid) nearestOpen(i int32) (int32, bool) {
	if g.open[i] {
		return i, true
	}
	c, r := int(i)%g.cols, int(i)/g.cols
	for _, d := range [...][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}} {
		if nc, nr := c+d[0], r+d[1]; nc >= 0 && nr >= 0 && nc < g.cols && nr < g.rows && g.open[nr*g.cols+nc] {
			return int32(nr*g.cols + nc), true
		}
	}
	return 0, false
}

// waypoint returns where a player at from should walk to get to goal: a
// point it can reach in a straight line along the shortest path over
// open cells. ok is false when no path joins them.
func (g *navGrid) waypoint(from, goal Vec2) (Vec2, bool) {
	start, ok1 := g.nearestOpen(g.cell(from))
	end, ok2 := g.nearestOpen(g.cell(goal))
	if !ok1 || !ok2 {
		return Vec2{}, false
	}
	if start == end {
		return goal, true
	}
	if !g.search(end, start) {
		return Vec2{}, false
	}
	best := g.toward[start]
	for i, c := 0, g.toward[start]; i < navLookahead && c >= 0; i, c = i+1, g.toward[c] {
		if c == end {
			if g.clearWalk(from, goal) {
				return goal, true
			}
		}
		if !g.clearWalk(from, g.centre(c)) {
			break
		}
		best = c
	}
	return g.centre(best), true
}

// search runs a breadth-first search over open cells from goal until it
// has reached start, filling toward, and reports whether it did; a search
// from the goal of the last one goes on from where that one stopped.
// Diagonal steps need both cells beside them open, so a path never cuts a
// corner.
func (g *navGrid) search(goal, start int32) bool {
	if goal != g.goal {
		g.stamp++
		if g.stamp == 0 { // wrapped: clear the old marks
			clear(g.seen)
			g.stamp = 1
		}
		g.goal, g.head = goal, 0
		g.queue = append(g.queue[:0], goal)
		g.seen[goal], g.toward[goal] = g.stamp, -1
	}
	if g.seen[start] == g.stamp {
		return true
	}
	q := g.queue
	for ; g.head < len(q); g.head++ {
		i := q[g.head]
		c, r := int(i)%g.cols, int(i)/g.cols
		for _, d := range [...][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}} {
			nc, nr := c+d[0], r+d[1]
			if nc < 0 || nr < 0 || nc >= g.cols || nr >= g.rows {
				continue
			}
			n := int32(nr*g.cols + nc)
			if !g.open[n] || g.seen[n] == g.stamp {
				continue
			}
			if d[0] != 0 && d[1] != 0 && (!g.open[r*g.cols+nc] || !g.open[nr*g.cols+c]) {
				continue
			}
			g.seen[n], g.toward[n] = g.stamp, i
			q = append(q, n)
		}
		if g.seen[start] == g.stamp {
			g.head++
			g.queue = q
			return true
		}
	}
	g.queue = q
	return false
}

// clearWalk reports whether a player can walk from a to b in a straight
// line: rays from its centre and both its sides reach b unblocked.
func (g *navGrid) clearWalk(a, b Vec2) bool {
	to := b.Sub(a)
	d := to.Len()
	if d < 1 {
		return true
	}
	dir := to.Scale(1 / d)
	// The sides a little inside the radius: a player resting against a
	// wall has its edge on it, where a ray would start blocked.
	side := Vec2{-dir.Y, dir.X}.Scale(PlayerRadius * 0.8)
	for _, o := range [...]Vec2{{}, side, side.Scale(-1)} {
		if g.m.Raycast(a.Add(o), dir, d) < d {
			return false
		}
	}
	return true
}
