package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
)

// roomListTimeout bounds one fetch of the room list.
const roomListTimeout = 5 * time.Second

// maxListedRooms is how many rooms the list shows (the fullest first, as
// the server lists them, is not promised: the first ones listed).
const maxListedRooms = 7

// roomsResult is what the fetch goroutine hands to the room list.
type roomsResult struct {
	rooms []client.RoomListing
	err   error
}

// roomListScene shows the server's public rooms (GET /rooms: map and
// player counts) and joins the one picked; full rooms cannot be picked.
// R or the Refresh button fetches the list again.
type roomListScene struct {
	g       *Game
	name    string
	back    scene
	result  chan roomsResult // buffered: the goroutine never blocks on it
	cancel  context.CancelFunc
	loading bool
	err     error
	rooms   []client.RoomListing // shown, by button
	menu    *model.Menu          // one button per room, then Refresh, Back
}

func newRoomListScene(g *Game, name string, back scene) *roomListScene {
	s := &roomListScene{g: g, name: name, back: back}
	s.layout()
	s.fetch()
	return s
}

// fetch starts fetching the list in a goroutine, so Update never blocks.
func (s *roomListScene) fetch() {
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomListTimeout)
	s.cancel, s.loading, s.err = cancel, true, nil
	ch := make(chan roomsResult, 1)
	s.result = ch
	server := s.g.cfg.ServerURL
	go func() {
		defer cancel()
		rooms, err := client.ListRooms(ctx, server, nil)
		ch <- roomsResult{rooms, err}
	}()
}

// layout makes the buttons for s.rooms.
func (s *roomListScene) layout() {
	labels := make([]string, 0, len(s.rooms)+2)
	for _, r := range s.rooms {
		labels = append(labels, fmt.Sprintf("%s  ·  %s  ·  %d/%d players", r.ID, r.Map, r.Players, r.Capacity))
	}
	labels = append(labels, "Refresh", "Back")
	const w, h, gap = 560, 44, 10
	s.menu = model.NewMenu(ScreenWidth/2-w/2, 200, w, h, gap, labels...)
	for i, r := range s.rooms {
		if r.Capacity > 0 && r.Players >= r.Capacity {
			s.menu.SetDisabled(i, true)
		}
	}
}

func (s *roomListScene) Update(g *Game) error {
	select {
	case r := <-s.result:
		s.loading, s.err = false, r.err
		if len(r.rooms) > maxListedRooms {
			r.rooms = r.rooms[:maxListedRooms]
		}
		s.rooms = r.rooms
		s.layout()
	default:
	}
	r := s.menu.Step(g.menu)
	n := len(s.rooms)
	switch {
	case r.Back || r.Activated == n+1:
		s.close()
		g.goTo(s.back)
	case r.Activated == n || !s.loading && hasRune(g.keys.typed, 'r', 'R'):
		s.fetch()
	case r.Activated >= 0:
		s.close()
		g.goTo(newConnectScene(g, model.JoinRequest{Kind: model.JoinListed, Name: s.name, Room: s.rooms[r.Activated].ID}))
	}
	return nil
}

// close abandons a fetch in flight.
func (s *roomListScene) close() error {
	if s.cancel != nil {
		s.cancel()
	}
	return nil
}

func (s *roomListScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	f := s.g.fonts
	const cx = ScreenWidth / 2
	drawText(screen, "Public rooms", f.large, cx, 110, text.AlignCenter, rgb(colorAccent))
	var status string
	switch {
	case s.loading:
		status = "loading the list..."
	case s.err != nil:
		status = "could not get the list: " + s.err.Error()
	case len(s.rooms) == 0:
		status = "no public rooms yet: quick play opens one"
	default:
		status = "pick a room to join it"
	}
	c := rgb(colorDim)
	if s.err != nil {
		c = rgb(colorBad)
	}
	drawText(screen, status, f.normal, cx, 158, text.AlignCenter, c)
	drawMenu(screen, f, s.menu)
	drawText(screen, "Enter joins · R refreshes · Esc goes back", f.small, cx, 652, text.AlignCenter, rgb(colorDim))
	footer(screen, s.g)
}

// hasRune reports whether rs holds any of want.
func hasRune(rs []rune, want ...rune) bool {
	for _, r := range rs {
		for _, w := range want {
			if r == w {
				return true
			}
		}
	}
	return false
}
