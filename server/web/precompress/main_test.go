package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestPrecompress: the .br and .gz decode to the file, the .sha256 is
// sha256sum's line for it, and no temporary file is left behind.
func TestPrecompress(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "game.wasm")
	data := bytes.Repeat([]byte("\x00asm wasm wasm local.get i32.add "), 3000)
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{src}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "game.wasm.br") {
		t.Errorf("output does not list the sizes: %q", out.String())
	}
	br, _ := os.ReadFile(src + ".br")
	gz, _ := os.ReadFile(src + ".gz")
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf(".br does not decode to the file: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, data) {
		t.Errorf(".gz does not decode to the file: %v", err)
	}
	sum := sha256.Sum256(data)
	if line, _ := os.ReadFile(src + ".sha256"); string(line) != hex.EncodeToString(sum[:])+"  game.wasm\n" {
		t.Errorf(".sha256 = %q", line)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("%d files in the directory, want 4 (no temporary left)", len(entries))
	}

	// The same content again: nothing is rewritten.
	if err := os.WriteFile(src+".br", []byte("marker"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run([]string{src}, &out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(src + ".br"); string(b) != "marker" || !strings.Contains(out.String(), "up to date") {
		t.Errorf("an unchanged file was compressed again (%q)", out.String())
	}
	// -force, or a changed file, compresses.
	if err := run([]string{"-force", src}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(src + ".br"); string(b) == "marker" {
		t.Errorf("-force did not compress")
	}
	if err := os.WriteFile(src, append(data, "more"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{src}, io.Discard); err != nil {
		t.Fatal(err)
	}
	br, _ = os.ReadFile(src + ".br")
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, append(data, "more"...)) {
		t.Errorf("a changed file's .br is not of its new content: %v", err)
	}
}

// TestPrecompressBadArgs: a missing file or wrong arguments are errors
// that say what is wrong.
func TestPrecompressBadArgs(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.wasm")
	if err := run([]string{missing}, io.Discard); err == nil || !strings.Contains(err.Error(), "nope.wasm") {
		t.Errorf("missing file: %v", err)
	}
	if err := run(nil, io.Discard); err == nil || !strings.Contains(err.Error(), "exactly one FILE") {
		t.Errorf("no argument: %v", err)
	}
}
