// Package web embeds the browser shell that the game server serves at "/"
// and serves it: static/index.html, and the build outputs that `make wasm`
// puts beside it (they are not committed): static/wasm_exec.js,
// static/game.wasm and its precompressed copies game.wasm.br (brotli),
// game.wasm.gz (gzip) and game.wasm.sha256 (the sum they were made from;
// see ./precompress).
//
// It is its own package so the WASM client, which imports the game
// packages, never embeds itself. The embed compiles whether or not the
// build outputs are present; Handler answers /game.wasm with a 404 that
// says to run `make wasm` when it is missing.
//
// # Sending game.wasm
//
// The uncompressed game.wasm is about 15.4 MB; brotli makes it about
// 2.6 MB and gzip about 3.7 MB. Handler picks the copy by the request's
// Accept-Encoding (q-values honoured; br preferred to gzip to identity at
// equal q) and sends it with Content-Encoding, Vary: Accept-Encoding,
// Content-Type application/wasm, Content-Length of the bytes sent, and
// X-Uncompressed-Length, the size of game.wasm itself, which the page's
// progress bar needs because the browser's stream yields decompressed
// bytes. Each copy has a strong ETag derived from game.wasm's SHA-256 and
// its coding, and Cache-Control: no-cache, so a browser revalidates and
// gets 304 Not Modified until the next build. The compressed copies are
// used only while game.wasm.sha256 matches game.wasm (a game.wasm rebuilt
// without precompress is sent uncompressed); game.wasm is hashed once, on
// the first request for it.
//
// # Concurrency
//
// FS is read-only and safe for concurrent use; so is the Handler.
package web
