package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"consulta/internal/store"
)

type apiError struct {
	Error  string       `json:"error,omitempty"`
	Errors []fieldError `json:"errors,omitempty"`
}

// apiResponseCreate stores one response: 201 new, 200 identical replay, 409 conflict or closed,
// 422 invalid answers, 413 too large, 404 unknown consultation.
func (s *Server) apiResponseCreate(w http.ResponseWriter, r *http.Request) {
	lang := pickLanguage(r)
	// An open consultation may be one read up to a second ago (store.ConsultationToAnswer says why).
	c, ok := s.apiConsultation(w, r, s.store.ConsultationToAnswer)
	if !ok {
		return
	}
	sub, err := decodeSubmission(r.Body)
	if err != nil {
		status, msg := readError(lang, err)
		if status == http.StatusBadRequest || status == http.StatusRequestTimeout {
			s.log.Info("unreadable submission", "path", r.URL.Path, "err", err)
		}
		writeJSON(w, status, apiError{Error: msg})
		return
	}
	if sub.Language == "" {
		sub.Language = lang
	}
	sub.KioskKey = r.Header.Get(kioskKeyHeader)
	out, err := s.accept(r.Context(), c, sub, nil, store.Link)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msgLang := sub.Language
	switch out.status {
	case http.StatusCreated, http.StatusOK:
		writeJSON(w, out.status, map[string]string{"id": sub.ID, "status": map[int]string{201: "created", 200: "already stored"}[out.status]})
	case http.StatusUnprocessableEntity:
		writeJSON(w, out.status, apiError{Errors: out.errors})
	default:
		writeJSON(w, out.status, apiError{Error: T(msgLang, out.key, out.args...)})
	}
}

// decodeSubmission reads exactly one JSON object with only the known fields.
func decodeSubmission(body io.Reader) (*Submission, error) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var sub Submission
	if err := dec.Decode(&sub); err != nil {
		return nil, err
	}
	if rest := bytes.TrimSpace(raw[dec.InputOffset():]); len(rest) > 0 {
		return nil, errTrailing
	}
	return &sub, nil
}

// apiConsultation loads the consultation named in the URL with read, answering 404 when there is none.
func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request,
	read func(context.Context, string) (*store.Consultation, error)) (*store.Consultation, bool) {
	id := muxVar(r, "id")
	c, err := read(r.Context(), id)
	if err != nil {
		s.answerMissing(w, r, err, "error.consultation_not_found", clip(id))
		return nil, false
	}
	return c, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(status)
	w.Write(body)
	w.Write([]byte("\n"))
}

// readError turns why a body could not be read into a status and a message that says what is
// wrong in the user's language, without Go's internal wording.
func readError(lang string, err error) (int, string) {
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	var netErr net.Error
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, T(lang, "error.too_large", MaxBody>>10)
	case errors.As(err, &netErr) && netErr.Timeout():
		return http.StatusRequestTimeout, T(lang, "error.too_slow")
	case errors.Is(err, io.EOF):
		return http.StatusBadRequest, T(lang, "error.empty_body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return http.StatusBadRequest, T(lang, "error.json_cut")
	case errors.As(err, &syntax):
		return http.StatusBadRequest, T(lang, "error.json_syntax", syntax.Offset)
	case errors.As(err, &wrongType) && wrongType.Field == "":
		return http.StatusBadRequest, T(lang, "error.bad_request", T(lang, "error.json_object"))
	case errors.As(err, &wrongType):
		return http.StatusBadRequest, T(lang, "error.json_type", clip(wrongType.Field), jsonKind(wrongType.Type.Kind()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return http.StatusBadRequest, T(lang, "error.json_unknown_field", clip(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)))
	case errors.Is(err, errTrailing):
		return http.StatusBadRequest, T(lang, "error.json_trailing")
	}
	return http.StatusBadRequest, T(lang, "error.bad_request", T(lang, "error.json_object"))
}

func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "string"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Slice:
		return "array"
	}
	return k.String()
}

var errTrailing = errors.New("more than one JSON value, or text after the JSON object")
