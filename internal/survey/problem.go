package survey

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a survey file: where it is and what is wrong.
type Problem struct {
	File     string
	Line     int
	Question string
	Code     string
	Args     []any
}

// Message says what is wrong in lang (es, en or pt), prefixed by file:line and question id.
func (p Problem) Message(lang string) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Question != "" {
		fmt.Fprintf(&b, "%s %q: ", problemText["question"].In(lang), p.Question)
	}
	b.WriteString(p.Text(lang))
	return b.String()
}

// Text says what is wrong in lang, without the location.
func (p Problem) Text(lang string) string {
	format, ok := problemText[p.Code]
	if !ok {
		return p.Code
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if e, ok := a.(*ExprError); ok {
			args[i] = e.Message(lang)
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(format.In(lang), args...)
}

func (p Problem) Error() string { return p.Message("en") }

// Problems is every problem found while loading; it is an error when not empty.
type Problems []Problem

func (ps Problems) Error() string { return ps.Message("en") }

// Message lists every problem, one per line, in lang.
func (ps Problems) Message(lang string) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Message(lang)
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there is no problem.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

var problemText = map[string]Label{
	"question": {"es": "pregunta", "en": "question", "pt": "pergunta"},
	"yaml": {
		"es": "el archivo no es YAML válido: %s",
		"en": "the file is not valid YAML: %s",
		"pt": "o arquivo não é YAML válido: %s"},
	"not_mapping": {
		"es": "se esperaba un mapa de claves y valores",
		"en": "expected a mapping of keys to values",
		"pt": "esperava-se um mapa de chaves e valores"},
	"not_list": {
		"es": "%q debe ser una lista",
		"en": "%q must be a list",
		"pt": "%q deve ser uma lista"},
	"unknown_key": {
		"es": "clave desconocida %q",
		"en": "unknown key %q",
		"pt": "chave desconhecida %q"},
	"missing": {
		"es": "falta %q",
		"en": "%q is missing",
		"pt": "falta %q"},
	"bad_id": {
		"es": "el id %q no es válido: use minúsculas, cifras y _ y empiece por una letra",
		"en": "id %q is not valid: use lowercase letters, digits and _, starting with a letter",
		"pt": "o id %q não é válido: use minúsculas, dígitos e _, começando por uma letra"},
	"unknown_type": {
		"es": "tipo desconocido %q; los tipos son: %s",
		"en": "unknown type %q; the types are: %s",
		"pt": "tipo desconhecido %q; os tipos são: %s"},
	"duplicate_question": {
		"es": "id repetido: ya hay una pregunta %q en la línea %d",
		"en": "duplicate id: there is already a question %q at line %d",
		"pt": "id repetido: já existe uma pergunta %q na linha %d"},
	"duplicate_profile": {
		"es": "el id %q es de una pregunta de perfil estándar; use otro",
		"en": "id %q belongs to a standard profile question; use another",
		"pt": "o id %q é de uma pergunta de perfil padrão; use outro"},
	"duplicate_choice": {
		"es": "la opción %q está repetida",
		"en": "choice %q is repeated",
		"pt": "a opção %q está repetida"},
	"unknown_list": {
		"es": "la lista de opciones %q no existe",
		"en": "choice list %q does not exist",
		"pt": "a lista de opções %q não existe"},
	"needs_choices": {
		"es": "una pregunta %s necesita opciones",
		"en": "a %s question needs choices",
		"pt": "uma pergunta %s precisa de opções"},
	"no_choices": {
		"es": "una pregunta %s no lleva opciones",
		"en": "a %s question takes no choices",
		"pt": "uma pergunta %s não leva opções"},
	"missing_label": {
		"es": "%s: falta el texto en %q",
		"en": "%s: the text in %q is missing",
		"pt": "%s: falta o texto em %q"},
	"unknown_language": {
		"es": "idioma %q no admitido; use es, en o pt",
		"en": "language %q is not supported; use es, en or pt",
		"pt": "idioma %q não suportado; use es, en ou pt"},
	"default_language": {
		"es": "el idioma por defecto %q no está en languages",
		"en": "default language %q is not in languages",
		"pt": "o idioma padrão %q não está em languages"},
	"audience": {
		"es": "audience debe ser adult o child, no %q",
		"en": "audience must be adult or child, not %q",
		"pt": "audience deve ser adult ou child, não %q"},
	"unknown_profile": {
		"es": "pregunta de perfil desconocida %q; use group, gender, age_band o disability",
		"en": "unknown profile question %q; use group, gender, age_band or disability",
		"pt": "pergunta de perfil desconhecida %q; use group, gender, age_band ou disability"},
	"rank_size": {
		"es": "rank es %d pero la lista solo tiene %d opciones",
		"en": "rank is %d but the list has only %d choices",
		"pt": "rank é %d mas a lista tem só %d opções"},
	"rank_missing": {
		"es": "una pregunta rank necesita rank: cuántas opciones ordenar (1 o más)",
		"en": "a rank question needs rank: how many choices to order (1 or more)",
		"pt": "uma pergunta rank precisa de rank: quantas opções ordenar (1 ou mais)"},
	"points": {
		"es": "una escala tiene 3 o 5 puntos, no %d",
		"en": "a scale has 3 or 5 points, not %d",
		"pt": "uma escala tem 3 ou 5 pontos, não %d"},
	"max_length": {
		"es": "max_length debe ser mayor que 0",
		"en": "max_length must be greater than 0",
		"pt": "max_length deve ser maior que 0"},
	"min_max": {
		"es": "min (%d) es mayor que max (%d)",
		"en": "min (%d) is greater than max (%d)",
		"pt": "min (%d) é maior que max (%d)"},
	"field_type": {
		"es": "%q solo vale para preguntas %s",
		"en": "%q only applies to %s questions",
		"pt": "%q só vale para perguntas %s"},
	"bad_value": {
		"es": "%q: valor no válido %q (%s)",
		"en": "%q: invalid value %q (%s)",
		"pt": "%q: valor inválido %q (%s)"},
	"relevant_parse": {
		"es": "relevant no se puede leer: %s",
		"en": "relevant does not parse: %s",
		"pt": "relevant não pode ser lido: %s"},
	"relevant_unknown": {
		"es": "relevant menciona ${%s}, que no es una pregunta de esta encuesta",
		"en": "relevant refers to ${%s}, which is not a question of this survey",
		"pt": "relevant menciona ${%s}, que não é uma pergunta desta pesquisa"},
	"relevant_later": {
		"es": "relevant menciona ${%s}, que viene después; solo puede mencionar preguntas anteriores",
		"en": "relevant refers to ${%s}, which comes later; it may refer only to earlier questions",
		"pt": "relevant menciona ${%s}, que vem depois; só pode mencionar perguntas anteriores"},
	"variant_before_age": {
		"es": "variants: esta nota va antes de la pregunta de la edad, así que su versión por edad nunca se mostraría; escriba un solo texto para todas las edades",
		"en": "variants: this note comes before the age question, so its age wording would never show; write one text for every age",
		"pt": "variants: esta nota vem antes da pergunta da idade, então a versão por idade nunca apareceria; escreva um só texto para todas as idades"},
	"variant_band": {
		"es": "variants: %q no es una franja de edad (%s)",
		"en": "variants: %q is not an age band (%s)",
		"pt": "variants: %q não é uma faixa etária (%s)"},
	"duplicate_survey": {
		"es": "ya hay una encuesta con id %q en %s",
		"en": "there is already a survey with id %q in %s",
		"pt": "já existe uma pesquisa com id %q em %s"},
	"no_questions": {
		"es": "la encuesta no tiene preguntas",
		"en": "the survey has no questions",
		"pt": "a pesquisa não tem perguntas"},
	"duplicate_key": {
		"es": "la clave %q está repetida",
		"en": "key %q is repeated",
		"pt": "a chave %q está repetida"},
	"profile_twice": {
		"es": "la pregunta de perfil %q está dos veces en profile",
		"en": "profile question %q is listed twice in profile",
		"pt": "a pergunta de perfil %q está duas vezes em profile"},
	"read": {
		"es": "no se puede leer: %s",
		"en": "cannot be read: %s",
		"pt": "não pode ser lido: %s"},
}
