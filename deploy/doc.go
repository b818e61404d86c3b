// Package deploy holds no code: it is the home of the deployment files
// (Dockerfile, agones/fleet.yaml, k8s/deployment.yaml and service.yaml,
// docker-compose.yaml, grafana/arena.json) and of the tests that check them
// against the gameserver they run: ports, probes, grace periods, users, and
// that every flag they pass is one the gameserver has.
package deploy
