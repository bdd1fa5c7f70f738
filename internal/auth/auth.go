// Package auth hashes passwords and API tokens. It owns no storage and no HTTP:
// the store keeps only what this package produces, never a secret that works.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// MinPassword is the shortest password accepted, in characters.
const MinPassword = 10

// ErrShortPassword says a password is shorter than MinPassword.
var ErrShortPassword = errors.New("password too short")

// HashPassword returns a bcrypt hash of a password long enough to keep.
func HashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPassword {
		return "", ErrShortPassword
	}
	if len(password) > 72 {
		return "", errors.New("password longer than 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(h), err
}

// dummyHash is compared against when an account does not exist, so both cases take as long.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("consulta-no-such-account"), bcrypt.DefaultCost)

// CheckPassword reports whether password matches hash; an empty hash still costs a comparison.
func CheckPassword(hash, password string) bool {
	if hash == "" {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// NewPassword returns a random password that is easy to read aloud and type on a tablet.
func NewPassword() string {
	const letters = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 15)
	rand.Read(b)
	var out strings.Builder
	for i, c := range b {
		if i > 0 && i%5 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(letters[int(c)%len(letters)])
	}
	return out.String()
}

// TokenPrefix marks Consulta API tokens, so a leaked one is recognisable.
const TokenPrefix = "cst_"

// NewToken returns a new API token and the hash to store for it.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is what the store keeps and looks tokens up by.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewSecret returns n random bytes, for cookie keys and one-time links.
func NewSecret(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
