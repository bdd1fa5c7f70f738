package locale

// Text is one message in every language the interface speaks, keyed by language code.
type Text map[string]string

// In returns the message in lang, or in Spanish, the default, when lang has none.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t["es"]
}
