package locale

func init() {
	add(offlineMessages)
}

// offlineMessages are what the facilitator reads about the responses waiting on a tablet.
// Scripts get them through data attributes; %d and %s are filled in by the script.
var offlineMessages = map[string]Text{
	"offline.title": {"es": "Respuestas en esta tableta", "en": "Responses on this tablet", "pt": "Respostas neste tablet"},
	"offline.waiting": {
		"es": "Respuestas esperando para enviarse: %d.",
		"en": "Responses waiting to be sent: %d.",
		"pt": "Respostas esperando para serem enviadas: %d."},
	"offline.all_sent": {
		"es": "No hay respuestas esperando para enviarse.",
		"en": "No responses are waiting to be sent.",
		"pt": "Não há respostas esperando para serem enviadas."},
	"offline.last_sync": {"es": "Última sincronización: %s", "en": "Last sync: %s", "pt": "Última sincronização: %s"},
	"offline.never":     {"es": "nunca", "en": "never", "pt": "nunca"},
	"offline.sync_now":  {"es": "Sincronizar ahora", "en": "Sync now", "pt": "Sincronizar agora"},
	"offline.syncing":   {"es": "Sincronizando…", "en": "Syncing…", "pt": "Sincronizando…"},
	"offline.no_connection": {
		"es": "Sin conexión: las respuestas esperan en esta tableta y se enviarán solas cuando vuelva la conexión.",
		"en": "No connection: the responses wait on this tablet and are sent by themselves when the connection returns.",
		"pt": "Sem conexão: as respostas esperam neste tablet e serão enviadas sozinhas quando a conexão voltar."},
	"offline.kept_title": {
		"es": "Respuestas apartadas: el servidor no las aceptó",
		"en": "Responses kept aside: the server did not accept them",
		"pt": "Respostas separadas: o servidor não as aceitou"},
	"offline.kept_help": {
		"es": "Estas respuestas se quedan en la tableta y no se vuelven a enviar solas. Anote el motivo y avise a quien administra Consulta.",
		"en": "These responses stay on the tablet and are not sent again by themselves. Note the reason and tell whoever runs Consulta.",
		"pt": "Estas respostas ficam no tablet e não são enviadas de novo sozinhas. Anote o motivo e avise quem administra o Consulta."},
	"offline.kept_item": {
		"es": "Tomada el %s (respuesta del servidor %d): %s",
		"en": "Taken on %s (server answered %d): %s",
		"pt": "Feita em %s (resposta do servidor %d): %s"},
}
