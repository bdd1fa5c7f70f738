package locale

func init() {
	addOne(oneForms)
}

// oneForms are the "one" forms of the page messages that show a count: "1 decisión", not
// "1 decisiones". T uses one when its first count argument is one in the language.
var oneForms = map[string]Text{
	"decision.draft_count":    {"es": "%d decisión en borrador.", "en": "%d draft decision.", "pt": "%d decisão em rascunho."},
	"plan.summary_text":       {"es": "Respondió %d persona adulta.", "en": "%d adult answered.", "pt": "%d pessoa adulta respondeu."},
	"plan.summary_children":   {"es": "Respondió %d niña, niño o adolescente.", "en": "%d child or adolescent answered.", "pt": "%d criança ou adolescente respondeu."},
	"plan.moved_up":           {"es": "la comunidad la sube %d puesto", "en": "the community moves it up %d place", "pt": "a comunidade a sobe %d posição"},
	"plan.moved_down":         {"es": "la comunidad la baja %d puesto", "en": "the community moves it down %d place", "pt": "a comunidade a desce %d posição"},
	"security.wait_seconds":   {"es": "Hubo demasiados intentos fallidos. Espere %d segundo e inténtelo de nuevo.", "en": "Too many failed attempts. Please wait %d second and try again.", "pt": "Houve tentativas erradas demais. Aguarde %d segundo e tente de novo."},
	"security.grace_over":     {"es": "Esta consulta se cerró hace más de %d día: ya no acepta respuestas, tampoco de las tabletas de sus sesiones.", "en": "This consultation closed more than %d day ago: it no longer accepts responses, not even from its sessions' tablets.", "pt": "Esta consulta foi encerrada há mais de %d dia: já não aceita respostas, nem dos tablets das suas sessões."},
	"security.grace_open":     {"es": "Cuando se cierre, las tabletas en modo quiosco de sus sesiones podrán enviar las respuestas que guardaron sin conexión durante %d día más.", "en": "Once it closes, the kiosk tablets of its sessions may send the responses they kept offline for %d more day.", "pt": "Quando for encerrada, os tablets em modo quiosque das suas sessões poderão enviar as respostas guardadas sem conexão por mais %d dia."},
	"security.grace_closed":   {"es": "Las tabletas en modo quiosco de sus sesiones pueden enviar las respuestas que guardaron sin conexión hasta el %s (%d día después del cierre).", "en": "The kiosk tablets of its sessions may send the responses they kept offline until %s (%d day after closing).", "pt": "Os tablets em modo quiosque das suas sessões podem enviar as respostas guardadas sem conexão até %s (%d dia após o encerramento)."},
	"security.more_errors":    {"es": "y %d problema más", "en": "and %d more problem", "pt": "e mais %d problema"},
	"security.noscript_reset": {"es": "Sin JavaScript, esta página vuelve a la pantalla de bienvenida después de %d minuto, para que la siguiente persona no vea estas respuestas.", "en": "Without JavaScript, this page returns to the welcome screen after %d minute, so the next person does not see these answers.", "pt": "Sem JavaScript, esta página volta à tela de boas-vindas depois de %d minuto, para que a próxima pessoa não veja estas respostas."},
	"protect.as_of":           {"es": "Datos hasta el %s: %d respuesta. Los resultados avanzan por grupos de %d respuestas nuevas.", "en": "Data as of %s: %d response. Results move on in groups of %d new responses.", "pt": "Dados até %s: %d resposta. Os resultados avançam em grupos de %d novas respostas."},
}
