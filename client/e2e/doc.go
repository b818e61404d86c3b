// Package e2e holds Arena's end-to-end tests, kept apart from the commands so
// that their test binaries never link Ebiten (which needs a display at start).
// They build the real gameserver and gameclient, start them on a free loopback
// port, and drive the game as a person would: the browser client in headless
// Chromium (chromedp), the desktop client under xvfb-run. They run when
// ARENA_E2E=1, which `make test` sets after `make deps` and `make wasm`.
package e2e
