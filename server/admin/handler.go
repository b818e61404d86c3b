package admin

import (
	"embed"
	"encoding/json"
	"net/http"
	"net/http/pprof"

	"arena/server"
	"arena/server/prom"
)

//go:embed static/index.html
var static embed.FS

// Handler returns the admin interface of srv:
//
//	/              the live admin page (HTML, polls /stats.json)
//	/stats.json    the page's feed (Stats)
//	/metrics       Prometheus metrics (package prom, with Go and process collectors)
//	/debug/pprof/  Go's profiler
//
// Serve it only on a private listener: the profiler and the metrics say
// much about the process, and a profile costs CPU.
func Handler(srv *server.Server) http.Handler {
	feed := newSampler(srv)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, static, "static/index.html")
	})
	mux.HandleFunc("GET /stats.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(feed.stats())
	})
	mux.Handle("GET /metrics", prom.Handler(prom.NewRegistry(srv)))
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
