# Arena: `make run` builds the browser client and starts the server on :8080;
# `make test` installs what the tests need (make deps) and runs them all.

GO        ?= go
PORT      ?= 8080
BIN       := bin
STATIC    := server/web/static
WASM      := $(STATIC)/game.wasm
WASM_EXEC := $(STATIC)/wasm_exec.js
FUZZTIME  ?= 10s

# Debian packages: the Ebiten desktop build (cgo, X11, GL, ALSA), Xvfb for the
# desktop test, Chromium for the browser test, redis-server for the cluster tests.
DEB_PKGS := gcc pkg-config libx11-dev libxrandr-dev libxcursor-dev libxinerama-dev \
            libxi-dev libxxf86vm-dev libgl1-mesa-dev libgl1-mesa-dri libasound2-dev \
            xvfb xauth x11-apps chromium fonts-dejavu-core redis-server

# Packages that must build without cgo, a display or Ebiten.
HEADLESS_PKGS := ./game/... ./netcode/... ./server/... ./client ./client/bot/... ./client/cmd/gamebot/...
# Packages the browser client compiles.
WASM_PKGS := ./game/... ./netcode/... ./client/... ./assets/...

BOTS       ?= 200
SWARM_TIME ?= 30s
SWARM_PORT ?= 18095
SWARM_ARGS ?=
SOAK_MINUTES ?= 10
SOAK_BOTS    ?= 200
# make bench: bench bots per swarm run (a list runs each: N="250 500 1000"),
# the steady window measured, BENCH_GO=0 to skip the Go benchmarks.
N            ?= 500
BENCH_WINDOW ?= 20s
BENCH_GO     ?= 1
BENCH_ARGS   ?=

.PHONY: run server build wasm deps test lint fuzz fuzz-short bench swarm soak clean

## run: build the WASM client and the server, start the server on :$(PORT)
run: server
	./$(BIN)/gameserver -port $(PORT)

## server: the server binary with the web client embedded (no cgo needed)
server: wasm
	CGO_ENABLED=0 $(GO) build -o $(BIN)/gameserver ./server/cmd/gameserver

## build: every binary (the desktop client needs `make deps` first)
build: server
	$(GO) build -o $(BIN)/gamebot ./client/cmd/gamebot
	$(GO) build -o $(BIN)/gameclient ./client/cmd/gameclient

## wasm: the browser client, copied beside index.html for the server to embed,
## with its precompressed copies (game.wasm.br, .gz and .sha256) that the
## server sends by Accept-Encoding (brotli at best quality takes a minute; an
## unchanged game.wasm keeps its copies)
wasm:
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(WASM_EXEC)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM) ./client/cmd/gameclient
	$(GO) run ./server/web/precompress $(WASM)

## deps: install the Debian packages the tests and the desktop build need
deps:
	@missing=""; \
	if ! command -v dpkg >/dev/null 2>&1; then \
	  echo "deps: not a Debian system; install the equivalents of: $(DEB_PKGS)"; exit 1; fi; \
	for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: Debian packages present"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "deps: missing Debian packages:$$missing"; \
	       echo "deps: install them with: sudo apt-get install -y --no-install-recommends$$missing"; exit 1; fi; \
	  echo "deps: installing$$missing"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
	$(GO) mod download

## lint: gofmt, go vet (native and wasm), the Ebiten dependency rule, and
## client/ui seeing the Session, never the wire (no arena/netcode import)
lint:
	@out=$$(gofmt -l game netcode server client assets); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $(WASM_PKGS)
	@for p in $(HEADLESS_PKGS); do \
	  if $(GO) list -deps $$p | grep -q 'hajimehoshi/ebiten'; then \
	    echo "lint: $$p depends on Ebiten; only client/ui may"; exit 1; fi; \
	done; echo "lint: only client/ui depends on Ebiten"
	@imports='{{join .Imports "\n"}}{{"\n"}}{{join .TestImports "\n"}}{{"\n"}}{{join .XTestImports "\n"}}'; \
	native=$$($(GO) list -f "$$imports" ./client/ui/...) && \
	wasm=$$(GOOS=js GOARCH=wasm $(GO) list -f "$$imports" ./client/ui/...) || exit 1; \
	if printf '%s\n%s\n' "$$native" "$$wasm" | grep -q '^arena/netcode'; then \
	  echo "lint: client/ui imports arena/netcode; it must use package client's types"; exit 1; fi; \
	echo "lint: client/ui does not import arena/netcode"

## test: everything, including the browser and desktop end-to-end tests
test: deps lint wasm
	ARENA_E2E=1 ARENA_REQUIRE_REDIS=1 $(GO) test -race -count=1 -p 1 -timeout 15m ./...
	$(MAKE) fuzz-short

## fuzz-short: each fuzz target for $(FUZZTIME)
fuzz-short:
	@for t in $$($(GO) test -list '^Fuzz' ./netcode/ | grep '^Fuzz'); do \
	  echo "fuzz $$t for $(FUZZTIME)"; \
	  $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./netcode/ || exit 1; \
	done

## fuzz: every fuzz target of every package for FUZZTIME each (1m unless
## given), a summary line per target; fails if any finds a crasher (which Go
## then writes to the package's testdata/fuzz/<Target>/). Not in `make test`.
fuzz: FUZZ_EACH = $(if $(filter file,$(origin FUZZTIME)),1m,$(FUZZTIME))
fuzz:
	@failed=0; n=0; \
	for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
	  list=$$($(GO) test -list '^Fuzz' $$dir 2>&1) || { \
	    failed=$$((failed+1)); echo "$$list"; echo "fuzz $$dir: FAILED to build"; continue; }; \
	  for t in $$(echo "$$list" | grep '^Fuzz'); do \
	    n=$$((n+1)); \
	    out=$$($(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZ_EACH) -fuzzminimizetime=5s $$dir 2>&1); \
	    if [ $$? -eq 0 ]; then \
	      echo "fuzz $$dir $$t: ok for $(FUZZ_EACH): $$(echo "$$out" | grep '^fuzz: elapsed' | tail -1 | sed 's/^fuzz: //')"; \
	    else \
	      failed=$$((failed+1)); echo "$$out"; echo "fuzz $$dir $$t: FAILED (crasher above)"; \
	    fi; \
	  done; \
	done; \
	echo "fuzz: $$n targets, $$failed failed"; [ $$failed -eq 0 ]

## bench: the hot-path benchmarks, allocations included (snapshot delivery and
## receipt go through real loopback WebSockets; BENCH_GO=0 skips them), then
## for each N a swarm of N bench bots against the real gameserver -mode bench,
## measured over BENCH_WINDOW: one JSON line per run (client/bot/bench)
bench:
	@if [ "$(BENCH_GO)" != 0 ]; then \
	  $(GO) test -run='^$$' -bench=. -benchmem ./game/ ./netcode/ ./server/ ./client/ || exit 1; fi
	@mkdir -p $(BIN) && $(GO) build -o $(BIN)/bench ./client/bot/bench && \
	CGO_ENABLED=0 $(GO) build -o $(BIN)/gameserver-bench ./server/cmd/gameserver || exit 1; \
	for n in $(N); do \
	  ./$(BIN)/bench -gameserver $(BIN)/gameserver-bench -bots $$n -window $(BENCH_WINDOW) $(BENCH_ARGS) || exit 1; \
	done

## swarm: $(BOTS) bots for $(SWARM_TIME) against a fresh local server, with the
## server's CPU and RSS from /proc in the JSON report (SWARM_ARGS=-idle: idle players)
swarm: server
	$(GO) build -o $(BIN)/gamebot ./client/cmd/gamebot
	@./$(BIN)/gameserver -port $(SWARM_PORT) -log-format json 2>/dev/null & pid=$$!; sleep 1; \
	./$(BIN)/gamebot -server ws://127.0.0.1:$(SWARM_PORT)/ws -bots $(BOTS) -duration $(SWARM_TIME) \
	  -server-pid $$pid -json $(SWARM_ARGS); rc=$$?; kill $$pid; wait $$pid 2>/dev/null; exit $$rc

## soak: the real server under churn for $(SOAK_MINUTES) minutes (after a
## warm-up): $(SOAK_BOTS) bots joining, leaving, cut and resuming, hostile
## clients re-spawning; prints the server's heap, goroutines and RSS at the
## start and the end and fails if they grew past a few percent. Not in `make test`.
soak:
	$(GO) test ./client/bot/soak/ -run '^TestSoak$$' -count=1 -v -timeout 24h \
	  -args -soak -soak-minutes=$(SOAK_MINUTES) -soak-bots=$(SOAK_BOTS)

clean:
	rm -rf $(BIN) $(WASM) $(WASM).br $(WASM).gz $(WASM).sha256 $(WASM_EXEC)
