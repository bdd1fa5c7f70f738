package web

import (
	"log/slog"
	"net/http"
	"time"
)

// Timeouts bound how long a client may take, so a slow or stalled one cannot hold the server.
var Timeouts = struct{ ReadHeader, Read, Write, Idle time.Duration }{
	ReadHeader: 10 * time.Second, Read: 30 * time.Second, Write: 60 * time.Second, Idle: 120 * time.Second,
}

// HTTPServer returns the server Consulta runs: its routes, timeouts and header limit.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: Timeouts.ReadHeader,
		ReadTimeout:       Timeouts.Read,
		WriteTimeout:      Timeouts.Write,
		IdleTimeout:       Timeouts.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
