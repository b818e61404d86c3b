package deploy

import (
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
)

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
