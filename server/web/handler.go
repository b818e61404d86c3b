package web

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// WasmMissing is the body of the 404 for /game.wasm when the WASM client
// was not built.
const WasmMissing = "game.wasm is not built: run `make wasm`\n"

// UncompressedLengthHeader carries game.wasm's own size in every answer
// for it, whatever the Content-Encoding: the page's progress bar divides
// the decompressed bytes the browser's stream yields by it.
const UncompressedLengthHeader = "X-Uncompressed-Length"

// Handler returns the handler of the browser shell in static (fs.Sub(FS,
// "static"), or a test's files): "/" and "/index.html" uncached,
// /game.wasm by Accept-Encoding as the package doc describes, any other
// path as a file of static. It may serve requests concurrently.
func Handler(static fs.FS) http.Handler {
	return &handler{static: static, files: http.FileServerFS(static)}
}

type handler struct {
	static fs.FS
	files  http.Handler

	once sync.Once // computes wasm on the first request for game.wasm
	wasm wasmCopies
}

// wasmCopies is what is known of game.wasm and its compressed copies.
type wasmCopies struct {
	missing bool  // no game.wasm: not built
	err     error // game.wasm unreadable
	size    int64 // game.wasm's length
	have    [nCodings]bool
	etag    [nCodings]string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/", "/index.html":
		w.Header().Set("Cache-Control", "no-cache, no-store, must-revalidate")
		http.ServeFileFS(w, r, h.static, "index.html")
	case "/game.wasm":
		h.serveWasm(w, r)
	default:
		h.files.ServeHTTP(w, r)
	}
}

// serveWasm sends the copy of game.wasm the request accepts best.
func (h *handler) serveWasm(w http.ResponseWriter, r *http.Request) {
	h.once.Do(func() { h.wasm = loadWasm(h.static) })
	c := &h.wasm
	if c.missing {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, WasmMissing)
		return
	}
	if c.err != nil {
		http.Error(w, "game.wasm: "+c.err.Error(), http.StatusInternalServerError)
		return
	}
	// The answer depends on Accept-Encoding even when it is identity, so
	// that a cache never hands the identity copy to a browser that asked
	// for br, or br to a client that cannot decode it.
	w.Header().Set("Vary", "Accept-Encoding")
	coding, ok := negotiate(r.Header.Values("Accept-Encoding"), c.have)
	if !ok {
		http.Error(w, fmt.Sprintf("game.wasm is available as %s; Accept-Encoding %q accepts none of them",
			c.available(), strings.Join(r.Header.Values("Accept-Encoding"), ", ")), http.StatusNotAcceptable)
		return
	}
	f, err := h.static.Open("game.wasm" + coding.suffix())
	if err != nil {
		http.Error(w, "game.wasm: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	body, ok := f.(io.ReadSeeker)
	st, err := f.Stat()
	if !ok || err != nil {
		http.Error(w, "game.wasm: cannot seek or stat its file", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/wasm")
	hd.Set("Cache-Control", "no-cache") // changes with each build: revalidate by ETag
	hd.Set("ETag", c.etag[coding])
	hd.Set(UncompressedLengthHeader, strconv.FormatInt(c.size, 10))
	if coding != identity {
		hd.Set("Content-Encoding", coding.name())
		// ServeContent leaves Content-Length out when Content-Encoding is
		// set; the copy's size is known. A range answer overwrites it, a
		// 304 deletes it.
		hd.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	}
	http.ServeContent(w, r, "game.wasm", time.Time{}, body)
}

// available names the codings game.wasm can be sent in, for the 406.
func (c *wasmCopies) available() string {
	var names []string
	for _, k := range preference {
		if c.have[k] {
			if k == identity {
				names = append(names, "identity")
			} else {
				names = append(names, k.name())
			}
		}
	}
	return strings.Join(names, ", ")
}

// loadWasm hashes game.wasm in static and finds the compressed copies
// made from it: a copy is used only when game.wasm.sha256 (precompress's
// output, in sha256sum's format) names game.wasm's current sum.
func loadWasm(static fs.FS) wasmCopies {
	var c wasmCopies
	f, err := static.Open("game.wasm")
	if errors.Is(err, fs.ErrNotExist) {
		c.missing = true
		return c
	}
	if err != nil {
		c.err = err
		return c
	}
	defer f.Close()
	sum := sha256.New()
	c.size, err = io.Copy(sum, f)
	if err != nil {
		c.err = err
		return c
	}
	hexSum := hex.EncodeToString(sum.Sum(nil))
	c.have[identity] = true
	if recordedSum(static, "game.wasm.sha256") == hexSum {
		for _, k := range []coding{gzipCoding, brotli} {
			if st, err := fs.Stat(static, "game.wasm"+k.suffix()); err == nil && st.Mode().IsRegular() {
				c.have[k] = true
			}
		}
	}
	// Strong ETags, one per representation: the content's sum and the coding.
	for k := range nCodings {
		tag := hexSum[:32]
		if k != identity {
			tag += "-" + k.name()
		}
		c.etag[k] = `"` + tag + `"`
	}
	return c
}

// recordedSum returns the hex sum on the first line of a sha256sum file,
// or "" when there is none.
func recordedSum(static fs.FS, name string) string {
	f, err := static.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(io.LimitReader(f, 1024)).ReadString('\n')
	field, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	return strings.ToLower(field)
}
