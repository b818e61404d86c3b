// Command gameclient is the Arena game client: a desktop window natively, and
// the browser client when built with GOOS=js GOARCH=wasm.
//
// Natively it takes flags:
//
//	gameclient [-server ws://127.0.0.1:8080/ws] [-name NAME] [-room CODE | -private] [-settings FILE] [-mute]
//	gameclient -replay FILE
//
// -name joins at once with that name instead of showing the title scene.
// -room CODE joins that private room (with -name at once, else the title
// offers it); -private makes a new private room and joins it at once, the
// match showing its code and link.
// -replay plays a match recorded by gameserver -record, with pause, speed,
// seeking and a free camera (the keys are on screen); a file of another
// version is refused with a message naming both.
// -mute starts without sound (M in the match toggles it); without a sound
// device the client plays none and says so once in its log. In the
// browser there are no flags: the server is the page's own host
// (ws://host/ws, or wss://host/ws on an https: page), a ?name= query
// parameter does what -name does and ?mute=1 what -mute does. ?probe=1
// publishes what each frame drew as window.arenaProbe, for the browser
// test (probe_js.go).
package main

import (
	"fmt"
	"log/slog"
	"os"

	"arena/client/ui"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gameclient:", err)
		os.Exit(1)
	}
}

func run() error {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := loadConfig(os.Args[1:])
	if err != nil {
		return err
	}
	cfg.Logger = logger
	ctx, stop := signalContext()
	defer stop()
	logger.Info("starting", "server", cfg.ServerURL, "name", cfg.Name, "mute", cfg.Mute)
	return ui.Run(ctx, cfg)
}
