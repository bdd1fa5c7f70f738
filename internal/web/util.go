package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

func muxVar(r *http.Request, name string) string { return mux.Vars(r)[name] }

// clip keeps a value echoed back in a message short.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 40 {
		return s
	}
	return string(r[:40]) + "…"
}
