// Package ui is Arena's Ebiten front end: the only package in the module that
// imports Ebiten, so the server, the bots and the client core build without
// cgo or a display.
//
// A Game (an ebiten.Game) shows one scene at a time behind a tiny interface
// (scene.go):
//
//   - title, the main menu (title.go, model.MainMenu): the name field,
//     which takes what is typed at any time (the name is remembered in the
//     settings), and the buttons Quick play, Create private room, Join by
//     code, Room list and Settings (first, Join room CODE when the page
//     was opened with ?room=CODE). Enter activates the focused button,
//     which starts on the first, so typing a name and pressing Enter plays.
//   - join by code (menu_code.go, model.CodeForm): a code field (letters
//     upper-cased, digits, 4 to 8) checked before asking the server; a
//     code the server does not know comes back as "No such room".
//   - room list (menu_rooms.go, model.RoomList): GET /rooms of the server
//     the client came from (client.ListRooms, in a goroutine), map and
//     player counts per room; a full room cannot be picked; R refreshes.
//   - settings (menu_settings.go, model.SettingsMenu): volume, stick
//     sensitivity, fullscreen, the net graph; each change is saved at once
//     (settings.go: a file under os.UserConfigDir()/arena on the desktop,
//     localStorage in the browser; a corrupt one gives the defaults and a
//     message on the title, never a crash).
//   - connecting: client.DialMatched (the server's /match, then the
//     WebSocket it names) runs in a goroutine with a timeout while Update
//     polls for its result, so Update never blocks; Esc cancels. What it
//     asks for is a model.JoinRequest from the menus (lobby.go).
//   - play: each Update turns the keyboard, mouse and gamepad into one
//     game.Input and tells the session (client.Session.Update, which makes
//     one input per server tick and predicts it at once), then takes the
//     players to draw (others interpolated, the local player predicted),
//     drains the session's events into tracers, hit markers, a kill feed
//     and chat lines, and follows the local player with a camera clamped to
//     the map. Tab (held) shows the scoreboard; Enter opens the chat line;
//     F3 (or N) shows the net graph (netgraph.go, its numbers from
//     model.NetGraph): RTT and jitter, snapshots a second and their gaps,
//     bytes a second down and up, interpolation delay and starvation,
//     prediction checks and corrections, and the inputs the server has not
//     consumed yet. The local player's own shot is drawn and heard when it
//     is fired (the session predicts it); the server's account of it a
//     round trip later only adds a hit marker and a hit sound when it hit.
//     Others' shots sound quieter, and fainter with distance. M mutes.
//     Esc (the gamepad's Start, the touch menu button) opens the pause
//     menu (menu_pause.go, model.PauseMenu): Resume, or Leave match for
//     the main menu; the match goes on behind it and the player stands
//     still. A private room's code and invite link show at the top.
//   - replay (replay.go; gameclient -replay FILE, Config.Replay): the play
//     scene drawing a client.Replay instead of a session, with a free
//     camera (model.ReplayCamera: WASD, the arrows or a drag pan; 1-9
//     follow a player, 0 frees it), Space to pause, [ and ] for the speed,
//     , and . to seek 10 s (or a click on the progress bar), Home to start
//     over, and a bar with the status, the progress and the keys.
//   - failure: says why the server could not be reached or why it closed the
//     connection (close code and reason); Enter, a click or a tap goes back
//     to the main menu (or joins again when the seat expired), Esc too.
//
// Every menu is a model.Menu of buttons with one focused, and every device
// drives it through one model.MenuInput an update (menuinput.go): arrows
// and Tab, Enter, Esc; the mouse's hover and click; the first standard
// gamepad's d-pad or left stick, A (or Start) and B; a tap. Held arrows
// repeat by the clock (model.KeyRepeat).
//
// # Input in the match
//
// input.go reads the keyboard and mouse (WASD or arrows, aim at the
// cursor, click or Space fires, Q and E switch weapon), the first gamepad
// in Ebiten's standard layout (left stick moves, right stick aims,
// right trigger or A fires, bumpers switch weapon) and the touch screen:
// model.TouchSticks makes a finger put down on the left half a moving
// stick and on the right half an aiming stick that fires when pushed past
// 60% of its radius, each following its own finger until it lifts, plus
// a weapon button (touch.go draws them, semi-transparent, once the screen
// has been touched). The settings' sensitivity sets how fast a gamepad or
// touch stick turns the aim (model.AimTracker.Sensitivity, by the clock).
//
// # Scaling
//
// Layout returns the window's size times ebiten.Monitor().DeviceScaleFactor()
// (model.Viewport): the screen has the device's own pixels. The logical
// screen, ScreenWidth x ScreenHeight, is fitted and centred on it. Scenes
// that draw through a view (view.go: the menus, the match's overlay) draw
// in logical coordinates at the device's pixels, with faces at the scaled
// size, so text stays sharp at any window size and DPI; the match draws
// its world and its HUD that way too (see The match). A scene that does
// not is drawn on a logical-size image scaled onto the screen. The cursor and touches are mapped back to
// logical coordinates (model.Viewport.ToLogical).
//
// Following Ebiten's examples, Update turns raw input into domain values
// (input.go) and steps state, Draw only draws, and Layout returns the
// device's pixels (see Scaling). Update runs once per rendered frame
// (ebiten.SyncWithFPS, see Run): the session paces the inputs itself, so a
// key press is seen on the next frame whatever the display's rate. Hence
// everything that must not depend on the frame rate goes by the clock:
// tracers, hit markers, the kill feed and chat lines age by the same
// instant the session shows players at, key repeat and blinking by time.
//
// # The match
//
// The play scene draws the world (art.go, artweapons.go: the map drawn
// once into an image, players, tracers, rockets and their trails,
// blasts, pickups, hit markers) and over it the HUD (hud.go and the
// files named for their part: status, match clock and countdown,
// minimap, kill feed with the weapon of each kill, health, weapon with
// ammo and cooldown, chat, the scoreboard on Tab, the death screen with
// who killed you and the respawn countdown, the respawn flash, red edges
// when hit, the winner screen with the final board and the next match's
// countdown). Layout, wording and timing are model's (LayoutHUD,
// MatchClock, Death, KillLine, Cooldown, Minimap, NewWinner,
// MatchWatch), tested without a display.
//
// # Sound
//
// sound.go plays the sounds package model makes (short noise and tone
// bursts synthesized as 16-bit PCM, no asset files) through
// ebiten/v2/audio. Ebiten's audio ends the game when it cannot open a
// device (ebiten.RunGame returns oto's error), which is what a machine
// without a sound card does, so the audio context is made only after
// package sounddevice, in a goroutine, has opened the device oto would
// open the way oto would; without one the game is silent, the help line
// says "no sound device" and the log says why, once. Config.Mute (the
// -mute flag, ?mute=1) starts silent and opens nothing until M unmutes.
// In a browser the context only starts after a key press or click
// (autoplay rules); sounds before then are dropped, not queued.
//
// Config.OnDraw tells a watcher what each frame drew (a Frame): the
// browser build publishes it for the end-to-end test with ?probe=1.
//
// The logic that needs no display (input mapping, name entry, scoreboard
// order, effect fading, camera clamping, error wording, the server URL) lives
// in package client/ui/model, which does not import Ebiten and has the unit
// tests. This package has none: on Linux, Ebiten needs an X display as soon
// as it is initialized, so even a test binary that only links it fails
// without one (the end-to-end tests run the client under xvfb-run).
//
// # Concurrency
//
// A Game is driven by Ebiten's goroutine only. The client.Session it talks to
// may be used concurrently; the dial goroutine hands its result over a channel.
//
// # WASM
//
// The package builds for GOOS=js GOARCH=wasm; Ebiten creates the canvas in the
// page. Ebiten samples key state once per frame, so a key pressed and
// released within one frame is lost; in the browser a keydown listener
// (keys_js.go) latches Enter, Escape, Backspace, F3, M and the arrow keys
// (with the browser's own repeats: the menus' arrows come only from it
// there) so none is missed. A tap on the title's name field asks for the
// name with the browser's prompt, which brings up a phone's keyboard.
// client/cmd/gameclient derives the server URL from the page.
package ui
