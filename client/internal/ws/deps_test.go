//go:build !js

package ws_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBrowserBuildLinksNoTLS: the browser client (GOOS=js) imports no
// net/http, crypto/tls or coder/websocket: each of them brings crypto/tls
// and its FIPS self-tests back into game.wasm, about 1.9 MB of it (0.35 MB
// of what the browser downloads). Use the browser's own APIs under js
// (this package for WebSockets, client's matchGet for HTTP GETs).
func TestBrowserBuildLinksNoTLS(t *testing.T) {
	if testing.Short() {
		t.Skip("go list of the wasm build")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-deps", "./client/cmd/gameclient")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pkgs := strings.Fields(string(out))
	if !slices.Contains(pkgs, "arena/client/internal/ws") {
		t.Fatalf("go list -deps did not list this package: %s", out)
	}
	for _, pkg := range pkgs {
		switch {
		case pkg == "net/http", pkg == "crypto/tls", pkg == "crypto/x509", strings.HasPrefix(pkg, "github.com/coder/websocket"):
			t.Errorf("the browser build imports %s (see this test's comment for why not and what to use)", pkg)
		}
	}
}
