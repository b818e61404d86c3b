package deploy

import (
	"bufio"
	"debug/elf"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
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

type securityContext struct {
	RunAsNonRoot *bool `yaml:"runAsNonRoot"`
	RunAsUser    *int  `yaml:"runAsUser"`
}

type probe struct {
	HTTPGet struct {
		Path string    `yaml:"path"`
		Port yaml.Node `yaml:"port"`
	} `yaml:"httpGet"`
}

type container struct {
	Name  string `yaml:"name"`
	Image string `yaml:"image"`
	Args  args   `yaml:"args"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
}

type podSpec struct {
	TerminationGracePeriodSeconds int             `yaml:"terminationGracePeriodSeconds"`
	SecurityContext               securityContext `yaml:"securityContext"`
	Containers                    []container     `yaml:"containers"`
}

// checkPod checks what every pod of the game server needs: one container
// with requests and a memory limit, a non-root user, and a grace period
// longer than -shutdown-timeout.
func checkPod(t *testing.T, file string, p podSpec) container {
	t.Helper()
	if len(p.Containers) != 1 {
		t.Fatalf("%s: %d containers, want 1", file, len(p.Containers))
	}
	c := p.Containers[0]
	if sc := p.SecurityContext; sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
		t.Errorf("%s: securityContext %+v, want runAsNonRoot and a non-zero runAsUser", file, sc)
	}
	timeout := c.Args.duration(t, "shutdown-timeout", defaultShutdownTimeout)
	if grace := time.Duration(p.TerminationGracePeriodSeconds) * time.Second; grace <= timeout {
		t.Errorf("%s: terminationGracePeriodSeconds %v, want more than -shutdown-timeout %v", file, grace, timeout)
	}
	if c.Resources.Requests["cpu"] == "" || c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" {
		t.Errorf("%s: resources %+v, want cpu and memory requests and a memory limit", file, c.Resources)
	}
	return c
}

// TestFleet: the Agones Fleet runs -agones with Health well inside the
// health period, on the container port the server listens on, with the
// "players" counter sized as a room.
func TestFleet(t *testing.T) {
	t.Parallel()
	var f struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Spec       struct {
			Template struct {
				Spec struct {
					Ports []struct {
						ContainerPort int    `yaml:"containerPort"`
						PortPolicy    string `yaml:"portPolicy"`
					} `yaml:"ports"`
					Health struct {
						PeriodSeconds    int `yaml:"periodSeconds"`
						FailureThreshold int `yaml:"failureThreshold"`
					} `yaml:"health"`
					Counters map[string]struct {
						Capacity int `yaml:"capacity"`
					} `yaml:"counters"`
					Template struct {
						Spec podSpec `yaml:"spec"`
					} `yaml:"template"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	readYAML(t, "agones/fleet.yaml", &f)
	if f.APIVersion != "agones.dev/v1" || f.Kind != "Fleet" {
		t.Fatalf("agones/fleet.yaml is %s %s, want agones.dev/v1 Fleet", f.APIVersion, f.Kind)
	}
	gs := f.Spec.Template.Spec
	c := checkPod(t, "agones/fleet.yaml", gs.Template.Spec)
	checkFlags(t, "agones/fleet.yaml", c.Args, gameserverFlags(t))
	if !c.Args.has("agones") {
		t.Errorf("fleet args %v: want -agones", c.Args)
	}
	if len(gs.Ports) != 1 || gs.Ports[0].ContainerPort != c.Args.port(t) {
		t.Errorf("fleet ports %+v, want one with containerPort = -port %d", gs.Ports, c.Args.port(t))
	}
	period := time.Duration(gs.Health.PeriodSeconds) * time.Second
	if period == 0 {
		period = 5 * time.Second // Agones' default
	}
	if interval := c.Args.duration(t, "agones-health-interval", 2*time.Second); 2*interval > period {
		t.Errorf("-agones-health-interval %v with health.periodSeconds %v: want at least two pings a period", interval, period)
	}
	capacity := 16
	if s, ok := c.Args.value("room-capacity"); ok {
		capacity, _ = strconv.Atoi(s)
	}
	if p, ok := gs.Counters["players"]; ok && p.Capacity != capacity {
		t.Errorf("counter players capacity %d, want -room-capacity %d", p.Capacity, capacity)
	}
}

// TestDeployment: the plain Deployment probes /readyz and /healthz on the
// port the server listens on, and the Service sends to that port.
func TestDeployment(t *testing.T) {
	t.Parallel()
	var d struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Template struct {
				Metadata struct {
					Labels map[string]string `yaml:"labels"`
				} `yaml:"metadata"`
				Spec podSpec `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	readYAML(t, "k8s/deployment.yaml", &d)
	if d.Kind != "Deployment" {
		t.Fatalf("k8s/deployment.yaml kind %q", d.Kind)
	}
	c := checkPod(t, "k8s/deployment.yaml", d.Spec.Template.Spec)
	checkFlags(t, "k8s/deployment.yaml", c.Args, gameserverFlags(t))
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	if len(c.Ports) != 1 || c.Ports[0].ContainerPort != c.Args.port(t) {
		t.Fatalf("container ports %+v, want one = -port %d", c.Ports, c.Args.port(t))
	}
	probePort := func(p *probe) int {
		if n, err := strconv.Atoi(p.HTTPGet.Port.Value); err == nil {
			return n
		}
		return ports[p.HTTPGet.Port.Value]
	}
	for _, pr := range []struct {
		name string
		p    *probe
		path string
	}{{"readinessProbe", c.ReadinessProbe, "/readyz"}, {"livenessProbe", c.LivenessProbe, "/healthz"}} {
		if pr.p == nil {
			t.Errorf("no %s", pr.name)
			continue
		}
		if pr.p.HTTPGet.Path != pr.path || probePort(pr.p) != c.Args.port(t) {
			t.Errorf("%s GET %s on port %q, want %s on %d", pr.name, pr.p.HTTPGet.Path, pr.p.HTTPGet.Port.Value, pr.path, c.Args.port(t))
		}
	}

	var s struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Selector map[string]string `yaml:"selector"`
			Ports    []struct {
				Port       int       `yaml:"port"`
				TargetPort yaml.Node `yaml:"targetPort"`
			} `yaml:"ports"`
		} `yaml:"spec"`
	}
	readYAML(t, "k8s/service.yaml", &s)
	if s.Kind != "Service" || len(s.Spec.Ports) != 1 {
		t.Fatalf("k8s/service.yaml: kind %q, %d ports", s.Kind, len(s.Spec.Ports))
	}
	target := s.Spec.Ports[0].TargetPort.Value
	if n, err := strconv.Atoi(target); (err == nil && n != c.Args.port(t)) || (err != nil && ports[target] != c.Args.port(t)) {
		t.Errorf("service targetPort %q, want the container's port %d", target, c.Args.port(t))
	}
	for k, v := range s.Spec.Selector {
		if d.Spec.Template.Metadata.Labels[k] != v {
			t.Errorf("service selector %s=%s matches no label of the pods (%v)", k, v, d.Spec.Template.Metadata.Labels)
		}
	}
}

// TestCompose: Redis and two game servers that share it, each telling
// /match the URL its port is published on, each allowing the other's pages.
func TestCompose(t *testing.T) {
	t.Parallel()
	var f struct {
		Services map[string]struct {
			Image           string   `yaml:"image"`
			Command         args     `yaml:"command"`
			Ports           []string `yaml:"ports"`
			StopGracePeriod string   `yaml:"stop_grace_period"`
			Build           any      `yaml:"build"`
		} `yaml:"services"`
	}
	readYAML(t, "docker-compose.yaml", &f)
	flags := gameserverFlags(t)
	redis, ok := f.Services["redis"]
	if !ok || !strings.HasPrefix(redis.Image, "redis:7") {
		t.Fatalf("no redis:7 service (services %v)", f.Services)
	}
	type game struct{ name, origin string }
	var games []game
	for name, s := range f.Services {
		if name == "redis" {
			continue
		}
		file := "docker-compose.yaml " + name
		checkFlags(t, file, s.Command, flags)
		if s.Build == nil {
			t.Errorf("%s: no build (it would be pulled, and the image is not published)", file)
		}
		if r, _ := s.Command.value("redis"); r != "redis:6379" {
			t.Errorf("%s: -redis %q, want redis:6379", file, r)
		}
		if len(s.Ports) != 1 {
			t.Fatalf("%s: ports %v, want one", file, s.Ports)
		}
		host, container, _ := strings.Cut(s.Ports[0], ":")
		if container != strconv.Itoa(s.Command.port(t)) {
			t.Errorf("%s: publishes container port %s, but the server listens on %d", file, container, s.Command.port(t))
		}
		if u, _ := s.Command.value("public-url"); u != "ws://localhost:"+host {
			t.Errorf("%s: -public-url %q, want ws://localhost:%s (the published port)", file, u, host)
		}
		grace, err := time.ParseDuration(s.StopGracePeriod)
		if timeout := s.Command.duration(t, "shutdown-timeout", defaultShutdownTimeout); err != nil || grace <= timeout {
			t.Errorf("%s: stop_grace_period %q, want more than -shutdown-timeout %v", file, s.StopGracePeriod, timeout)
		}
		games = append(games, game{name, "localhost:" + host})
	}
	if len(games) != 2 {
		t.Fatalf("%d game servers, want 2", len(games))
	}
	for _, g := range games {
		patterns, _ := f.Services[g.name].Command.value("allowed-origins")
		for _, other := range games {
			if other == g {
				continue
			}
			allowed := false
			for _, p := range strings.Split(patterns, ",") {
				if ok, _ := path.Match(strings.TrimSpace(p), other.origin); ok {
					allowed = true
				}
			}
			if !allowed {
				t.Errorf("%s: -allowed-origins %q refuses pages from %s", g.name, patterns, other.origin)
			}
		}
	}
}

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
