// Package client is the Arena client core without any rendering: it dials a
// game server, says Hello, sends inputs at the tick rate, receives snapshots
// and events, and measures the network. The Ebiten UI (package client/ui), the
// headless bots (client/bot) and tests all use a Session.
//
// # Session
//
// Dial returns a Session once the server has answered Hello with Welcome
// and the map it plays is loaded (Options.Maps; Info has it). From then on
// one reader goroutine reads every server message into one reused buffer
// and applies each snapshot to a netcode.View (a delta against the snapshot
// before it), a bounded queue of Events (shots, kills, joins, leaves, chat)
// fills for DrainEvents, and the network Stats are kept.
//
// # Matches
//
// Match returns the room's match cycle (matchinfo.go): the phase
// (countdown, playing, ended; game.PhaseNone for a room of one endless
// match), the ticks and time left, and once ended the winner and the final
// scoreboard with names. When a new match plays another map the Session
// loads it from Options.Maps and moves its prediction onto it before it
// takes the snapshot that respawned everyone there; Map and Info follow.
// DrainEvents gives an EventMatch for each new phase.
//
// # Replays
//
// A Feed (feed.go) is what the UI's match scene draws from: a *Session,
// or a *Replay (replay.go), which plays a recording of gameserver -record
// (package game/replay) on a World of its own: the same players, events
// and match cycle as a live session gives, seen by a spectator (no player
// is Local), on a playback clock that pauses, runs at 0.25x to 4x and
// seeks. OpenReplayFile reads a room's later match with the files before
// it; another protocol version is refused naming both.
//
// # Finding a room
//
// Match asks a server's /match where to play (match.go): with several
// processes sharing a Redis, the room with a free seat may be on another
// one, whose WebSocket URL it answers. DialMatched is Match then Dial; a
// server without /match is dialed as given. A resume dials the URL the
// session was dialed at, never /match: the seat lives in that process.
//
// Options.Room joins one room exactly, a room id or a private room's code
// (in any case): a room that does not exist or is full ends the dial with
// a *CloseError of CloseNoSuchRoom or CloseRoomFull (RoomRefused), whether
// /match or the Hello said so; it never lands elsewhere. Options.Private
// makes a new private room (DialMatched then dials the server it was given:
// that process makes it); Info.Room is its code and Info.Private is set.
// Quick play (no Room) whose /match answer went stale asks /match again.
//
// # Session and link
//
// The Session is the player's session; a link (link.go) is one WebSocket
// with its writer, pinger and write watchdog. When a link is lost in a way
// the server keeps the seat for (no close frame, or 4003 slow consumer,
// 4005 idle timeout) and Welcome carried a resume token and the rule
// resume_grace_ticks, the Session resumes by itself (reconnect.go): it
// dials again with exponential backoff and full jitter (below 100 ms
// doubling to 2 s) until the grace period plus 2 s, says Hello with the
// newest token, checks that the Welcome is for the same player and room,
// resets the View for the full snapshot that follows and writes again
// every input after the newest one the server acknowledged. Prediction,
// interpolation and the clock carry on. Meanwhile Reconnecting reports
// true (and Stats.Reconnecting, ReconnectAttempt, ReconnectingFor), Update
// makes no inputs and Players keeps drawing the last state. A refused
// token (4006: the seat expired) ends the session with that *CloseError;
// join again with Dial. Options.NoReconnect turns resuming off. Stats
// count Resumes, ResumeAttempts, ResumeFailures and the resume times.
//
// # Netcode
//
// The caller says what the player wants (Update, every frame); the Session
// does the rest, the same for the desktop, the browser and the bots:
//
//   - Pacing (pacer.go): one input per server tick on the estimated server
//     clock, whatever the frame rate; a fire press between ticks is kept.
//   - Prediction (predict.go): each input is simulated at once with the
//     game's own code from the newest server state plus the inputs the
//     server has not consumed; each snapshot is compared with the
//     prediction for the same input (Stats.Mispredictions) and the inputs
//     after it are replayed. A correction glides in what is drawn; a large
//     one (a respawn) snaps. The local player's own shots show at once
//     (Event.Predicted); what they hit is the server's to say.
//   - Rockets and pickups (projectiles.go): Projectiles draws others'
//     rockets at the render tick the other players are drawn at, on the
//     straight path the server sent once, and the local player's on its
//     predicted timeline: shown from the input that fires one, replaced
//     by the server's on the same path once a snapshot acknowledges that
//     input; hidden at walls, at other players as drawn (the local
//     player's) and at the server's explosion tick. Pickups gives the
//     map's pickups as of the newest snapshot. PlayerView carries the
//     weapon, ammo and cooldown; the weapon buttons of game.Input switch
//     (game.SwitchButtons for a next-weapon key), predicted like movement.
//   - Interpolation (interp.go): others are drawn on the server's tick
//     timeline, between the snapshots around a render tick a delay behind
//     the newest snapshot that could have arrived; the delay adapts to the
//     measured jitter and, with a short extrapolation, to stalls.
//   - Clock sync (clock.go): the receive clock is filtered for the minimum
//     delay over the snapshots of the last seconds and slews, never
//     jumps; Pings give the RTT (minimum-filtered for the server tick).
//
// Each input carries the tick others were drawn at when it was made, so
// the server resolves its shots where the player saw its targets (lag
// compensation, docs/protocol.md).
//
// Inputs are logged by seq; every Options.InputBatch inputs (by default
// the ticks per snapshot) the writer goroutine sends every input not yet
// written in one Inputs message, each exactly once (the WebSocket is
// reliable). Nothing waits on the network. Writes are bounded by a
// watchdog timer.
//
// # Errors
//
// A close by the server, during Dial or later, is a *CloseError carrying the
// close code (netcode's close-code table) and reason. Other failures are
// wrapped errors that name the URL ("connect ws://...: ..."). Session.Err is
// nil after a clean Close.
//
// # Concurrency
//
// All Session methods may be called concurrently. The Session owns three
// goroutines: the reader, which also resumes, for the session's life, and
// the writer and the pinger of the current link, which stop when the link
// ends. Close waits for them all. Update and Players do their work on the caller's
// goroutine.
//
// # WASM
//
// The package builds for GOOS=js GOARCH=wasm: coder/websocket uses the
// browser's WebSocket there, so Dial must be given a ws:// or wss:// URL. The
// browser chooses the handshake's HTTP details; only the subprotocol is set,
// and Options.Dialer cannot be used.
package client
