package web

import "consulta/internal/survey"

func init() {
	for k, v := range childMessages {
		messages[k] = v
	}
}

// childMessages speak to children of 8 to 17 in words a 9-year-old understands.
var childMessages = map[string]survey.Label{
	"child.assent_title": {"es": "¡Hola! ¿Nos ayudas?", "en": "Hello! Will you help us?", "pt": "Olá! Você nos ajuda?"},
	"child.assent_why": {
		"es": "La municipalidad quiere saber qué piensan los niños, niñas y adolescentes, para mejorar el lugar donde viven.",
		"en": "The town council wants to know what children and teenagers think, to make the place where they live better.",
		"pt": "A prefeitura quer saber o que as crianças e os adolescentes pensam, para melhorar o lugar onde vivem."},
	"child.assent_no_names": {
		"es": "No te preguntamos tu nombre. Nadie sabrá qué respondiste tú.",
		"en": "We do not ask your name. Nobody will know what you answered.",
		"pt": "Não perguntamos o seu nome. Ninguém vai saber o que você respondeu."},
	"child.assent_skip": {
		"es": "Puedes saltar cualquier pregunta o parar cuando quieras. No pasa nada.",
		"en": "You can skip any question or stop whenever you want. That is fine.",
		"pt": "Você pode pular qualquer pergunta ou parar quando quiser. Tudo bem."},
	"child.assent_totals": {
		"es": "La municipalidad solo ve cuántos niños y niñas dijeron cada cosa.",
		"en": "The council only sees how many children said each thing.",
		"pt": "A prefeitura só vê quantas crianças disseram cada coisa."},
	"child.no_thanks":     {"es": "No quiero participar", "en": "I don't want to take part", "pt": "Não quero participar"},
	"child.yes_start":     {"es": "Sí, quiero empezar", "en": "Yes, let's start", "pt": "Sim, quero começar"},
	"child.read_aloud":    {"es": "Escuchar", "en": "Listen", "pt": "Ouvir"},
	"child.skip":          {"es": "No quiero responder", "en": "I don't want to answer", "pt": "Não quero responder"},
	"child.stop":          {"es": "Terminar aquí", "en": "Stop here", "pt": "Parar aqui"},
	"child.stopped_title": {"es": "Está bien, gracias", "en": "That's fine, thank you", "pt": "Tudo bem, obrigado"},
	"child.stopped_body": {
		"es": "No guardamos ninguna de tus respuestas. Gracias por tu tiempo.",
		"en": "We did not keep any of your answers. Thank you for your time.",
		"pt": "Não guardamos nenhuma das suas respostas. Obrigado pelo seu tempo."},
}
