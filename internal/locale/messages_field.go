package locale

func init() {
	add(fieldMessages)
}

// fieldMessages are the words a field test found missing or wrong: adults stopping a survey,
// the last screen, the kiosk hand-over, paper entry and the facilitator's notes.
var fieldMessages = map[string]Text{
	"survey.stop":   {"es": "Dejar la encuesta", "en": "Stop the survey", "pt": "Parar a pesquisa"},
	"stopped.title": {"es": "Está bien, gracias", "en": "That is fine, thank you", "pt": "Tudo bem, obrigado"},
	"stopped.body": {
		"es": "No guardamos ninguna de sus respuestas. Gracias por su tiempo.",
		"en": "None of your answers were kept. Thank you for your time.",
		"pt": "Não guardamos nenhuma das suas respostas. Obrigado pelo seu tempo."},
	"staff.idle_title": {"es": "Tabletas en modo quiosco", "en": "Tablets in kiosk mode", "pt": "Tablets em modo quiosque"},
	"survey.send_note": {
		"es": "Sus respuestas todavía no se han enviado. Toque «Enviar respuestas» para enviarlas.",
		"en": "Your answers have not been sent yet. Tap \"Send answers\" to send them.",
		"pt": "Suas respostas ainda não foram enviadas. Toque em \"Enviar respostas\" para enviá-las."},
	"child.send_note": {
		"es": "Todavía no hemos recibido tus respuestas. Toca «Enviar respuestas» para mandarlas.",
		"en": "We have not got your answers yet. Tap \"Send answers\" to send them.",
		"pt": "Ainda não recebemos as suas respostas. Toque em \"Enviar respostas\" para mandá-las."},
	"kiosk.consent_needed": {
		"es": "Antes de pasar la tablet a niñas, niños y adolescentes, marque que sus madres, padres o tutores dieron su consentimiento (arriba) y guárdelo.",
		"en": "Before handing the tablet to children, tick that their parents or guardians gave consent (above) and save it.",
		"pt": "Antes de passar o tablet para crianças e adolescentes, marque que os responsáveis deram consentimento (acima) e salve."},
	"session.count_caption": {
		"es": "Respuestas de esta sesión por grupo y género (total %d)",
		"en": "Responses in this session by group and gender (total %d)",
		"pt": "Respostas desta sessão por grupo e gênero (total %d)"},
	"session.progress": {
		"es": "Toda la consulta: avance hacia las metas",
		"en": "The whole consultation: progress towards its targets",
		"pt": "Toda a consulta: avanço rumo às metas"},
	"survey.error_in":     {"es": "Pregunta «%s»", "en": "Question \"%s\"", "pt": "Pergunta «%s»"},
	"survey.clear_answer": {"es": "Borrar respuesta", "en": "Clear answer", "pt": "Apagar resposta"},
	"paper.left_out": {
		"es": "Estas respuestas del papel no se guardaron, porque según las respuestas anteriores esas preguntas no correspondían:",
		"en": "These answers on the paper were left out, because given the earlier answers those questions did not apply:",
		"pt": "Estas respostas do papel não foram guardadas, porque segundo as respostas anteriores essas perguntas não se aplicavam:"},
	"survey.progress_about": {"es": "Pregunta %d de unas %d", "en": "Question %d of about %d", "pt": "Pergunta %d de cerca de %d"},
	"child.kiosk_welcome": {
		"es": "¡Hola! No te preguntamos tu nombre. Puedes saltar las preguntas que quieras o terminar cuando quieras.",
		"en": "Hello! We do not ask your name. You can skip any question or stop whenever you want.",
		"pt": "Oi! Não perguntamos o seu nome. Você pode pular as perguntas que quiser ou parar quando quiser."},
	"child.kiosk_pass_on": {
		"es": "Ahora devuelve la tablet a la persona que te la dio.",
		"en": "Now give the tablet back to the person who gave it to you.",
		"pt": "Agora devolva o tablet para a pessoa que te deu."},
	"child.skip_cleared": {
		"es": "Borramos tu respuesta. Si no quieres responder, toca otra vez «No quiero responder».",
		"en": "We cleared your answer. If you don't want to answer, tap \"I don't want to answer\" again.",
		"pt": "Apagamos a sua resposta. Se não quiser responder, toque de novo em \"Não quero responder\"."},
	"staff.wording": {"es": "Título y descripción para el público", "en": "Title and description for the public", "pt": "Título e descrição para o público"},
	"staff.wording_help": {
		"es": "El público lee el título y la descripción en su idioma; donde falte una traducción, ve el título principal.",
		"en": "The public reads the title and description in their language; where a translation is missing, they see the main title.",
		"pt": "O público lê o título e a descrição no seu idioma; onde faltar uma tradução, vê o título principal."},
	"staff.title_in":       {"es": "Título en %s", "en": "Title in %s", "pt": "Título em %s"},
	"staff.description_in": {"es": "Descripción en %s (opcional)", "en": "Description in %s (optional)", "pt": "Descrição em %s (opcional)"},
	"session.no_voice": {
		"es": "Esta tableta no tiene voz para leer en voz alta en: %s. El botón «Escuchar» no aparecerá en ese idioma: lea usted las preguntas en voz alta a quien lo necesite.",
		"en": "This tablet has no voice to read aloud in: %s. The \"Listen\" button will not show in that language: read the questions aloud yourself to anyone who needs it.",
		"pt": "Este tablet não tem voz para ler em voz alta em: %s. O botão \"Ouvir\" não vai aparecer nesse idioma: leia você as perguntas em voz alta para quem precisar."},
}
