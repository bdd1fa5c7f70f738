package locale

// Plural forms, with CLDR's names.
const (
	One   = "one"
	Other = "other"
)

// Plural returns the plural form a count takes in the language: "1 sesión" but "2 sesiones".
// Spanish and English use "one" for 1 only; Portuguese (Brazil, as CLDR) for 0 and 1.
func (f Format) Plural(n int) string {
	if n == 1 || (f.Lang == "pt" && n == 0) {
		return One
	}
	return Other
}
