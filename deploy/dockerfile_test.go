package deploy

import (
	"bufio"
	"debug/elf"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// dockerfile is the Dockerfile's instructions, in order, continuation
// lines joined.
func dockerfile(t *testing.T) [][2]string {
	t.Helper()
	f, err := os.Open("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	var cur string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if more, ok := strings.CutSuffix(line, `\`); ok {
			cur += more + " "
			continue
		}
		cur += line
		op, rest, _ := strings.Cut(cur, " ")
		out = append(out, [2]string{strings.ToUpper(op), strings.TrimSpace(rest)})
		cur = ""
	}
	return out
}

// TestDockerfile: a golang:1.26 builder runs `make wasm` and a static
// go build of the server; the runtime stage is distroless static (or
// scratch) as a non-root user, exposes the port the server listens on and
// runs the binary the builder made with flags the server has.
func TestDockerfile(t *testing.T) {
	t.Parallel()
	ins := dockerfile(t)
	var froms []string
	var runs []string
	var final [][2]string
	for _, in := range ins {
		if in[0] == "FROM" {
			froms = append(froms, in[1])
			final = nil
		}
		if in[0] == "RUN" {
			runs = append(runs, in[1])
		}
		final = append(final, in)
	}
	if len(froms) != 2 || !strings.HasPrefix(froms[0], "golang:1.26 AS build") {
		t.Fatalf("stages %q, want golang:1.26 AS build and a runtime", froms)
	}
	if rt := froms[1]; !strings.HasPrefix(rt, "gcr.io/distroless/static") && rt != "scratch" {
		t.Errorf("runtime image %q, want distroless/static or scratch", rt)
	}
	if !slices.Contains(runs, "make wasm") {
		t.Errorf("RUNs %q: want make wasm (the web client the server embeds)", runs)
	}
	mk, err := os.ReadFile("../Makefile")
	if err != nil || !regexp.MustCompile(`(?m)^wasm:`).Match(mk) || !strings.Contains(string(mk), "server/web/static") {
		t.Errorf("the Makefile has no wasm target writing server/web/static: %v", err)
	}
	var buildCmd string
	for _, r := range runs {
		if strings.Contains(r, "go build") && strings.Contains(r, "./server/cmd/gameserver") {
			buildCmd = r
		}
	}
	if !strings.HasPrefix(buildCmd, "CGO_ENABLED=0 go build") {
		t.Fatalf("no RUN CGO_ENABLED=0 go build ... ./server/cmd/gameserver among %q", runs)
	}
	out := regexp.MustCompile(`-o (\S+)`).FindStringSubmatch(buildCmd)
	if out == nil {
		t.Fatalf("build %q has no -o", buildCmd)
	}
	var user, expose, entry, cmd, copied string
	for _, in := range final {
		switch in[0] {
		case "USER":
			user = in[1]
		case "EXPOSE":
			expose = in[1]
		case "ENTRYPOINT":
			entry = in[1]
		case "CMD":
			cmd = in[1]
		case "COPY":
			f := strings.Fields(in[1])
			if len(f) == 3 && f[0] == "--from=build" && f[1] == out[1] {
				copied = f[2]
			}
		case "HEALTHCHECK":
			t.Error("HEALTHCHECK in a distroless image: it has no shell or curl to run it")
		}
	}
	if uid, _, _ := strings.Cut(user, ":"); user == "" || uid == "0" || uid == "root" {
		t.Errorf("runtime USER %q, want non-root", user)
	}
	if copied == "" || entry != `["`+copied+`"]` {
		t.Errorf("ENTRYPOINT %s, COPY of %s to %q: want the builder's binary run", entry, out[1], copied)
	}
	var cmdArgs args
	if err := yaml.Unmarshal([]byte(cmd), &cmdArgs); err != nil {
		t.Fatalf("CMD %s: %v", cmd, err)
	}
	checkFlags(t, "Dockerfile CMD", cmdArgs, gameserverFlags(t))
	if expose != strconv.Itoa(cmdArgs.port(t)) {
		t.Errorf("EXPOSE %s, want -port %d", expose, cmdArgs.port(t))
	}
}

// TestStaticServerBinary: the Dockerfile's build of the server makes a
// static binary: no ELF interpreter, no dynamic section, so it runs on
// distroless static or scratch.
func TestStaticServerBinary(t *testing.T) {
	t.Parallel()
	f, err := elf.Open(serverBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("the server binary has a %v program header: it is not static", p.Type)
		}
	}
	if s := f.Section(".dynamic"); s != nil {
		t.Error("the server binary has a .dynamic section: it is not static")
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the server binary needs %v", libs)
	}
}
