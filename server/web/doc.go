// Package web embeds the browser shell that the game server serves at "/":
// static/index.html, and the build outputs static/wasm_exec.js and
// static/game.wasm that `make wasm` copies in (they are not committed).
//
// It is its own package so the WASM client, which imports the game packages,
// never embeds itself. The embed compiles whether or not the build outputs
// are present; the server answers /game.wasm with a 404 that says to run
// `make wasm` when it is missing.
//
// # Concurrency
//
// FS is read-only and safe for concurrent use.
package web
