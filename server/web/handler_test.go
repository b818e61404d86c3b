package web_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"arena/server/web"
)

// fakeWasm is compressible content standing in for game.wasm.
func fakeWasm() []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < 100_000 {
		fmt.Fprintf(&b, "func%d local.get %d i64.add\n", rng.IntN(500), rng.IntN(9))
	}
	return b.Bytes()
}

// shell returns a static tree as `make wasm` leaves it: game.wasm, its
// .br and .gz, and the .sha256 they were made from.
func shell(t *testing.T, wasm []byte) fstest.MapFS {
	t.Helper()
	var br, gz bytes.Buffer
	bw := brotli.NewWriterLevel(&br, 6) // the tool uses 11: slower, same format
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	for _, w := range []io.WriteCloser{bw, zw} {
		if _, err := w.Write(wasm); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	sum := sha256.Sum256(wasm)
	return fstest.MapFS{
		"index.html":       {Data: []byte("<!doctype html><title>Arena</title>")},
		"wasm_exec.js":     {Data: []byte("// go")},
		"game.wasm":        {Data: wasm},
		"game.wasm.br":     {Data: br.Bytes()},
		"game.wasm.gz":     {Data: gz.Bytes()},
		"game.wasm.sha256": {Data: []byte(hex.EncodeToString(sum[:]) + "  game.wasm\n")},
	}
}

// serve starts a real HTTP server on loopback for static and returns a
// client that neither adds Accept-Encoding nor decodes the body itself.
func serve(t *testing.T, static fstest.MapFS) (*httptest.Server, *http.Client) {
	t.Helper()
	hs := httptest.NewServer(web.Handler(static))
	t.Cleanup(hs.Close)
	return hs, &http.Client{Transport: &http.Transport{DisableCompression: true}}
}

func do(t *testing.T, hc *http.Client, method, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// decode undoes the response's Content-Encoding.
func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch encoding {
	case "":
		return body
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unexpected Content-Encoding %q", encoding)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s body: %v", encoding, err)
	}
	return out
}

// TestWasmEncodings: each Accept-Encoding gets the copy it prefers most
// among those it accepts (br before gzip before identity at equal q), with
// its Content-Encoding, the length of what is sent, Vary, the media type
// and the uncompressed length; the body decodes to game.wasm; a request
// that accepts none of them gets 406 with a message.
func TestWasmEncodings(t *testing.T) {
	t.Parallel()
	wasm := fakeWasm()
	static := shell(t, wasm)
	hs, hc := serve(t, static)
	for _, tc := range []struct {
		accept string // "-": no header
		want   string // Content-Encoding; "406": Not Acceptable
	}{
		{"-", ""},
		{"", ""},
		{"gzip, deflate, br, zstd", "br"}, // Chromium's
		{"gzip, deflate", "gzip"},
		{"GZIP", "gzip"},
		{"x-gzip", "gzip"},
		{"br", "br"},
		{"deflate, zstd", ""},
		{"identity", ""},
		{"br;q=0.5, gzip;q=0.8", "gzip"},
		{"br;q=0.8, gzip;q=0.8, identity;q=0.8", "br"},
		{"br;q=0, gzip", "gzip"},
		{"br;q=0, gzip;q=0", ""},
		{"br;q=bogus, gzip;q=0.1", "gzip"},
		{"br ; q=0.9 , identity;q=1", ""},
		{"*", "br"},
		{"gzip;q=1, *;q=0.5", "gzip"},
		{"*;q=0, identity", ""},
		{"br, identity;q=0", "br"},
		{"identity;q=0", "406"},
		{"*;q=0", "406"},
		{"deflate, identity;q=0", "406"},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			var hdr []string
			if tc.accept != "-" {
				hdr = []string{"Accept-Encoding", tc.accept}
			}
			resp, body := do(t, hc, "GET", hs.URL+"/game.wasm", hdr...)
			if tc.want == "406" {
				if resp.StatusCode != http.StatusNotAcceptable || !strings.Contains(string(body), "available as br, gzip, identity") {
					t.Fatalf("= %d %q; want 406 naming the codings", resp.StatusCode, body)
				}
				return
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("= %d %q", resp.StatusCode, body)
			}
			h := resp.Header
			if got := h.Get("Content-Encoding"); got != tc.want {
				t.Errorf("Content-Encoding = %q, want %q", got, tc.want)
			}
			if h.Get("Content-Type") != "application/wasm" || h.Get("Vary") != "Accept-Encoding" ||
				h.Get("Cache-Control") != "no-cache" || h.Get("ETag") == "" {
				t.Errorf("headers %v", h)
			}
			if resp.ContentLength != int64(len(body)) || h.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length %q, sent %d bytes", h.Get("Content-Length"), len(body))
			}
			if got := h.Get(web.UncompressedLengthHeader); got != strconv.Itoa(len(wasm)) {
				t.Errorf("%s = %q, want %d", web.UncompressedLengthHeader, got, len(wasm))
			}
			if tc.want != "" && len(body) >= len(wasm)/2 {
				t.Errorf("%s copy is %d bytes of %d: not the compressed file", tc.want, len(body), len(wasm))
			}
			if !bytes.Equal(decode(t, h.Get("Content-Encoding"), body), wasm) {
				t.Errorf("the body does not decode to game.wasm")
			}
		})
	}
}

// TestWasmHeadAndRevalidation: HEAD answers the headers of the GET with no
// body; each coding has its own strong ETag, and If-None-Match with it
// gets 304 (with ETag and Vary, no body) until game.wasm changes; a range
// of the br copy has the range's length.
func TestWasmHeadAndRevalidation(t *testing.T) {
	t.Parallel()
	wasm := fakeWasm()
	static := shell(t, wasm)
	hs, hc := serve(t, static)
	url := hs.URL + "/game.wasm"

	resp, body := do(t, hc, "HEAD", url, "Accept-Encoding", "br")
	if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Encoding") != "br" ||
		resp.Header.Get("Content-Length") != strconv.Itoa(len(static["game.wasm.br"].Data)) {
		t.Errorf("HEAD = %d, %d body bytes, headers %v", resp.StatusCode, len(body), resp.Header)
	}

	tags := map[string]string{}
	for _, ae := range []string{"br", "gzip", "identity"} {
		resp, _ := do(t, hc, "GET", url, "Accept-Encoding", ae)
		tag := resp.Header.Get("ETag")
		if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) {
			t.Errorf("%s: ETag %q is not a strong ETag", ae, tag)
		}
		for other, ot := range tags {
			if ot == tag {
				t.Errorf("%s and %s share the ETag %s", ae, other, tag)
			}
		}
		tags[ae] = tag
	}

	resp, body = do(t, hc, "GET", url, "Accept-Encoding", "br", "If-None-Match", tags["br"])
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 ||
		resp.Header.Get("ETag") != tags["br"] || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("revalidation = %d, %d bytes, headers %v; want 304", resp.StatusCode, len(body), resp.Header)
	}
	resp, _ = do(t, hc, "GET", url, "Accept-Encoding", "gzip", "If-None-Match", tags["br"])
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("br's ETag with gzip accepted = %d %q; want the gzip copy", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	resp, _ = do(t, hc, "GET", url, "Accept-Encoding", "br", "If-None-Match", `"other", `+tags["br"])
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with a list holding the tag = %d, want 304", resp.StatusCode)
	}

	resp, body = do(t, hc, "GET", url, "Accept-Encoding", "br", "Range", "bytes=0-9")
	if resp.StatusCode != http.StatusPartialContent || len(body) != 10 || resp.Header.Get("Content-Length") != "10" ||
		!bytes.Equal(body, static["game.wasm.br"].Data[:10]) {
		t.Errorf("range = %d, %d bytes, Content-Length %q", resp.StatusCode, len(body), resp.Header.Get("Content-Length"))
	}

	// The next build: a new game.wasm (and copies) has new tags.
	wasm2 := append(fakeWasm(), "more"...)
	hs2, _ := serve(t, shell(t, wasm2))
	resp, _ = do(t, hc, "GET", hs2.URL+"/game.wasm", "Accept-Encoding", "br", "If-None-Match", tags["br"])
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == tags["br"] {
		t.Errorf("a new build with the old ETag = %d, ETag %s; want 200 and a new tag", resp.StatusCode, resp.Header.Get("ETag"))
	}
}

// TestWasmWithoutCopies: a build without the compressed copies, or with
// copies of an older game.wasm (the .sha256 does not match), is sent as
// identity to every browser; with no game.wasm at all the 404 says how to
// build it.
func TestWasmWithoutCopies(t *testing.T) {
	t.Parallel()
	wasm := fakeWasm()
	bare := shell(t, wasm)
	delete(bare, "game.wasm.br")
	delete(bare, "game.wasm.gz")
	delete(bare, "game.wasm.sha256")
	stale := shell(t, wasm)
	stale["game.wasm"] = &fstest.MapFile{Data: append([]byte("rebuilt "), wasm...)}
	noSum := shell(t, wasm)
	delete(noSum, "game.wasm.sha256")
	for name, static := range map[string]fstest.MapFS{"bare": bare, "stale": stale, "no sum": noSum} {
		hs, hc := serve(t, static)
		resp, body := do(t, hc, "GET", hs.URL+"/game.wasm", "Accept-Encoding", "gzip, deflate, br, zstd")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" ||
			!bytes.Equal(body, static["game.wasm"].Data) || resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: = %d %q, %d bytes; want game.wasm itself", name, resp.StatusCode,
				resp.Header.Get("Content-Encoding"), len(body))
		}
	}

	none := shell(t, wasm)
	delete(none, "game.wasm")
	hs, hc := serve(t, none)
	resp, body := do(t, hc, "GET", hs.URL+"/game.wasm", "Accept-Encoding", "br")
	if resp.StatusCode != 404 || string(body) != web.WasmMissing {
		t.Errorf("no game.wasm: = %d %q", resp.StatusCode, body)
	}
}

// TestShellPages: the page is never cached (a new build must reach the
// browser), other files are served as files.
func TestShellPages(t *testing.T) {
	t.Parallel()
	hs, hc := serve(t, shell(t, []byte("wasm")))
	for _, path := range []string{"/", "/index.html"} {
		resp, body := do(t, hc, "GET", hs.URL+path)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "<title>Arena</title>") ||
			!strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
			t.Errorf("%s = %d %q %v", path, resp.StatusCode, body, resp.Header)
		}
	}
	resp, body := do(t, hc, "GET", hs.URL+"/wasm_exec.js")
	if resp.StatusCode != 200 || string(body) != "// go" {
		t.Errorf("/wasm_exec.js = %d %q", resp.StatusCode, body)
	}
}
