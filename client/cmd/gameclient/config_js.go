package main

import (
	"context"
	"syscall/js"

	"arena/client/ui"
	"arena/client/ui/model"
)

// signalContext is never done: a page has no signals, and closing the tab
// ends everything.
func signalContext() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// loadConfig derives the configuration from the page the client runs in:
// the server is the page's own host, ?name= joins at once, ?room=CODE joins
// that room exactly (the link to a private room), ?mute=1 starts without
// sound and ?probe=1 publishes each frame for tests (probe_js.go).
// args are ignored (a browser has no command line).
func loadConfig(args []string) (ui.Config, error) {
	loc := js.Global().Get("location")
	search := loc.Get("search").String()
	cfg := ui.Config{
		ServerURL: model.PageServerURL(loc.Get("protocol").String(), loc.Get("host").String()),
		Name:      model.QueryName(search),
		Mute:      model.QueryFlag(search, "mute"),
		Room:      model.QueryRoom(search),
	}
	if model.QueryFlag(search, "probe") {
		cfg.OnDraw = newProbe()
	}
	return cfg, nil
}
