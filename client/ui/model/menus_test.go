package model_test

import (
	"strings"
	"testing"

	"arena/client"
	"arena/client/ui/model"
)

var testColumn = model.Column{X: 100, Y: 100, W: 200, H: 40, Gap: 10}

// rowAt is a point inside the i-th button of testColumn, on its left or
// right half.
func rowAt(i int, right bool) (x, y float64) {
	x = testColumn.X + 20
	if right {
		x = testColumn.X + testColumn.W - 20
	}
	return x, testColumn.Y + float64(i)*(testColumn.H+testColumn.Gap) + 5
}

func TestMainMenuTypeNameThenEnterQuickPlays(t *testing.T) {
	t.Parallel()
	m := model.NewMainMenu("", "", testColumn)
	if c := m.Step(model.MenuInput{}, []rune("bob")); c.Kind != model.ChoiceNone {
		t.Fatalf("typing chose %+v", c)
	}
	c := m.Step(model.MenuInput{Activate: true}, nil)
	want := model.Choice{Kind: model.ChoiceJoin, Join: model.JoinRequest{Kind: model.JoinQuick, Name: "bob"}}
	if c != want {
		t.Fatalf("Enter: %+v, want %+v", c, want)
	}
	// Esc does nothing on the main menu.
	if c := m.Step(model.MenuInput{Back: true}, nil); c.Kind != model.ChoiceNone {
		t.Fatalf("Esc: %+v", c)
	}
	// Nothing typed joins as "player".
	m = model.NewMainMenu("", "", testColumn)
	if c := m.Step(model.MenuInput{Activate: true}, []rune("  ")); c.Join.Name != "player" {
		t.Fatalf("blank name: %+v", c)
	}
}

func TestMainMenuButtons(t *testing.T) {
	t.Parallel()
	want := []model.Choice{
		{Kind: model.ChoiceJoin, Join: model.JoinRequest{Kind: model.JoinQuick, Name: "ann"}},
		{Kind: model.ChoiceJoin, Join: model.JoinRequest{Kind: model.JoinCreatePrivate, Name: "ann"}},
		{Kind: model.ChoiceCodeForm},
		{Kind: model.ChoiceRoomList},
		{Kind: model.ChoiceSettings},
	}
	for i, w := range want {
		// By keyboard: i presses of Down, then Enter.
		m := model.NewMainMenu("ann", "", testColumn)
		for k := 0; k < i; k++ {
			m.Step(model.MenuInput{Down: true}, nil)
		}
		if c := m.Step(model.MenuInput{Activate: true}, nil); c != w {
			t.Errorf("button %d by keys: %+v, want %+v", i, c, w)
		}
		// By a click or a tap on it.
		m = model.NewMainMenu("ann", "", testColumn)
		x, y := rowAt(i, false)
		if c := m.Step(model.MenuInput{Click: true, X: x, Y: y}, nil); c != w {
			t.Errorf("button %d by click: %+v, want %+v", i, c, w)
		}
	}
}

func TestMainMenuLinkedRoomFirst(t *testing.T) {
	t.Parallel()
	m := model.NewMainMenu("cy", "ABCD", testColumn)
	if m.Menu.Items[0].Label != "Join room ABCD" {
		t.Fatalf("first button %q", m.Menu.Items[0].Label)
	}
	c := m.Step(model.MenuInput{Activate: true}, nil)
	want := model.Choice{Kind: model.ChoiceJoin, Join: model.JoinRequest{Kind: model.JoinCode, Name: "cy", Room: "ABCD"}}
	if c != want {
		t.Fatalf("Enter: %+v, want %+v", c, want)
	}
	m.Step(model.MenuInput{Down: true}, nil)
	if c := m.Step(model.MenuInput{Activate: true}, nil); c.Join.Kind != model.JoinQuick {
		t.Fatalf("second button: %+v", c)
	}
}

func TestCodeForm(t *testing.T) {
	t.Parallel()
	join := model.Rect{X: 0, Y: 0, W: 100, H: 40}
	back := model.Rect{X: 200, Y: 0, W: 100, H: 40}
	f := model.NewCodeForm(join, back)
	// Too short: refused with a message, no join.
	if c := f.Step(model.MenuInput{Activate: true}, []rune("ab"), "dee"); c.Kind != model.ChoiceNone || f.Err == "" {
		t.Fatalf("short code: %+v err %q", c, f.Err)
	}
	// Typing clears the message.
	f.Step(model.MenuInput{}, []rune("c"), "dee")
	if f.Err != "" {
		t.Fatalf("message kept after typing: %q", f.Err)
	}
	c := f.Step(model.MenuInput{Activate: true}, []rune("d"), "dee")
	want := model.Choice{Kind: model.ChoiceJoin, Join: model.JoinRequest{Kind: model.JoinCode, Name: "dee", Room: "ABCD"}}
	if c != want {
		t.Fatalf("join: %+v, want %+v", c, want)
	}
	// Right moves to Back; Enter there goes back; so do Esc and a click on Back.
	f.Step(model.MenuInput{Right: true}, nil, "dee")
	if c := f.Step(model.MenuInput{Activate: true}, nil, "dee"); c.Kind != model.ChoiceBack {
		t.Fatalf("Back button: %+v", c)
	}
	if c := f.Step(model.MenuInput{Back: true}, nil, "dee"); c.Kind != model.ChoiceBack {
		t.Fatalf("Esc: %+v", c)
	}
	f = model.NewCodeForm(join, back)
	if c := f.Step(model.MenuInput{Click: true, X: 250, Y: 10}, nil, "dee"); c.Kind != model.ChoiceBack {
		t.Fatalf("click on Back: %+v", c)
	}
}

func TestRoomList(t *testing.T) {
	t.Parallel()
	l := model.NewRoomList(testColumn)
	// Empty: Refresh focused, then Back.
	if c := l.Step(model.MenuInput{Activate: true}, nil, "eve"); c.Kind != model.ChoiceRefresh {
		t.Fatalf("empty list, Enter: %+v", c)
	}
	l.Set([]client.RoomListing{
		{ID: "r1", Map: "arena", Players: 8, Capacity: 8},
		{ID: "r2", Map: "arena", Players: 3, Capacity: 8},
		{ID: "r3", Map: "warrens", Players: 1, Capacity: 8, Bots: 3},
	})
	if !l.Menu.Items[0].Disabled || l.Menu.Focus != 1 {
		t.Fatalf("a full room must not be pickable: %+v focus %d", l.Menu.Items[0], l.Menu.Focus)
	}
	if got := l.Menu.Items[1].Label; got != "r2  ·  arena  ·  3/8 players" {
		t.Fatalf("label %q", got)
	}
	if got := l.Menu.Items[2].Label; got != "r3  ·  warrens  ·  1/8 players + 3 bots" {
		t.Fatalf("label with bots %q", got)
	}
	c := l.Step(model.MenuInput{Activate: true}, nil, "eve")
	want := model.Choice{Kind: model.ChoiceJoin, Join: model.JoinRequest{Kind: model.JoinListed, Name: "eve", Room: "r2"}}
	if c != want {
		t.Fatalf("pick: %+v, want %+v", c, want)
	}
	x, y := rowAt(0, false)
	if c := l.Step(model.MenuInput{Click: true, X: x, Y: y}, nil, "eve"); c.Kind != model.ChoiceNone {
		t.Fatalf("click on a full room: %+v", c)
	}
	if c := l.Step(model.MenuInput{}, []rune("r"), "eve"); c.Kind != model.ChoiceRefresh {
		t.Fatalf("R: %+v", c)
	}
	if c := l.Step(model.MenuInput{Back: true}, nil, "eve"); c.Kind != model.ChoiceBack {
		t.Fatalf("Esc: %+v", c)
	}
	many := make([]client.RoomListing, 20)
	l.Set(many)
	if len(l.Rooms) != model.MaxListedRooms || len(l.Menu.Items) != model.MaxListedRooms+2 {
		t.Fatalf("%d rooms, %d buttons", len(l.Rooms), len(l.Menu.Items))
	}
}

func TestSettingsMenu(t *testing.T) {
	t.Parallel()
	s := model.DefaultSettings()
	m := model.NewSettingsMenu(s, testColumn)
	// Right on the volume row: up a step, changed.
	s2, changed, c := m.Step(model.MenuInput{Right: true}, s)
	if !changed || s2.Volume != s.Volume+model.VolumeStep || c.Kind != model.ChoiceNone {
		t.Fatalf("volume right: %+v %v %+v", s2, changed, c)
	}
	if got := m.Menu.Items[model.SettingsVolume].Label; got != "←  Volume  80  →" {
		t.Fatalf("label not updated: %q", got)
	}
	// A click on the left half of the sensitivity row: down a step.
	x, y := rowAt(model.SettingsSensitivity, false)
	s3, changed, _ := m.Step(model.MenuInput{Click: true, X: x, Y: y}, s2)
	if !changed || s3.Sensitivity != s2.Sensitivity-model.SensitivityStep || m.Menu.Focus != model.SettingsSensitivity {
		t.Fatalf("click left on sensitivity: %+v", s3)
	}
	// On the right half: up.
	x, y = rowAt(model.SettingsSensitivity, true)
	if s4, _, _ := m.Step(model.MenuInput{Click: true, X: x, Y: y}, s3); s4.Sensitivity != s2.Sensitivity {
		t.Fatalf("click right on sensitivity: %+v", s4)
	}
	// Enter flips fullscreen and the net graph.
	m.Step(model.MenuInput{Down: true}, s3)
	s5, changed, _ := m.Step(model.MenuInput{Activate: true}, s3)
	if !changed || !s5.Fullscreen {
		t.Fatalf("fullscreen: %+v", s5)
	}
	m.Step(model.MenuInput{Down: true}, s5)
	s6, _, _ := m.Step(model.MenuInput{Left: true}, s5)
	if !s6.NetGraph || s6.Fullscreen != s5.Fullscreen {
		t.Fatalf("net graph: %+v", s6)
	}
	// At the limit nothing changes.
	max := s6
	max.Volume = model.MaxVolume
	m = model.NewSettingsMenu(max, testColumn)
	if _, changed, _ := m.Step(model.MenuInput{Right: true}, max); changed {
		t.Fatal("volume past the maximum changed")
	}
	// Back and Esc go back without a change.
	if _, changed, c := m.Step(model.MenuInput{Back: true}, max); changed || c.Kind != model.ChoiceBack {
		t.Fatalf("Esc: %v %+v", changed, c)
	}
	x, y = rowAt(model.SettingsBack, false)
	if _, _, c := m.Step(model.MenuInput{Click: true, X: x, Y: y}, max); c.Kind != model.ChoiceBack {
		t.Fatalf("Back: %+v", c)
	}
}

func TestPauseMenu(t *testing.T) {
	t.Parallel()
	p := model.NewPauseMenu(testColumn)
	// Esc while chatting was the chat's: no menu.
	p.Step(model.MenuInput{Back: true}, true, true)
	if p.Open {
		t.Fatal("opened while chatting")
	}
	p.Step(model.MenuInput{Back: true}, true, false)
	if !p.Open {
		t.Fatal("Esc did not open")
	}
	// Esc again closes; so does Resume.
	p.Step(model.MenuInput{Back: true}, true, false)
	if p.Open {
		t.Fatal("Esc did not close")
	}
	p.Step(model.MenuInput{}, true, false)
	if c := p.Step(model.MenuInput{Activate: true}, false, false); p.Open || c.Kind != model.ChoiceNone {
		t.Fatalf("Resume: open %v %+v", p.Open, c)
	}
	// Leave: down, Enter.
	p.Step(model.MenuInput{}, true, false)
	p.Step(model.MenuInput{Down: true}, false, false)
	if c := p.Step(model.MenuInput{Activate: true}, false, false); c.Kind != model.ChoiceLeave || p.Open {
		t.Fatalf("Leave: %+v open %v", c, p.Open)
	}
	// A tap on Leave.
	p.Step(model.MenuInput{}, true, false)
	x, y := rowAt(model.PauseLeave, false)
	if c := p.Step(model.MenuInput{Click: true, X: x, Y: y}, false, false); c.Kind != model.ChoiceLeave {
		t.Fatalf("tap Leave: %+v", c)
	}
}

func TestMainMenuSetName(t *testing.T) {
	t.Parallel()
	m := model.NewMainMenu("old", "", testColumn)
	m.SetName("  phone\tuser  " + strings.Repeat("x", 40))
	if got := m.Name.String(); len([]rune(got)) > 16 || strings.ContainsRune(got, '\t') || !strings.HasPrefix(got, "  phoneuser") {
		t.Fatalf("name %q: want the field's rules applied", got)
	}
	m.SetName("zed")
	if c := m.Step(model.MenuInput{Activate: true}, nil); c.Join.Name != "zed" {
		t.Fatalf("join as %q", c.Join.Name)
	}
}
