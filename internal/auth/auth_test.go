package auth

import (
	"strings"
	"testing"
)

func TestPasswords(t *testing.T) {
	if _, err := HashPassword("short"); err != ErrShortPassword {
		t.Errorf("a 5-character password: %v, want ErrShortPassword", err)
	}
	hash, err := HashPassword("contraseña-larga")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(hash, "contraseña") {
		t.Error("the hash contains the password")
	}
	if !CheckPassword(hash, "contraseña-larga") {
		t.Error("the right password is refused")
	}
	if CheckPassword(hash, "contraseña-larga ") || CheckPassword("", "contraseña-larga") {
		t.Error("a wrong password, or no account, is accepted")
	}
	if p := NewPassword(); len(p) != 17 || strings.Count(p, "-") != 2 {
		t.Errorf("generated password %q: want 15 letters in groups of 5", p)
	}
}

func TestTokens(t *testing.T) {
	token, hash := NewToken()
	other, _ := NewToken()
	if !strings.HasPrefix(token, TokenPrefix) || token == other {
		t.Errorf("tokens %q and %q: want distinct, prefixed %q", token, other, TokenPrefix)
	}
	if hash != HashToken(token) || hash == HashToken(other) || strings.Contains(hash, token) {
		t.Error("the stored hash must identify its token alone and not contain it")
	}
}
