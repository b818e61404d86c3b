package deploy

import (
	"strconv"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

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
