package model

// The menu scenes' logic: what each button of the main menu, the code
// form, the room list, the settings and the pause menu asks for. Package
// ui reads the devices into a MenuInput (and the typed runes), calls Step
// and goes where the Choice says.

import (
	"fmt"

	"arena/client"
)

// ChoiceKind is what a menu asks the UI to do next.
type ChoiceKind uint8

const (
	ChoiceNone     ChoiceKind = iota // stay
	ChoiceJoin                       // connect for Choice.Join
	ChoiceCodeForm                   // show the join-by-code form
	ChoiceRoomList                   // show the room list
	ChoiceSettings                   // show the settings
	ChoiceBack                       // go back where this menu came from
	ChoiceRefresh                    // fetch the room list again
	ChoiceLeave                      // leave the match for the main menu
)

// Choice is a menu's answer to an update.
type Choice struct {
	Kind ChoiceKind
	Join JoinRequest // for ChoiceJoin
}

// Column places a menu's buttons: the first at (X, Y), each W by H, Gap
// apart downwards.
type Column struct{ X, Y, W, H, Gap float64 }

func (c Column) menu(labels ...string) *Menu { return NewMenu(c.X, c.Y, c.W, c.H, c.Gap, labels...) }

// MainMenu is the title: a name field that takes what is typed at any
// time, and the buttons. Its focus starts on the first button: quick play,
// or joining the room the page was opened for (?room=CODE).
type MainMenu struct {
	Name    *TextField
	Menu    *Menu
	linked  string // the room code offered first, "" for none
	actions []ChoiceKind
	joins   []JoinKind // for ChoiceJoin buttons
}

// NewMainMenu returns the main menu with name typed, offering to join
// the room with code linked first when it is not "".
func NewMainMenu(name, linked string, col Column) *MainMenu {
	m := &MainMenu{Name: NewNameField(name), linked: linked}
	var labels []string
	add := func(label string, k ChoiceKind, j JoinKind) {
		labels, m.actions, m.joins = append(labels, label), append(m.actions, k), append(m.joins, j)
	}
	if linked != "" {
		add("Join room "+linked, ChoiceJoin, JoinCode)
	}
	add("Quick play", ChoiceJoin, JoinQuick)
	add("Create private room", ChoiceJoin, JoinCreatePrivate)
	add("Join by code", ChoiceCodeForm, 0)
	add("Room list", ChoiceRoomList, 0)
	add("Settings", ChoiceSettings, 0)
	m.Menu = col.menu(labels...)
	return m
}

// SetName replaces the name typed with name (cut to the field's limits):
// what a phone's own keyboard gave for it.
func (m *MainMenu) SetName(name string) {
	m.Name.Clear()
	m.Name.Type([]rune(name))
}

// PlayerName is the name to join as: what is typed, or "player".
func (m *MainMenu) PlayerName() string { return PlayerName(m.Name.String()) }

// Step types typed into the name and steps the buttons.
func (m *MainMenu) Step(in MenuInput, typed []rune) Choice {
	m.Name.Type(typed)
	in.Back = false // the main menu has nowhere to go back to
	r := m.Menu.Step(in)
	if r.Activated < 0 {
		return Choice{}
	}
	c := Choice{Kind: m.actions[r.Activated]}
	if c.Kind == ChoiceJoin {
		c.Join = JoinRequest{Kind: m.joins[r.Activated], Name: m.PlayerName()}
		if c.Join.Kind == JoinCode {
			c.Join.Room = m.linked
		}
	}
	return c
}

// CodeForm asks for a room code: Join (or Enter) checks it and joins,
// Back (or Esc) goes back. Left and right move between the two buttons.
type CodeForm struct {
	Code *TextField
	Menu *Menu  // Join, Back
	Err  string // why the code typed was refused; cleared by typing
}

// Buttons of the code form.
const (
	CodeJoin = iota
	CodeBack
)

// NewCodeForm returns an empty form with its two buttons at join and back.
func NewCodeForm(join, back Rect) *CodeForm {
	m := &Menu{Items: []MenuItem{{Label: "Join", Rect: join}, {Label: "Back", Rect: back}}}
	return &CodeForm{Code: NewRoomCodeField(), Menu: m}
}

// Step applies typed and in; a join is for name.
func (f *CodeForm) Step(in MenuInput, typed []rune, name string) Choice {
	before := f.Code.String()
	f.Code.Type(typed)
	if f.Code.String() != before {
		f.Err = ""
	}
	in.Up, in.Down = in.Up || in.Left, in.Down || in.Right
	r := f.Menu.Step(in)
	switch {
	case r.Back || r.Activated == CodeBack:
		return Choice{Kind: ChoiceBack}
	case r.Activated == CodeJoin:
		code := f.Code.String()
		if err := CheckRoomCode(code); err != nil {
			f.Err = err.Error()
			return Choice{}
		}
		return Choice{Kind: ChoiceJoin, Join: JoinRequest{Kind: JoinCode, Name: name, Room: code}}
	}
	return Choice{}
}

// MaxListedRooms is how many rooms RoomList shows.
const MaxListedRooms = 7

// RoomList is the public rooms as buttons (map and counts), then Refresh
// and Back. A full room cannot be picked; R refreshes.
type RoomList struct {
	Rooms []client.RoomListing // shown, by button
	Menu  *Menu
	col   Column
}

// NewRoomList returns an empty list (Refresh and Back only).
func NewRoomList(col Column) *RoomList {
	l := &RoomList{col: col}
	l.Set(nil)
	return l
}

// Set shows rooms (the first MaxListedRooms), focusing the first that can
// be joined.
func (l *RoomList) Set(rooms []client.RoomListing) {
	if len(rooms) > MaxListedRooms {
		rooms = rooms[:MaxListedRooms]
	}
	l.Rooms = rooms
	labels := make([]string, 0, len(rooms)+2)
	for _, r := range rooms {
		l := fmt.Sprintf("%s  ·  %s  ·  %d/%d players", r.ID, r.Map, r.Players, r.Capacity)
		if r.Bots > 0 {
			l += fmt.Sprintf(" + %d bots", r.Bots)
		}
		labels = append(labels, l)
	}
	l.Menu = l.col.menu(append(labels, "Refresh", "Back")...)
	for i, r := range rooms {
		if r.Capacity > 0 && r.Players >= r.Capacity {
			l.Menu.SetDisabled(i, true)
		}
	}
}

// Step steps the buttons; a join is for name.
func (l *RoomList) Step(in MenuInput, typed []rune, name string) Choice {
	r := l.Menu.Step(in)
	n := len(l.Rooms)
	switch {
	case r.Back || r.Activated == n+1:
		return Choice{Kind: ChoiceBack}
	case r.Activated == n || hasAny(typed, 'r', 'R'):
		return Choice{Kind: ChoiceRefresh}
	case r.Activated >= 0:
		return Choice{Kind: ChoiceJoin, Join: JoinRequest{Kind: JoinListed, Name: name, Room: l.Rooms[r.Activated].ID}}
	}
	return Choice{}
}

func hasAny(rs []rune, want ...rune) bool {
	for _, r := range rs {
		for _, w := range want {
			if r == w {
				return true
			}
		}
	}
	return false
}

// SettingsMenu changes Settings: left and right (or a click on a row's
// left or right half) step the volume and the sensitivity; left, right,
// Enter or a click flip fullscreen and the net graph.
type SettingsMenu struct {
	Menu *Menu
}

// Rows of the settings menu.
const (
	SettingsVolume = iota
	SettingsSensitivity
	SettingsFullscreen
	SettingsNetGraph
	SettingsBack
)

// NewSettingsMenu returns the settings menu labelled for s.
func NewSettingsMenu(s Settings, col Column) *SettingsMenu {
	m := &SettingsMenu{Menu: col.menu("", "", "", "", "Back")}
	m.label(s)
	return m
}

func (m *SettingsMenu) label(s Settings) {
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	m.Menu.Items[SettingsVolume].Label = fmt.Sprintf("←  Volume  %d  →", s.Volume)
	m.Menu.Items[SettingsSensitivity].Label = fmt.Sprintf("←  Stick sensitivity  %.2f  →", s.Sensitivity)
	m.Menu.Items[SettingsFullscreen].Label = "Fullscreen  " + onOff(s.Fullscreen)
	m.Menu.Items[SettingsNetGraph].Label = "Net graph in the match  " + onOff(s.NetGraph)
}

// Step applies in to s: it returns the settings (changed says whether
// they differ, to be saved) and ChoiceBack when the player is done.
func (m *SettingsMenu) Step(in MenuInput, s Settings) (out Settings, changed bool, c Choice) {
	r := m.Menu.Step(in)
	if r.Back || r.Activated == SettingsBack {
		return s, false, Choice{Kind: ChoiceBack}
	}
	step := r.Adjust
	if r.Activated >= 0 {
		step = 1
		if it := m.Menu.Items[r.Activated].Rect; in.Click && in.X < it.X+it.W/2 {
			step = -1 // a click on the left half
		}
	}
	if step == 0 {
		return s, false, Choice{}
	}
	out = s
	switch m.Menu.Focus {
	case SettingsVolume:
		out = s.StepVolume(step)
	case SettingsSensitivity:
		out = s.StepSensitivity(step)
	case SettingsFullscreen:
		out.Fullscreen = !s.Fullscreen
	case SettingsNetGraph:
		out.NetGraph = !s.NetGraph
	}
	m.label(out)
	return out, out != s, Choice{}
}

// PauseMenu is the match's menu: Esc (or the gamepad's Start, or the
// touch menu button) opens it unless the chat line has the keyboard;
// Resume or Esc closes it, Leave match leaves.
type PauseMenu struct {
	Open bool
	Menu *Menu // Resume, Leave match
	col  Column
}

// Buttons of the pause menu.
const (
	PauseResume = iota
	PauseLeave
)

// NewPauseMenu returns a closed pause menu.
func NewPauseMenu(col Column) *PauseMenu { return &PauseMenu{col: col} }

// Step applies one update: toggle is Esc, Start or the menu button
// pressed; chatting says the chat line had the keyboard (its Esc was the
// chat's). It returns ChoiceLeave when the player leaves.
func (p *PauseMenu) Step(in MenuInput, toggle, chatting bool) Choice {
	if !p.Open {
		if toggle && !chatting {
			p.Open, p.Menu = true, p.col.menu("Resume", "Leave match")
		}
		return Choice{}
	}
	in.Back = in.Back || toggle
	r := p.Menu.Step(in)
	switch {
	case r.Back || r.Activated == PauseResume:
		p.Open = false
	case r.Activated == PauseLeave:
		p.Open = false
		return Choice{Kind: ChoiceLeave}
	}
	return Choice{}
}
