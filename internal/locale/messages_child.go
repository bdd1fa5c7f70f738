package locale

func init() {
	add(childMessages)
}

// childMessages speak to children of 8 to 17 in words a 9-year-old understands.
var childMessages = map[string]Text{
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
		"es": "La municipalidad ve cuántos niños y niñas dijeron cada cosa. Si escribes un mensaje, lo lee el equipo de la municipalidad, sin saber quién eres.",
		"en": "The council sees how many children said each thing. If you write a message, the council's team reads it, without knowing who you are.",
		"pt": "A prefeitura vê quantas crianças disseram cada coisa. Se você escrever uma mensagem, a equipe da prefeitura lê, sem saber quem você é."},
	"child.no_thanks":   {"es": "No quiero participar", "en": "I don't want to take part", "pt": "Não quero participar"},
	"child.yes_start":   {"es": "Sí, quiero empezar", "en": "Yes, let's start", "pt": "Sim, quero começar"},
	"child.read_aloud":  {"es": "Escuchar", "en": "Listen", "pt": "Ouvir"},
	"child.skip":        {"es": "No quiero responder", "en": "I don't want to answer", "pt": "Não quero responder"},
	"child.stop":        {"es": "Terminar aquí", "en": "Stop here", "pt": "Parar aqui"},
	"child.choose_many": {"es": "Puedes elegir varias.", "en": "You can pick more than one.", "pt": "Você pode escolher várias."},
	"child.rank_help": {
		"es": "Toca %d, en orden: primero lo más importante.",
		"en": "Tap %d, in order: the most important first.",
		"pt": "Toque em %d, em ordem: primeiro o mais importante."},
	"child.no_names": {
		"es": "No escribas tu nombre ni el de otras personas.",
		"en": "Do not write your name or anyone else's.",
		"pt": "Não escreva o seu nome nem o de outras pessoas."},
	"child.thanks_body": {
		"es": "¡Gracias por ayudarnos! Guardamos lo que dijiste, sin tu nombre. La municipalidad verá cuántos niños y niñas dijeron cada cosa, y el equipo de la municipalidad leerá los mensajes escritos, sin saber quién los escribió.",
		"en": "Thank you for helping us! We kept what you said, without your name. The council will see how many children said each thing, and its team will read the written messages, without knowing who wrote them.",
		"pt": "Obrigado por nos ajudar! Guardamos o que você disse, sem o seu nome. A prefeitura verá quantas crianças disseram cada coisa, e a equipe dela vai ler as mensagens escritas, sem saber quem as escreveu."},
	"child.thanks_worry": {
		"es": "Si algo te preocupa o te hace sentir mal, puedes contárselo a la persona que te dio la tablet o a una persona adulta de confianza.",
		"en": "If something is worrying you or making you feel bad, you can tell the person who gave you the tablet or a grown-up you trust.",
		"pt": "Se alguma coisa está preocupando você ou fazendo você se sentir mal, pode contar para a pessoa que te deu o tablet ou para um adulto de confiança."},
	"child.stopped_title": {"es": "Está bien, gracias", "en": "That's fine, thank you", "pt": "Tudo bem, obrigado"},
	"child.stopped_body": {
		"es": "No guardamos ninguna de tus respuestas. Gracias por tu tiempo.",
		"en": "We did not keep any of your answers. Thank you for your time.",
		"pt": "Não guardamos nenhuma das suas respostas. Obrigado pelo seu tempo."},
}

func init() {
	add(heardMessages)
}

// heardMessages are the words of the public "what we heard" page, with a version for children.
var heardMessages = map[string]Text{
	"heard.title":           {"es": "Lo que escuchamos", "en": "What we heard", "pt": "O que ouvimos"},
	"heard.title_child":     {"es": "Lo que nos dijeron los niños, niñas y adolescentes", "en": "What children and teenagers told us", "pt": "O que as crianças e os adolescentes nos disseram"},
	"heard.took_part":       {"es": "Participaron %s personas.", "en": "%s people took part.", "pt": "Participaram %s pessoas."},
	"heard.took_part_child": {"es": "¡%s niños, niñas y adolescentes nos dijeron lo que piensan!", "en": "%s children and teenagers told us what they think!", "pt": "%s crianças e adolescentes nos disseram o que pensam!"},
	"heard.share":           {"es": "(%s de quienes respondieron)", "en": "(%s of those who answered)", "pt": "(%s de quem respondeu)"},
	"heard.share_child":     {"es": "lo eligieron %s", "en": "%s chose this", "pt": "%s escolheram isto"},
	"heard.too_few": {
		"es": "Todavía hay muy pocas respuestas para mostrar resultados sin poner en riesgo a nadie.",
		"en": "There are still too few answers to show results without putting anyone at risk.",
		"pt": "Ainda há poucas respostas para mostrar resultados sem colocar ninguém em risco."},
	"heard.what_next":  {"es": "Qué hará la municipalidad", "en": "What the council will do", "pt": "O que a prefeitura vai fazer"},
	"heard.no_promise": {"es": "La municipalidad contará pronto qué hará con estas respuestas.", "en": "The council will soon say what it will do with these answers.", "pt": "A prefeitura contará em breve o que fará com estas respostas."},
	"heard.privacy": {
		"es": "Solo mostramos totales. Los números están ligeramente ajustados y los pequeños se ocultan para que nadie pueda ser reconocido, así que pueden no sumar exactamente.",
		"en": "We only show totals. Numbers are slightly adjusted and small ones hidden so nobody can be recognised, so they may not add up exactly.",
		"pt": "Só mostramos totais. Os números são ligeiramente ajustados e os pequenos ocultados para que ninguém possa ser reconhecido, por isso podem não somar exatamente."},
	"heard.edit":      {"es": "Qué hará la municipalidad (página pública «Lo que escuchamos»)", "en": "What the council will do (public \"What we heard\" page)", "pt": "O que a prefeitura vai fazer (página pública \"O que ouvimos\")"},
	"heard.edit_help": {"es": "Una o dos frases sencillas en cada idioma. Se publican tal cual.", "en": "One or two simple sentences in each language. They are published as written.", "pt": "Uma ou duas frases simples em cada idioma. São publicadas como escritas."},
	"heard.open":      {"es": "Ver la página pública", "en": "See the public page", "pt": "Ver a página pública"},
}
