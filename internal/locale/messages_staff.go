package locale

func init() {
	add(staffMessages)
}

// staffMessages are the texts of the pages for facilitators, planners and admins,
// and of kiosk mode, paper entry and the printed poster.
var staffMessages = map[string]Text{
	// Navigation and sign-in.
	"nav.staff":     {"es": "Menú del personal", "en": "Staff menu", "pt": "Menu da equipe"},
	"auth.signin":   {"es": "Iniciar sesión", "en": "Sign in", "pt": "Entrar"},
	"auth.signout":  {"es": "Cerrar sesión", "en": "Sign out", "pt": "Sair"},
	"auth.name":     {"es": "Nombre de usuario", "en": "User name", "pt": "Nome de usuário"},
	"auth.password": {"es": "Contraseña", "en": "Password", "pt": "Senha"},
	"auth.password_again": {
		"es": "Repita la contraseña",
		"en": "Password again",
		"pt": "Repita a senha"},
	"auth.password_mismatch": {
		"es": "Las dos contraseñas no coinciden. Escríbalas otra vez.",
		"en": "The two passwords do not match. Please type them again.",
		"pt": "As duas senhas não coincidem. Digite-as de novo."},
	"auth.password_short": {
		"es": "La contraseña debe tener al menos %d caracteres.",
		"en": "The password must have at least %d characters.",
		"pt": "A senha deve ter pelo menos %d caracteres."},
	"auth.name_rules": {
		"es": "El nombre debe tener de 3 a 64 caracteres, sin espacios ni comillas.",
		"en": "The name must have 3 to 64 characters, with no spaces or quotes.",
		"pt": "O nome deve ter de 3 a 64 caracteres, sem espaços nem aspas."},
	"auth.wrong": {
		"es": "El nombre o la contraseña no son correctos.",
		"en": "Name or password is incorrect.",
		"pt": "O nome ou a senha não estão corretos."},
	"auth.slow_down": {
		"es": "Hubo demasiados intentos fallidos. Espere %d min e inténtelo de nuevo.",
		"en": "Too many failed attempts. Please wait %d min and try again.",
		"pt": "Houve tentativas erradas demais. Aguarde %d min e tente de novo."},
	"auth.needed": {
		"es": "Inicie sesión para continuar.",
		"en": "Please sign in to continue.",
		"pt": "Entre na sua conta para continuar."},
	"auth.forbidden": {
		"es": "Su cuenta no tiene permiso para hacer esto.",
		"en": "Your account is not allowed to do this.",
		"pt": "Sua conta não tem permissão para fazer isto."},
	"auth.bad_token": {
		"es": "El token de la API no es válido o fue revocado.",
		"en": "The API token is not valid or was revoked.",
		"pt": "O token da API não é válido ou foi revogado."},

	// First-time setup.
	"setup.title": {
		"es": "Crear la cuenta de administración",
		"en": "Create the administrator account",
		"pt": "Criar a conta de administração"},
	"setup.intro": {
		"es": "Esta página se usa una sola vez: cree la primera cuenta de administración. Con ella podrá agregar municipalidades y otras cuentas.",
		"en": "This page is used only once: create the first administrator account. With it you can add municipalities and other accounts.",
		"pt": "Esta página é usada uma única vez: crie a primeira conta de administração. Com ela você poderá adicionar municípios e outras contas."},
	"setup.create": {"es": "Crear cuenta", "en": "Create account", "pt": "Criar conta"},

	// Roles and statuses.
	"role.admin":       {"es": "Administración", "en": "Administrator", "pt": "Administração"},
	"role.planner":     {"es": "Planificación", "en": "Planner", "pt": "Planejamento"},
	"role.facilitator": {"es": "Facilitación", "en": "Facilitator", "pt": "Facilitação"},
	"status.draft":     {"es": "Borrador", "en": "Draft", "pt": "Rascunho"},
	"status.open":      {"es": "Abierta", "en": "Open", "pt": "Aberta"},
	"status.closed":    {"es": "Cerrada", "en": "Closed", "pt": "Encerrada"},

	// Population groups and genders.
	"group.host":      {"es": "Comunidad de acogida", "en": "Host community", "pt": "Comunidade de acolhida"},
	"group.displaced": {"es": "Persona desplazada interna", "en": "Internally displaced", "pt": "Pessoa deslocada interna"},
	"group.refugee":   {"es": "Persona refugiada o solicitante de asilo", "en": "Refugee or asylum seeker", "pt": "Pessoa refugiada ou solicitante de refúgio"},
	"group.returnee":  {"es": "Persona retornada", "en": "Returnee", "pt": "Pessoa retornada"},
	"group.migrant":   {"es": "Persona migrante en tránsito", "en": "Migrant in transit", "pt": "Pessoa migrante em trânsito"},
	"gender.female":   {"es": "Mujer", "en": "Woman", "pt": "Mulher"},
	"gender.male":     {"es": "Hombre", "en": "Man", "pt": "Homem"},
	"gender.other":    {"es": "Otra identidad", "en": "Another identity", "pt": "Outra identidade"},

	// Forms.
	"form.save": {"es": "Guardar", "en": "Save", "pt": "Salvar"},
	"form.date": {
		"es": "Escriba una fecha válida (año-mes-día).",
		"en": "Enter a valid date (year-month-day).",
		"pt": "Digite uma data válida (ano-mês-dia)."},
	"form.required_short": {
		"es": "Complete este campo, con hasta %d caracteres.",
		"en": "Fill this in, with up to %d characters.",
		"pt": "Preencha este campo, com até %d caracteres."},
	"form.too_long": {
		"es": "El texto es demasiado largo: el máximo es %d caracteres.",
		"en": "The text is too long: the limit is %d characters.",
		"pt": "O texto é longo demais: o máximo é %d caracteres."},
	"error.method": {
		"es": "Esta dirección no acepta este tipo de solicitud.",
		"en": "This address does not accept this kind of request.",
		"pt": "Este endereço não aceita este tipo de solicitação."},

	// Consultations.
	"staff.consultations":    {"es": "Consultas", "en": "Consultations", "pt": "Consultas"},
	"staff.new_consultation": {"es": "Nueva consulta", "en": "New consultation", "pt": "Nova consulta"},
	"staff.none": {
		"es": "Todavía no hay consultas.",
		"en": "There are no consultations yet.",
		"pt": "Ainda não há consultas."},
	"staff.title":        {"es": "Título", "en": "Title", "pt": "Título"},
	"staff.municipality": {"es": "Municipalidad", "en": "Municipality", "pt": "Município"},
	"staff.status":       {"es": "Estado", "en": "Status", "pt": "Situação"},
	"staff.dates":        {"es": "Fechas", "en": "Dates", "pt": "Datas"},
	"staff.survey":       {"es": "Encuesta", "en": "Survey", "pt": "Pesquisa"},
	"staff.starts_on":    {"es": "Fecha de inicio", "en": "Start date", "pt": "Data de início"},
	"staff.ends_on":      {"es": "Fecha de cierre", "en": "End date", "pt": "Data de encerramento"},
	"staff.idle_minutes": {
		"es": "Quiosco: minutos sin tocar la pantalla antes de descartar una encuesta sin terminar",
		"en": "Kiosk: minutes without a touch before an unfinished survey is discarded",
		"pt": "Quiosque: minutos sem tocar na tela antes de descartar uma pesquisa não terminada"},
	"staff.idle_range": {
		"es": "Escriba un número entre 1 y 30 minutos.",
		"en": "Enter a number between 1 and 30 minutes.",
		"pt": "Digite um número entre 1 e 30 minutos."},
	"staff.create": {"es": "Crear consulta", "en": "Create consultation", "pt": "Criar consulta"},
	"staff.survey_invalid": {
		"es": "Elija una encuesta de la lista.",
		"en": "Choose a survey from the list.",
		"pt": "Escolha uma pesquisa da lista."},
	"staff.status_invalid": {
		"es": "Elija un estado válido.",
		"en": "Choose a valid status.",
		"pt": "Escolha uma situação válida."},
	"staff.ends_before": {
		"es": "La fecha de cierre es anterior a la de inicio. Corrija una de las dos.",
		"en": "The end date is before the start date. Please correct one of them.",
		"pt": "A data de encerramento é anterior à de início. Corrija uma das duas."},
	"staff.open":  {"es": "Abrir la consulta", "en": "Open the consultation", "pt": "Abrir a consulta"},
	"staff.close": {"es": "Cerrar la consulta", "en": "Close the consultation", "pt": "Encerrar a consulta"},
	"staff.link":  {"es": "Enlace para responder", "en": "Link to answer", "pt": "Link para responder"},
	"staff.link_help": {
		"es": "Las personas pueden responder desde su propio teléfono con este enlace o el código QR.",
		"en": "People can answer on their own phone with this link or the QR code.",
		"pt": "As pessoas podem responder no próprio celular com este link ou o código QR."},
	"staff.poster": {"es": "Cartel para imprimir", "en": "Poster to print", "pt": "Cartaz para imprimir"},

	// Sessions.
	"staff.sessions":    {"es": "Sesiones", "en": "Sessions", "pt": "Sessões"},
	"staff.place":       {"es": "Lugar", "en": "Place", "pt": "Local"},
	"staff.date":        {"es": "Fecha", "en": "Date", "pt": "Data"},
	"staff.facilitator": {"es": "Facilitador o facilitadora", "en": "Facilitator", "pt": "Facilitador ou facilitadora"},
	"staff.responses":   {"es": "Respuestas", "en": "Responses", "pt": "Respostas"},
	"staff.responses_n": {"es": "Respuestas: %d", "en": "Responses: %d", "pt": "Respostas: %d"},
	"staff.no_sessions": {
		"es": "Todavía no hay sesiones.",
		"en": "There are no sessions yet.",
		"pt": "Ainda não há sessões."},
	"staff.new_session": {"es": "Nueva sesión", "en": "New session", "pt": "Nova sessão"},
	"staff.notes":       {"es": "Notas", "en": "Notes", "pt": "Observações"},
	"staff.notes_help": {
		"es": "No escriba nombres ni datos de las personas participantes en las notas.",
		"en": "Do not write names or details of participants in the notes.",
		"pt": "Não escreva nomes nem dados das pessoas participantes nas observações."},
	"staff.add_session": {"es": "Agregar sesión", "en": "Add session", "pt": "Adicionar sessão"},
	"session.count": {
		"es": "Respuestas de esta sesión por grupo y género",
		"en": "Responses in this session by group and gender",
		"pt": "Respostas desta sessão por grupo e gênero"},
	"session.consent": {"es": "Consentimiento de madres, padres o tutores", "en": "Parental consent", "pt": "Consentimento dos responsáveis"},
	"session.consent_tick": {
		"es": "Confirmo que las madres, los padres o las personas tutoras de las niñas, niños y adolescentes que participan en esta sesión dieron su consentimiento. (No se registran nombres).",
		"en": "I confirm that the parents or guardians of the children taking part in this session gave their consent. (No names are recorded.)",
		"pt": "Confirmo que os pais, mães ou responsáveis das crianças e adolescentes que participam desta sessão deram seu consentimento. (Nenhum nome é registrado.)"},

	// Targets.
	"staff.targets": {"es": "Metas de participación", "en": "Participation targets", "pt": "Metas de participação"},
	"staff.targets_caption": {
		"es": "Respuestas por grupo y género (total %d), con la meta donde se definió",
		"en": "Responses by group and gender (total %d), with targets where set",
		"pt": "Respostas por grupo e gênero (total %d), com a meta onde foi definida"},
	"staff.group":    {"es": "Grupo", "en": "Group", "pt": "Grupo"},
	"staff.total":    {"es": "Total", "en": "Total", "pt": "Total"},
	"staff.not_said": {"es": "No indicado", "en": "Not stated", "pt": "Não informado"},
	"staff.target_for": {
		"es": "Meta para %s, %s",
		"en": "Target for %s, %s",
		"pt": "Meta para %s, %s"},
	"staff.target_invalid": {
		"es": "La meta para %s / %s debe ser un número entero entre 0 y 100000.",
		"en": "The target for %s / %s must be a whole number from 0 to 100000.",
		"pt": "A meta para %s / %s deve ser um número inteiro entre 0 e 100000."},
	"staff.save_targets": {"es": "Guardar metas", "en": "Save targets", "pt": "Salvar metas"},

	// Kiosk mode.
	"kiosk.start": {"es": "Iniciar modo quiosco", "en": "Start kiosk mode", "pt": "Iniciar modo quiosque"},
	"kiosk.start_help": {
		"es": "Defina un PIN de 4 a 8 dígitos. La tableta mostrará solo la encuesta: cada participante empieza en una pantalla en blanco, las encuestas sin terminar se descartan después del tiempo de inactividad, y para salir del modo quiosco se necesita este PIN.",
		"en": "Set a PIN of 4 to 8 digits. The tablet will then show only the survey: each participant starts on a blank screen, unfinished surveys are discarded after the idle time, and leaving kiosk mode needs this PIN.",
		"pt": "Defina um PIN de 4 a 8 dígitos. O tablet mostrará apenas a pesquisa: cada participante começa em uma tela em branco, as pesquisas não terminadas são descartadas após o tempo de inatividade, e para sair do modo quiosque é preciso este PIN."},
	"kiosk.pin": {"es": "PIN (de 4 a 8 dígitos)", "en": "PIN (4 to 8 digits)", "pt": "PIN (de 4 a 8 dígitos)"},
	"kiosk.pin_rules": {
		"es": "El PIN debe tener de 4 a 8 dígitos, solo números.",
		"en": "The PIN must have 4 to 8 digits, numbers only.",
		"pt": "O PIN deve ter de 4 a 8 dígitos, apenas números."},
	"kiosk.pin_wrong": {
		"es": "El PIN no es correcto. Inténtelo de nuevo.",
		"en": "The PIN is not correct. Please try again.",
		"pt": "O PIN não está correto. Tente de novo."},
	"kiosk.welcome": {
		"es": "¡Bienvenida, bienvenido! Sus respuestas son anónimas: no preguntamos su nombre. Puede saltar las preguntas que quiera o terminar cuando quiera.",
		"en": "Welcome! Your answers are anonymous: we do not ask your name. You can skip any question or stop whenever you want.",
		"pt": "Boas-vindas! Suas respostas são anônimas: não perguntamos seu nome. Você pode pular as perguntas que quiser ou parar quando quiser."},
	"kiosk.begin": {"es": "Empezar", "en": "Start", "pt": "Começar"},
	"kiosk.pass_on": {
		"es": "Por favor, devuelva la tableta a la persona facilitadora.",
		"en": "Please give the tablet back to the facilitator.",
		"pt": "Por favor, devolva o tablet à pessoa facilitadora."},
	"kiosk.next_person": {"es": "Siguiente persona", "en": "Next person", "pt": "Próxima pessoa"},
	"kiosk.exit": {
		"es": "Facilitación: salir del modo quiosco",
		"en": "Facilitator: leave kiosk mode",
		"pt": "Facilitação: sair do modo quiosque"},
	"kiosk.unlock": {"es": "Desbloquear", "en": "Unlock", "pt": "Desbloquear"},
	"kiosk.back_to_welcome": {
		"es": "Volver a la pantalla de bienvenida",
		"en": "Back to the welcome screen",
		"pt": "Voltar à tela de boas-vindas"},
	"kiosk.not_started": {
		"es": "Esta tableta no está en modo quiosco para esta sesión.",
		"en": "This tablet is not in kiosk mode for this session.",
		"pt": "Este tablet não está em modo quiosque para esta sessão."},

	// Paper questionnaires.
	"paper.enter": {
		"es": "Ingresar un cuestionario en papel",
		"en": "Enter a paper questionnaire",
		"pt": "Digitar um questionário em papel"},
	"paper.intro": {
		"es": "Escriba las respuestas de un formulario en papel tal como están escritas. Se registran con el canal «papel».",
		"en": "Type in the answers of one paper form exactly as written. They are recorded with the channel \"paper\".",
		"pt": "Digite as respostas de um formulário em papel exatamente como estão escritas. Elas são registradas com o canal \"papel\"."},
	"paper.saved": {
		"es": "Guardado. El formulario está en blanco otra vez para el siguiente.",
		"en": "Saved. The form is blank again for the next one.",
		"pt": "Salvo. O formulário está em branco de novo para o próximo."},

	// Poster.
	"poster.invite": {
		"es": "¡Queremos escucharle! Participe en esta consulta: su opinión ayuda a mejorar su comunidad.",
		"en": "We want to hear from you! Take part in this consultation: your opinion helps improve your community.",
		"pt": "Queremos ouvir você! Participe desta consulta: sua opinião ajuda a melhorar sua comunidade."},
	"poster.anonymous": {
		"es": "Las respuestas son anónimas: no se pregunta ningún nombre.",
		"en": "Answers are anonymous: no names are asked.",
		"pt": "As respostas são anônimas: nenhum nome é perguntado."},
	"poster.print": {"es": "Imprimir", "en": "Print", "pt": "Imprimir"},
	"poster.qr_alt": {
		"es": "Código QR que abre %s",
		"en": "QR code that opens %s",
		"pt": "Código QR que abre %s"},

	// Administration.
	"admin.municipalities":   {"es": "Municipalidades", "en": "Municipalities", "pt": "Municípios"},
	"admin.accounts":         {"es": "Cuentas", "en": "Accounts", "pt": "Contas"},
	"admin.audit":            {"es": "Registro de actividad", "en": "Activity log", "pt": "Registro de atividades"},
	"admin.add":              {"es": "Agregar", "en": "Add", "pt": "Adicionar"},
	"admin.add_account":      {"es": "Agregar una cuenta", "en": "Add an account", "pt": "Adicionar uma conta"},
	"admin.add_municipality": {"es": "Agregar una municipalidad", "en": "Add a municipality", "pt": "Adicionar um município"},
	"admin.name":             {"es": "Nombre", "en": "Name", "pt": "Nome"},
	"admin.country":          {"es": "País", "en": "Country", "pt": "País"},
	"admin.role":             {"es": "Rol", "en": "Role", "pt": "Função"},
	"admin.status":           {"es": "Estado", "en": "Status", "pt": "Situação"},
	"admin.active":           {"es": "Activa", "en": "Active", "pt": "Ativa"},
	"admin.disabled":         {"es": "Desactivada", "en": "Disabled", "pt": "Desativada"},
	"admin.disable":          {"es": "Desactivar esta cuenta", "en": "Disable this account", "pt": "Desativar esta conta"},
	"admin.reset_password":   {"es": "Crear una contraseña nueva", "en": "Reset password", "pt": "Gerar uma nova senha"},
	"admin.none_yet":         {"es": "Todavía no hay nada aquí.", "en": "Nothing here yet.", "pt": "Ainda não há nada aqui."},
	"admin.when":             {"es": "Cuándo", "en": "When", "pt": "Quando"},
	"admin.who":              {"es": "Quién", "en": "Who", "pt": "Quem"},
	"admin.what":             {"es": "Qué", "en": "What", "pt": "O quê"},
	"admin.target":           {"es": "Sobre qué", "en": "Target", "pt": "Sobre o quê"},
	"admin.detail":           {"es": "Detalle", "en": "Detail", "pt": "Detalhe"},
	"admin.password_once": {
		"es": "La cuenta %s se creó o actualizó. Su contraseña se muestra solo esta vez: entréguela a la persona en privado.",
		"en": "Account %s was created or updated. Its password is shown only once: give it to the person in private.",
		"pt": "A conta %s foi criada ou atualizada. A senha aparece só esta vez: entregue-a à pessoa em particular."},
	"admin.name_taken": {
		"es": "Ya existe una cuenta con ese nombre. Elija otro.",
		"en": "An account with that name already exists. Please choose another.",
		"pt": "Já existe uma conta com esse nome. Escolha outro."},
	"admin.role_invalid": {
		"es": "Elija un rol de la lista.",
		"en": "Choose a role from the list.",
		"pt": "Escolha uma função da lista."},
	"admin.municipality_invalid": {
		"es": "Elija una municipalidad de la lista.",
		"en": "Choose a municipality from the list.",
		"pt": "Escolha um município da lista."},
	"admin.municipality_needed": {
		"es": "Las cuentas de planificación y de facilitación necesitan al menos una municipalidad.",
		"en": "Planners and facilitators need at least one municipality.",
		"pt": "As contas de planejamento e de facilitação precisam de pelo menos um município."},
	"admin.municipality_exists": {
		"es": "Ya existe una municipalidad con ese nombre en ese país.",
		"en": "A municipality with that name already exists in that country.",
		"pt": "Já existe um município com esse nome nesse país."},
	"admin.not_yourself": {
		"es": "No puede desactivar su propia cuenta ni quitarse el rol de administración.",
		"en": "You cannot disable your own account or remove your own administrator role.",
		"pt": "Você não pode desativar sua própria conta nem remover sua própria função de administração."},
}
