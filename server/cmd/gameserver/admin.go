package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"arena/server"
	"arena/server/admin"
)

// startAdmin serves the admin listener when o asks for it (-admin-addr):
// the admin page, /metrics and /debug/pprof/ (package arena/server/admin);
// stop closes it.
func startAdmin(o adminOptions, srv *server.Server, log *slog.Logger) (stop func(), err error) {
	if o.addr == "" {
		return func() {}, nil
	}
	return serveAdmin(o.addr, srv, log, "admin")
}

// serveAdmin listens on addr and serves srv's admin interface there, as
// -admin-addr does (and -pprof, with what its name says logged).
func serveAdmin(addr string, srv *server.Server, log *slog.Logger, what string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s listen: %w", what, err)
	}
	hs := &http.Server{Handler: admin.Handler(srv), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error(what+" listener failed", "err", err)
		}
	}()
	base := "http://" + ln.Addr().String()
	log.Info(what, "url", base+"/", "metrics", base+"/metrics", "pprof", base+"/debug/pprof/")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx) // a profile in progress is cut at the deadline
		_ = hs.Close()
		<-done
	}, nil
}
