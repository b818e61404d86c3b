// Command precompress writes the compressed copies of a build output that
// the server sends instead of it: FILE.br (brotli, best quality, 16 MB
// window), FILE.gz (gzip -9) and FILE.sha256 (the SHA-256 of FILE in
// sha256sum's format). `make wasm` runs it on server/web/static/game.wasm:
//
//	go run ./server/web/precompress server/web/static/game.wasm
//
// The server (package web) sends a compressed copy only while FILE.sha256
// names FILE's current content, so a game.wasm rebuilt without this tool
// is sent uncompressed rather than with a stale .br or .gz.
//
// Each output is written to a temporary file and renamed into place, so
// a failed or interrupted run leaves the previous outputs or none, never a
// truncated one. It prints the sizes. When FILE.sha256 already names
// FILE's content and the copies exist, it writes nothing (brotli at best
// quality takes a minute or more; Go's build cache often gives the same
// game.wasm again); -force compresses anyway.
package main
