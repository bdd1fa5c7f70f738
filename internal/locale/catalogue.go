package locale

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// messages holds every message, keyed by its key; each messages_*.go file adds its own part.
var messages = map[string]Text{}

// singular holds the "one" form of messages that show a count ("1 sesión"); messages holds
// their other form ("2 sesiones").
var singular = map[string]Text{}

// add puts one catalogue file's messages into the catalogue; a key written twice is a mistake.
func add(part map[string]Text) {
	for k, v := range part {
		if _, ok := messages[k]; ok {
			panic("locale: message " + k + " written twice")
		}
		messages[k] = v
	}
}

// Count is a number of things shown in a message: T writes it the language's way ("1.204")
// and picks the message's "one" form when it is one in that language.
type Count int

// T returns the message for key in lang, formatted with args. A missing key shows itself, and
// a test checks that every key exists in every language. In a message with a "one" form, the
// first int or Count argument is its count: it chooses the form and is written the language's
// way, as every Count is.
func T(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m.In(lang)
	if len(args) == 0 {
		return s
	}
	f := For(lang)
	shown := args
	show := func(i int, n int) {
		if n > -1000 && n < 1000 {
			return // no separator to write: %d prints it as the language would
		}
		if &shown[0] == &args[0] {
			shown = slices.Clone(args) // the caller's slice stays as it was
		}
		shown[i] = number{f.Int(n)}
	}
	for i, a := range args {
		if n, ok := a.(Count); ok {
			show(i, int(n))
		}
	}
	if one, ok := singular[key]; ok {
		if i, n, ok := count(args); ok {
			show(i, n)
			if f.Plural(n) == One {
				s = one.In(lang)
			}
		}
	}
	return fmt.Sprintf(s, shown...)
}

// count is the first count among a message's arguments, and where it stands.
func count(args []any) (int, int, bool) {
	for i, a := range args {
		switch n := a.(type) {
		case Count:
			return i, int(n), true
		case int:
			return i, n, true
		}
	}
	return 0, 0, false
}

// number prints an already formatted count under %d, padded to the verb's width ("%9d").
type number struct{ s string }

func (n number) Format(st fmt.State, _ rune) {
	s := n.s
	if w, ok := st.Width(); ok && utf8.RuneCountInString(s) < w {
		pad := strings.Repeat(" ", w-utf8.RuneCountInString(s))
		if st.Flag('-') {
			s += pad
		} else {
			s = pad + s
		}
	}
	io.WriteString(st, s)
}

// Message returns a message in every language, for a survey or a sheet that carries them all.
func Message(key string) Text {
	return messages[key]
}

// Has reports whether the catalogue has a message for key.
func Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// Keys returns the keys that start with prefix, sorted: the words a script needs are those
// under "js.", and no list of them is kept by hand.
func Keys(prefix string) []string {
	var keys []string
	for k := range messages {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// addOne puts the "one" forms of count messages into the catalogue.
func addOne(part map[string]Text) {
	for k, v := range part {
		singular[k] = v
	}
}

// Prefixed returns the messages whose key starts with prefix, keyed by the rest of the key: a
// package that names its messages by code ("yaml", "not_mapping") reads its part this way.
func Prefixed(prefix string) map[string]Text {
	part := map[string]Text{}
	for k, v := range messages {
		if code, ok := strings.CutPrefix(k, prefix); ok {
			part[code] = v
		}
	}
	return part
}

// Words returns, for each language, the messages under the prefixes: what a page hands its
// scripts in its one JSON island of words. The prefixes choose the keys; no list is kept by hand.
func Words(langs []string, prefixes ...string) map[string]map[string]string {
	var keys []string
	for _, p := range prefixes {
		keys = append(keys, Keys(p)...)
	}
	out := make(map[string]map[string]string, len(langs))
	for _, l := range langs {
		words := make(map[string]string, len(keys))
		for _, k := range keys {
			words[k] = messages[k].In(l)
		}
		out[l] = words
	}
	return out
}
