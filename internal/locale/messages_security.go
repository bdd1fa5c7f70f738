package locale

func init() {
	add(securityMessages)
}

// securityMessages are the texts of the kiosk lock, the kiosk's grace period after closing, the
// sign-in slow-down, public links and requests that cannot be read.
var securityMessages = map[string]Text{
	"security.kiosk_locked": {
		"es": "Esta tableta está en modo quiosco: solo responde a la encuesta de su sesión.",
		"en": "This tablet is in kiosk mode: it only answers its session's survey.",
		"pt": "Este tablet está em modo quiosque: só responde à pesquisa da sua sessão."},
	"security.kiosk_exit_signin": {
		"es": "La tableta salió del modo quiosco. Para ver las páginas del personal, inicie sesión con su contraseña.",
		"en": "The tablet left kiosk mode. To see staff pages, sign in with your password.",
		"pt": "O tablet saiu do modo quiosque. Para ver as páginas da equipe, entre com sua senha."},
	"security.exit_offline": {
		"es": "Sin conexión: la tableta sigue bloqueada. Para salir del modo quiosco se necesita el servidor: ingrese el PIN cuando vuelva la conexión, y luego su contraseña.",
		"en": "No connection: the tablet stays locked. Leaving kiosk mode needs the server: enter the PIN when the connection returns, then your password.",
		"pt": "Sem conexão: o tablet continua bloqueado. Sair do modo quiosque precisa do servidor: digite o PIN quando a conexão voltar, e depois sua senha."},
	"security.exit_help": {
		"es": "El PIN se comprueba en el servidor. Después de salir del modo quiosco, las páginas del personal piden su contraseña.",
		"en": "The PIN is checked on the server. After leaving kiosk mode, staff pages ask for your password.",
		"pt": "O PIN é verificado no servidor. Depois de sair do modo quiosque, as páginas da equipe pedem sua senha."},
	"security.wait_seconds": {
		"es": "Hubo demasiados intentos fallidos. Espere %d segundos e inténtelo de nuevo.",
		"en": "Too many failed attempts. Please wait %d seconds and try again.",
		"pt": "Houve tentativas erradas demais. Aguarde %d segundos e tente de novo."},
	"security.kiosk_key": {
		"es": "esta consulta está cerrada: solo se aceptan respuestas tomadas en una tableta de la sesión, con la clave que recibió al iniciar el modo quiosco",
		"en": "this consultation is closed: only responses taken on a tablet of the session, with the key it got when kiosk mode started, are accepted",
		"pt": "esta consulta está encerrada: só são aceitas respostas feitas em um tablet da sessão, com a chave que recebeu ao iniciar o modo quiosque"},
	"security.grace_over": {
		"es": "Esta consulta se cerró hace más de %d días: ya no acepta respuestas, tampoco de las tabletas de sus sesiones.",
		"en": "This consultation closed more than %d days ago: it no longer accepts responses, not even from its sessions' tablets.",
		"pt": "Esta consulta foi encerrada há mais de %d dias: já não aceita respostas, nem dos tablets das suas sessões."},
	"security.grace_open": {
		"es": "Cuando se cierre, las tabletas en modo quiosco de sus sesiones podrán enviar las respuestas que guardaron sin conexión durante %d días más.",
		"en": "Once it closes, the kiosk tablets of its sessions may send the responses they kept offline for %d more days.",
		"pt": "Quando for encerrada, os tablets em modo quiosque das suas sessões poderão enviar as respostas guardadas sem conexão por mais %d dias."},
	"security.grace_closed": {
		"es": "Las tabletas en modo quiosco de sus sesiones pueden enviar las respuestas que guardaron sin conexión hasta el %s (%d días después del cierre).",
		"en": "The kiosk tablets of its sessions may send the responses they kept offline until %s (%d days after closing).",
		"pt": "Os tablets em modo quiosque das suas sessões podem enviar as respostas guardadas sem conexão até %s (%d dias após o encerramento)."},
	"security.grace_ended": {
		"es": "El plazo para que las tabletas envíen respuestas guardadas sin conexión terminó el %s.",
		"en": "The time for tablets to send responses kept offline ended on %s.",
		"pt": "O prazo para os tablets enviarem respostas guardadas sem conexão terminou em %s."},
	"security.link_from_request": {
		"es": "Este enlace se tomó de la dirección con la que se abrió esta página. Compruebe que es la dirección pública de Consulta antes de imprimirlo o compartirlo (quien administra el servidor puede fijarla con --public-url).",
		"en": "This link was taken from the address this page was opened with. Check that it is Consulta's public address before printing or sharing it (whoever runs the server can set it with --public-url).",
		"pt": "Este link foi tirado do endereço com que esta página foi aberta. Verifique que é o endereço público do Consulta antes de imprimi-lo ou compartilhá-lo (quem administra o servidor pode fixá-lo com --public-url)."},
	"security.form_unreadable": {
		"es": "El formulario enviado no se pudo leer: tiene caracteres mal codificados. Vuelva a la página e inténtelo de nuevo.",
		"en": "The form that was sent could not be read: it has badly encoded characters. Go back to the page and try again.",
		"pt": "O formulário enviado não pôde ser lido: tem caracteres mal codificados. Volte à página e tente de novo."},
	"security.control_chars": {
		"es": "No puede tener caracteres de control (como el carácter nulo).",
		"en": "It cannot contain control characters (such as the null character).",
		"pt": "Não pode ter caracteres de controle (como o caractere nulo)."},
	"security.more_errors": {
		"es": "y %d problemas más",
		"en": "and %d more problems",
		"pt": "e mais %d problemas"},
	"security.noscript_reset": {
		"es": "Sin JavaScript, esta página vuelve a la pantalla de bienvenida después de %d minutos, para que la siguiente persona no vea estas respuestas.",
		"en": "Without JavaScript, this page returns to the welcome screen after %d minutes, so the next person does not see these answers.",
		"pt": "Sem JavaScript, esta página volta à tela de boas-vindas depois de %d minutos, para que a próxima pessoa não veja estas respostas."},
}
