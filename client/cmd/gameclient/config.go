//go:build !js

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"arena/client/ui"
	"arena/client/ui/model"
)

// defaultServer is the server a desktop client joins without -server.
const defaultServer = "ws://127.0.0.1:8080/ws"

// signalContext is done on SIGINT or SIGTERM, so the client leaves the game
// cleanly (Leave, close 1000) instead of vanishing.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// loadConfig reads the command-line flags.
func loadConfig(args []string) (ui.Config, error) {
	fs := flag.NewFlagSet("gameclient", flag.ContinueOnError)
	server := fs.String("server", defaultServer, "game server WebSocket URL (ws:// or wss://)")
	name := fs.String("name", "", "join at once with this name, skipping the title scene")
	mute := fs.Bool("mute", false, "start without sound (M toggles it in the match)")
	room := fs.String("room", "", "a private room's code: the title offers to join it (with -name, joins at once)")
	private := fs.Bool("private", false, "make a new private room and join it at once: the match shows its code and link for friends")
	settings := fs.String("settings", "", "the settings file (default: the user's config dir/arena/settings.json)")
	replayFile := fs.String("replay", "", "play a match recorded by gameserver -record (a .arenarec file) instead of joining a server")
	if err := fs.Parse(args); err != nil {
		return ui.Config{}, err
	}
	if fs.NArg() > 0 {
		return ui.Config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if err := model.CheckServerURL(*server); err != nil {
		return ui.Config{}, err
	}
	if err := model.CheckJoinFlags(*room, *private); err != nil {
		return ui.Config{}, err
	}
	cfg := ui.Config{ServerURL: *server, Name: *name, Mute: *mute, Private: *private}
	if *room != "" {
		code := strings.ToUpper(*room)
		if err := model.CheckRoomCode(code); err != nil {
			return ui.Config{}, fmt.Errorf("-room %q: %w", *room, err)
		}
		cfg.Room = code
	}
	if *settings != "" {
		cfg.Settings = &model.FileStore{Path: *settings}
	}
	if *replayFile != "" {
		rp, err := openReplay(*replayFile)
		if err != nil {
			return ui.Config{}, err
		}
		cfg.Replay = rp
	}
	return cfg, nil
}
