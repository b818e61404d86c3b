package web

import "embed"

// FS holds static/: index.html, and wasm_exec.js and game.wasm (with its
// compressed copies) when built. Paths in it start with "static/".
//
//go:embed static
var FS embed.FS
