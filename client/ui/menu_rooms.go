package ui

import (
	"context"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
)

// roomListTimeout bounds one fetch of the room list.
const roomListTimeout = 5 * time.Second

// roomsResult is what the fetch goroutine hands to the room list.
type roomsResult struct {
	rooms []client.RoomListing
	err   error
}

// roomListScene shows the server's public rooms (GET /rooms: map and
// player counts, model.RoomList) and joins the one picked.
type roomListScene struct {
	g       *Game
	name    string
	back    scene
	list    *model.RoomList
	result  chan roomsResult // buffered: the goroutine never blocks on it
	cancel  context.CancelFunc
	loading bool
	err     error
}

func newRoomListScene(g *Game, name string, back scene) *roomListScene {
	s := &roomListScene{g: g, name: name, back: back,
		list: model.NewRoomList(model.Column{X: ScreenWidth/2 - 280, Y: 200, W: 560, H: 44, Gap: 10})}
	s.fetch()
	return s
}

// fetch starts fetching the list in a goroutine, so Update never blocks.
func (s *roomListScene) fetch() {
	s.close()
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

func (s *roomListScene) Update(g *Game) error {
	select {
	case r := <-s.result:
		s.loading, s.err = false, r.err
		s.list.Set(r.rooms)
	default:
	}
	switch c := s.list.Step(g.menu, g.keys.typed, s.name); c.Kind {
	case model.ChoiceBack:
		s.close()
		g.goTo(s.back)
	case model.ChoiceRefresh:
		if !s.loading {
			s.fetch()
		}
	case model.ChoiceJoin:
		s.close()
		g.goTo(newConnectScene(g, c.Join))
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

func (s *roomListScene) Draw(screen *ebiten.Image) { s.drawView(unitView(screen, s.g.fonts)) }

func (s *roomListScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	f := v.f
	const cx = ScreenWidth / 2
	v.text("Public rooms", f.large, cx, 110, text.AlignCenter, rgb(colorAccent))
	status, c := "pick a room to join it", rgb(colorDim)
	switch {
	case s.loading:
		status = "loading the list..."
	case s.err != nil:
		status, c = "could not get the list: "+s.err.Error(), rgb(colorBad)
	case len(s.list.Rooms) == 0:
		status = "no public rooms yet: quick play opens one"
	}
	v.text(status, f.normal, cx, 158, text.AlignCenter, c)
	drawMenu(v, s.list.Menu)
	v.text("Enter joins · R refreshes · Esc goes back", f.small, cx, 652, text.AlignCenter, rgb(colorDim))
	footer(v, s.g)
}
