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
// the server is the page's own host, and ?name= joins at once. args are
// ignored (a browser has no command line).
func loadConfig(args []string) (ui.Config, error) {
	loc := js.Global().Get("location")
	return ui.Config{
		ServerURL: model.PageServerURL(loc.Get("protocol").String(), loc.Get("host").String()),
		Name:      model.QueryName(loc.Get("search").String()),
	}, nil
}
