package locale

func init() {
	add(planSurveyMessages)
}

// planSurveyMessages are the words of the survey generated from a plan for its validation round, in every language.
var planSurveyMessages = map[string]Text{
	"plan_survey.title": {"es": "Validación del plan: %s", "en": "Plan validation: %s", "pt": "Validação do plano: %s"},
	"plan_survey.intro": {
		"es": "El municipio propone estas prioridades para %s. Queremos saber si está de acuerdo. Sus respuestas son anónimas: no preguntamos su nombre.",
		"en": "The municipality proposes these priorities for %s. We want to know whether you agree. Your answers are anonymous: we do not ask your name.",
		"pt": "O município propõe estas prioridades para %s. Queremos saber se você concorda. Suas respostas são anônimas: não perguntamos o seu nome."},
	"plan_survey.child_intro": {
		"es": "¡Hola! El municipio quiere saber qué piensas de sus ideas para tu comunidad. No tienes que decir tu nombre. Puedes saltar preguntas o parar cuando quieras.",
		"en": "Hello! The municipality wants to know what you think of its ideas for your community. You don't have to say your name. You can skip questions or stop whenever you want.",
		"pt": "Oi! O município quer saber o que você acha das ideias dele para a sua comunidade. Você não precisa dizer o seu nome. Pode pular perguntas ou parar quando quiser."},
	"plan_survey.agree_hint": {
		"es": "¿Está de acuerdo en que esto sea una prioridad?",
		"en": "Do you agree this should be a priority?",
		"pt": "Você concorda que isto deve ser uma prioridade?"},
	"plan_survey.child_agree_hint": {
		"es": "¿Te parece importante? Toca una carita.",
		"en": "Do you think this is important? Tap a face.",
		"pt": "Você acha isso importante? Toque numa carinha."},
	"plan_survey.agree":          {"es": "De acuerdo", "en": "Agree", "pt": "Concordo"},
	"plan_survey.not_sure":       {"es": "No estoy seguro/a", "en": "Not sure", "pt": "Não tenho certeza"},
	"plan_survey.disagree":       {"es": "En desacuerdo", "en": "Disagree", "pt": "Discordo"},
	"plan_survey.child_agree":    {"es": "Sí, es importante", "en": "Yes, it's important", "pt": "Sim, é importante"},
	"plan_survey.child_not_sure": {"es": "No sé", "en": "I don't know", "pt": "Não sei"},
	"plan_survey.child_disagree": {"es": "No", "en": "No", "pt": "Não"},
	"plan_survey.top3": {
		"es": "Elija las %d que más le importan, en orden",
		"en": "Choose the %d that matter most to you, in order",
		"pt": "Escolha as %d que mais importam para você, em ordem"},
	"plan_survey.child_top3": {
		"es": "¿Cuáles %d son las más importantes para ti?",
		"en": "Which %d are the most important for you?",
		"pt": "Quais %d são as mais importantes para você?"},
	"plan_survey.missing": {
		"es": "¿Falta algo importante?",
		"en": "Is something important missing?",
		"pt": "Está faltando algo importante?"},
	"plan_survey.child_missing": {
		"es": "¿Falta algo que sea importante para ti?",
		"en": "Is something that matters to you missing?",
		"pt": "Está faltando algo que é importante para você?"},
	"plan_survey.missing_hint": {
		"es": "No escriba nombres ni datos de nadie.",
		"en": "Do not write anyone's name or details.",
		"pt": "Não escreva nomes nem dados de ninguém."},
}

func init() {
	add(planFollowUpMessages)
}

// planFollowUpMessages are the words of the follow-up survey on a plan's decisions.
var planFollowUpMessages = map[string]Text{
	"plan_followup.title": {"es": "Lo que decidimos: %s", "en": "What we decided: %s", "pt": "O que decidimos: %s"},
	"plan_followup.intro": {
		"es": "El municipio te contó lo que decidió con lo que dijiste. Ahora queremos saber qué piensas. No tienes que decir tu nombre.",
		"en": "The municipality told you what it decided with what you said. Now we want to know what you think. You don't have to say your name.",
		"pt": "O município contou o que decidiu com o que você disse. Agora queremos saber o que você acha. Você não precisa dizer o seu nome."},
	"plan_followup.agree": {"es": "¿Estás de acuerdo con lo que se decidió?", "en": "Do you agree with what was decided?", "pt": "Você concorda com o que foi decidido?"},
	"plan_followup.yes":   {"es": "Sí", "en": "Yes", "pt": "Sim"},
	"plan_followup.maybe": {"es": "No estoy seguro/a", "en": "Not sure", "pt": "Não tenho certeza"},
	"plan_followup.no":    {"es": "No", "en": "No", "pt": "Não"},
	"plan_followup.tell":  {"es": "¿Qué le dirías ahora al municipio?", "en": "What would you tell the municipality now?", "pt": "O que você diria agora ao município?"},
	"plan_followup.tell_hint": {
		"es": "Solo lo leen las personas que hacen el plan. No escribas nombres ni datos de nadie.",
		"en": "Only the people who make the plan read this. Do not write anyone's name or details.",
		"pt": "Só as pessoas que fazem o plano leem isto. Não escreva nomes nem dados de ninguém."},
}
