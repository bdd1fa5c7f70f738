package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

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
	c, ok := s.apiConsultation(w, r, lang)
	if !ok {
		return
	}
	sub, err := decodeSubmission(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSON(w, http.StatusRequestEntityTooLarge, apiError{Error: T(lang, "error.too_large", MaxBody>>10)})
			return
		}
		writeJSON(w, http.StatusBadRequest, apiError{Error: T(lang, "error.bad_request", err.Error())})
		return
	}
	if sub.Language == "" {
		sub.Language = lang
	}
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
		return nil, errors.New("more than one JSON value, or text after the JSON object")
	}
	return &sub, nil
}

// apiConsultation loads the consultation named in the URL, answering 404 when there is none.
func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request, lang string) (*store.Consultation, bool) {
	id := muxVar(r, "id")
	c, err := s.store.Consultation(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeJSON(w, http.StatusNotFound, apiError{Error: T(lang, "error.consultation_not_found", clip(id))})
		return nil, false
	case err != nil:
		s.fail(w, r, err)
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
	w.WriteHeader(status)
	w.Write(body)
	w.Write([]byte("\n"))
}
