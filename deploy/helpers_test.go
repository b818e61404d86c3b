package deploy

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// readYAML decodes the YAML file name (relative to deploy/) into out.
func readYAML(t *testing.T, name string, out any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

// serverBinary runs the Dockerfile's build of the server once (from the
// repository root, its output redirected to a temporary directory) and
// returns the binary.
func serverBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		var build string
		for _, in := range dockerfile(t) {
			if in[0] == "RUN" && strings.Contains(in[1], "./server/cmd/gameserver") {
				build = in[1]
			}
		}
		if build == "" {
			buildErr = errors.New("the Dockerfile has no RUN that builds ./server/cmd/gameserver")
			return
		}
		if buildDir, buildErr = os.MkdirTemp("", "deploytest"); buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "gameserver")
		build = regexp.MustCompile(`-o \S+`).ReplaceAllString(build, "-o "+binPath)
		cmd := exec.Command("sh", "-c", build)
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%s: %v\n%s", build, err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// gameserverFlags returns the flag names of the gameserver binary, read from
// its usage (-h).
func gameserverFlags(t *testing.T) map[string]bool {
	t.Helper()
	out, _ := exec.Command(serverBinary(t), "-h").CombinedOutput() // -h exits 1 after the usage
	flags := map[string]bool{}
	re := regexp.MustCompile(`^\s+-([a-z0-9-]+)`)
	for _, line := range strings.Split(string(out), "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			flags[m[1]] = true
		}
	}
	if !flags["port"] || !flags["shutdown-timeout"] {
		t.Fatalf("gameserver -h lists no -port or -shutdown-timeout:\n%s", out)
	}
	return flags
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// args is a gameserver command line as the files write it.
type args []string

// value returns the value of -name (as "-name v" or "-name=v"), and
// whether it is there.
func (a args) value(name string) (string, bool) {
	for i, s := range a {
		if s == "-"+name && i+1 < len(a) {
			return a[i+1], true
		}
		if v, ok := strings.CutPrefix(s, "-"+name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// has reports whether the boolean -name is given (and not =false).
func (a args) has(name string) bool {
	return slices.Contains(a, "-"+name) || slices.Contains(a, "-"+name+"=true")
}

// checkFlags fails for every -flag in a that the gameserver does not have.
func checkFlags(t *testing.T, file string, a args, flags map[string]bool) {
	t.Helper()
	for _, s := range a {
		if !strings.HasPrefix(s, "-") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimLeft(s, "-"), "=")
		if !flags[name] {
			t.Errorf("%s passes -%s, which gameserver does not have", file, name)
		}
	}
}

// duration parses a's -name, or def when absent.
func (a args) duration(t *testing.T, name string, def time.Duration) time.Duration {
	t.Helper()
	s, ok := a.value(name)
	if !ok {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatalf("-%s %q: %v", name, s, err)
	}
	return d
}

// The gameserver's defaults the files rely on when they omit a flag.
const (
	defaultPort            = 8080
	defaultShutdownTimeout = 10 * time.Second
)

// port returns a's -port (the default when absent).
func (a args) port(t *testing.T) int {
	t.Helper()
	s, ok := a.value("port")
	if !ok {
		return defaultPort
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("-port %q", s)
	}
	return n
}
