package locale

func init() {
	add(webMessages)
	for k, v := range singularWeb {
		singular[k] = v
	}
}

// singularWeb holds the "one" form of the count messages below.
var singularWeb = map[string]Text{
	"results.sessions_n": {"es": "%d sesión", "en": "%d session", "pt": "%d sessão"},
}

// webMessages are the words of the public pages, the survey and the errors a request gets.
var webMessages = map[string]Text{
	"app.name": {"es": "Consulta", "en": "Consulta", "pt": "Consulta"},
	// Each language's name in its own language, whatever the page's: the switcher and voices.js.
	"language.es": {"es": "Español", "en": "Español", "pt": "Español"},
	"language.en": {"es": "English", "en": "English", "pt": "English"},
	"language.pt": {"es": "Português", "en": "Português", "pt": "Português"},
	"app.tagline": {
		"es": "Consultas comunitarias y escucha a niñas, niños y adolescentes",
		"en": "Community consultations and listening to children and adolescents",
		"pt": "Consultas comunitárias e escuta de crianças e adolescentes"},
	"nav.skip":     {"es": "Saltar al contenido", "en": "Skip to content", "pt": "Pular para o conteúdo"},
	"nav.home":     {"es": "Inicio", "en": "Home", "pt": "Início"},
	"nav.language": {"es": "Idioma", "en": "Language", "pt": "Idioma"},
	"home.title":   {"es": "Consultas abiertas", "en": "Open consultations", "pt": "Consultas abertas"},
	"home.intro": {
		"es": "Elija una consulta para responder. Sus respuestas son anónimas: no preguntamos su nombre.",
		"en": "Choose a consultation to answer. Your answers are anonymous: we do not ask your name.",
		"pt": "Escolha uma consulta para responder. Suas respostas são anônimas: não perguntamos seu nome."},
	"home.none": {
		"es": "No hay consultas abiertas en este momento.",
		"en": "There are no open consultations at the moment.",
		"pt": "Não há consultas abertas no momento."},
	"home.answer":        {"es": "Responder", "en": "Answer", "pt": "Responder"},
	"home.for_children":  {"es": "Para niñas, niños y adolescentes", "en": "For children and adolescents", "pt": "Para crianças e adolescentes"},
	"home.for_adults":    {"es": "Para personas adultas", "en": "For adults", "pt": "Para pessoas adultas"},
	"survey.progress":    {"es": "Pregunta %d de %d", "en": "Question %d of %d", "pt": "Pergunta %d de %d"},
	"survey.next":        {"es": "Siguiente", "en": "Next", "pt": "Próxima"},
	"survey.back":        {"es": "Atrás", "en": "Back", "pt": "Voltar"},
	"survey.send":        {"es": "Enviar respuestas", "en": "Send answers", "pt": "Enviar respostas"},
	"survey.sending":     {"es": "Enviando…", "en": "Sending…", "pt": "Enviando…"},
	"survey.required":    {"es": "obligatoria", "en": "required", "pt": "obrigatória"},
	"survey.optional":    {"es": "opcional", "en": "optional", "pt": "opcional"},
	"survey.choose_many": {"es": "Puede marcar varias.", "en": "You can tick several.", "pt": "Você pode marcar várias."},
	"survey.rank_help": {
		"es": "Elija hasta %d, en orden: primero lo más importante.",
		"en": "Choose up to %d, in order: the most important first.",
		"pt": "Escolha até %d, em ordem: primeiro o mais importante."},
	"survey.rank_place":   {"es": "Lugar %d", "en": "Place %d", "pt": "Lugar %d"},
	"survey.rank_none":    {"es": "— sin elegir —", "en": "— not chosen —", "pt": "— sem escolher —"},
	"survey.rank_clear":   {"es": "Borrar el orden", "en": "Clear the order", "pt": "Limpar a ordem"},
	"survey.yes":          {"es": "Sí", "en": "Yes", "pt": "Sim"},
	"survey.no":           {"es": "No", "en": "No", "pt": "Não"},
	"survey.prefer_not":   {"es": "Prefiero no responder", "en": "I prefer not to answer", "pt": "Prefiro não responder"},
	"survey.scale_low":    {"es": "Nada", "en": "Not at all", "pt": "Nada"},
	"survey.scale_high":   {"es": "Mucho", "en": "Very much", "pt": "Muito"},
	"survey.number_range": {"es": "Entre %d y %d", "en": "Between %d and %d", "pt": "Entre %d e %d"},
	"survey.chars_max":    {"es": "Hasta %d caracteres.", "en": "Up to %d characters.", "pt": "Até %d caracteres."},
	"survey.no_names": {
		"es": "Por favor, no escriba nombres, teléfonos ni direcciones.",
		"en": "Please do not write names, phone numbers or addresses.",
		"pt": "Por favor, não escreva nomes, telefones nem endereços."},
	"survey.not_applicable": {
		"es": "Si esta pregunta no le corresponde por sus respuestas anteriores, déjela en blanco.",
		"en": "If this question does not apply to you given your earlier answers, leave it blank.",
		"pt": "Se esta pergunta não se aplica a você pelas respostas anteriores, deixe-a em branco."},
	"survey.errors_title": {
		"es": "Revise estas respuestas:",
		"en": "Please check these answers:",
		"pt": "Revise estas respostas:"},
	"survey.switch_language": {"es": "Cambiar idioma", "en": "Change language", "pt": "Mudar idioma"},
	"survey.offline_error": {
		"es": "No se pudo enviar. Revise la conexión e inténtelo otra vez; sus respuestas siguen aquí.",
		"en": "Could not send. Check the connection and try again; your answers are still here.",
		"pt": "Não foi possível enviar. Verifique a conexão e tente de novo; suas respostas continuam aqui."},
	"survey.closed": {
		"es": "Esta consulta ya no recibe respuestas.",
		"en": "This consultation no longer takes answers.",
		"pt": "Esta consulta não recebe mais respostas."},
	"survey.conflict": {
		"es": "Estas respuestas ya se habían enviado con otro contenido. Empiece de nuevo.",
		"en": "These answers were already sent with different content. Please start again.",
		"pt": "Estas respostas já tinham sido enviadas com outro conteúdo. Comece de novo."},
	"thanks.title": {"es": "¡Gracias!", "en": "Thank you!", "pt": "Obrigado!"},
	"thanks.body": {
		"es": "Gracias por participar. Sus respuestas se guardaron, sin su nombre. La municipalidad publicará los resultados generales, sin datos de ninguna persona. Lo que usted escribió con sus propias palabras lo lee el equipo de la municipalidad, sin saber quién lo escribió.",
		"en": "Thank you for taking part. Your answers were saved, without your name. The municipality will publish the overall results, with no details about any person. What you wrote in your own words is read by the municipality's team, without knowing who wrote it.",
		"pt": "Obrigado por participar. Suas respostas foram salvas, sem o seu nome. A prefeitura vai publicar os resultados gerais, sem dados de nenhuma pessoa. O que você escreveu com as suas palavras é lido pela equipe da prefeitura, sem saber quem escreveu."},
	"thanks.again": {"es": "Volver al inicio", "en": "Back to the start", "pt": "Voltar ao início"},
	"error.title":  {"es": "Algo salió mal", "en": "Something went wrong", "pt": "Algo deu errado"},
	"error.not_found": {
		"es": "No encontramos esa página o consulta.",
		"en": "We could not find that page or consultation.",
		"pt": "Não encontramos essa página ou consulta."},
	"error.internal": {
		"es": "Hubo un error en el servidor. Inténtelo de nuevo en un momento.",
		"en": "There was a server error. Please try again in a moment.",
		"pt": "Houve um erro no servidor. Tente de novo em um momento."},
	"error.bad_request": {
		"es": "La solicitud no se pudo leer: %s",
		"en": "The request could not be read: %s",
		"pt": "A solicitação não pôde ser lida: %s"},
	"error.too_slow": {
		"es": "El envío tardó demasiado en llegar. Inténtelo de nuevo.",
		"en": "The submission took too long to arrive. Please try again.",
		"pt": "O envio demorou demais para chegar. Tente de novo."},
	"error.empty_body": {
		"es": "El envío está vacío: envíe un objeto JSON.",
		"en": "The body is empty: send one JSON object.",
		"pt": "O envio está vazio: envie um objeto JSON."},
	"error.json_cut": {
		"es": "El JSON está incompleto: se cortó antes de terminar.",
		"en": "The JSON is incomplete: it stops before it ends.",
		"pt": "O JSON está incompleto: termina antes do fim."},
	"error.json_syntax": {
		"es": "El JSON no es válido cerca del byte %d.",
		"en": "The JSON is not valid near byte %d.",
		"pt": "O JSON não é válido perto do byte %d."},
	"error.json_type": {
		"es": "El campo %q debe ser de tipo %s.",
		"en": "Field %q must be of type %s.",
		"pt": "O campo %q deve ser do tipo %s."},
	"error.json_unknown_field": {
		"es": "Campo desconocido %q: los campos son id, survey_version, language, session y answers.",
		"en": "Unknown field %q: the fields are id, survey_version, language, session and answers.",
		"pt": "Campo desconhecido %q: os campos são id, survey_version, language, session e answers."},
	"error.json_trailing": {
		"es": "Hay más de un valor JSON, o texto después del objeto: envíe un solo objeto.",
		"en": "There is more than one JSON value, or text after the object: send one object.",
		"pt": "Há mais de um valor JSON, ou texto depois do objeto: envie um só objeto."},
	"error.json_object": {
		"es": "se esperaba un objeto JSON",
		"en": "one JSON object was expected",
		"pt": "esperava-se um objeto JSON"},
	"error.too_large": {
		"es": "El envío es demasiado grande (el máximo es %d KiB).",
		"en": "The submission is too large (the limit is %d KiB).",
		"pt": "O envio é grande demais (o máximo é %d KiB)."},
	"error.conflict": {
		"es": "Ya existe una respuesta con este identificador y un contenido distinto.",
		"en": "A response with this id already exists with different content.",
		"pt": "Já existe uma resposta com este identificador e um conteúdo diferente."},
	"error.closed": {
		"es": "La consulta no está abierta: no recibe respuestas.",
		"en": "The consultation is not open: it does not take responses.",
		"pt": "A consulta não está aberta: não recebe respostas."},
	"error.consultation_not_found": {
		"es": "La consulta %q no existe.",
		"en": "Consultation %q does not exist.",
		"pt": "A consulta %q não existe."},
	"field.id": {
		"es": "el id debe ser un UUID, como 0b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13",
		"en": "id must be a UUID, like 0b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13",
		"pt": "o id deve ser um UUID, como 0b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"},
	"field.language": {
		"es": "el idioma %q no es uno de los de esta encuesta (%s)",
		"en": "language %q is not one of this survey's languages (%s)",
		"pt": "o idioma %q não é um dos desta pesquisa (%s)"},
	"field.survey_version": {
		"es": "la versión de encuesta %q no se conoce para esta consulta",
		"en": "survey version %q is not known for this consultation",
		"pt": "a versão de pesquisa %q não é conhecida para esta consulta"},
	"field.session": {
		"es": "la sesión %q no pertenece a esta consulta",
		"en": "session %q does not belong to this consultation",
		"pt": "a sessão %q não pertence a esta consulta"},
	"field.answers": {
		"es": "faltan las respuestas (answers)",
		"en": "the answers are missing",
		"pt": "faltam as respostas (answers)"},
	"error.cross_site": {
		"es": "Solicitud rechazada: llegó desde otro sitio web.",
		"en": "Request refused: it came from another website.",
		"pt": "Solicitação recusada: veio de outro site."},
	"scale.1": {"es": "Muy mal", "en": "Very bad", "pt": "Muito mal"},
	"scale.2": {"es": "Mal", "en": "Bad", "pt": "Mal"},
	"scale.3": {"es": "Más o menos", "en": "So-so", "pt": "Mais ou menos"},
	"scale.4": {"es": "Bien", "en": "Good", "pt": "Bem"},
	"scale.5": {"es": "Muy bien", "en": "Very good", "pt": "Muito bem"},
	"js.required": {
		"es": "Esta pregunta necesita una respuesta.",
		"en": "This question needs an answer.",
		"pt": "Esta pergunta precisa de uma resposta."},
	"js.too_long": {
		"es": "El texto es demasiado largo.",
		"en": "The text is too long.",
		"pt": "O texto é longo demais."},
	"js.range": {
		"es": "El número está fuera del rango permitido.",
		"en": "The number is outside the allowed range.",
		"pt": "O número está fora do intervalo permitido."},
}
