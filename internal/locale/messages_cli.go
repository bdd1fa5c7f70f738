package locale

func init() {
	add(cliMessages)
	addOne(map[string]Text{
		"cli.nothing":  {"es": "%d error: no se ha escrito nada", "en": "%d error: nothing was written", "pt": "%d erro: nada foi escrito"},
		"cli.imported": {"es": "%s: encuesta %s, versión %s, %d pregunta", "en": "%s: survey %s, version %s, %d question", "pt": "%s: pesquisa %s, versão %s, %d pergunta"},
	})
}

// cliMessages are what the consulta command says on the terminal, in the language of --lang,
// LC_ALL, LC_MESSAGES or LANG. The server's log speaks English to the operator and is not here.
var cliMessages = map[string]Text{
	"cli.usage": {
		"es": `consulta: consultas comunitarias y encuestas de escucha para niñas, niños y adolescentes

  consulta serve [--addr :8080] [--db ./data/consulta.db | postgres://…] [--surveys CARPETA] [--demo]
  consulta validate [ARCHIVO o CARPETA ...]   (sin argumento: las encuestas incluidas en el programa)
  consulta user add|passwd|list ...
  consulta token create|list|revoke ...
  consulta backup --to ARCHIVO [--db ./data/consulta.db]   (una copia coherente, aun mientras sirve)
  consulta migrate-db [--db ./data/consulta.db] --to postgres://…   (copiar a una base PostgreSQL vacía)
  consulta import-xlsform FORMULARIO.xlsx [-o surveys/NOMBRE.yaml]   (un formulario de KoboToolbox u ODK como archivo de encuesta)
  consulta export-xlsform ENCUESTA [-o ARCHIVO.xlsx]   (un archivo de encuesta o el id de una incluida, como XLSForm)

--db nombra un archivo SQLite, o una base PostgreSQL como postgres://usuario:contraseña@servidor/nombre;
sin --db, se usa DATABASE_URL cuando es una URL postgres://.
--lang es, en o pt elige el idioma de los mensajes (si no, LC_ALL, LC_MESSAGES o LANG; español por omisión).

Ejecute "consulta COMANDO -h" para ver las opciones de un comando.
`,
		"en": `consulta: community consultations and child-friendly listening surveys

  consulta serve [--addr :8080] [--db ./data/consulta.db | postgres://…] [--surveys DIR] [--demo]
  consulta validate [FILE or DIR ...]   (no argument: the surveys built into the binary)
  consulta user add|passwd|list ...
  consulta token create|list|revoke ...
  consulta backup --to FILE [--db ./data/consulta.db]   (a consistent copy, while serving)
  consulta migrate-db [--db ./data/consulta.db] --to postgres://…   (copy into an empty PostgreSQL database)
  consulta import-xlsform FORM.xlsx [-o surveys/NAME.yaml]   (a KoboToolbox or ODK form as a survey file)
  consulta export-xlsform SURVEY [-o FILE.xlsx]   (a survey file or built-in id as an XLSForm)

--db names a SQLite file, or a PostgreSQL database as postgres://user:password@host/name;
without --db, DATABASE_URL is used when it is a postgres:// URL.
--lang es, en or pt chooses the language of the messages (else LC_ALL, LC_MESSAGES or LANG; Spanish by default).

Run "consulta COMMAND -h" for a command's flags.
`,
		"pt": `consulta: consultas comunitárias e pesquisas de escuta para crianças e adolescentes

  consulta serve [--addr :8080] [--db ./data/consulta.db | postgres://…] [--surveys PASTA] [--demo]
  consulta validate [ARQUIVO ou PASTA ...]   (sem argumento: as pesquisas incluídas no programa)
  consulta user add|passwd|list ...
  consulta token create|list|revoke ...
  consulta backup --to ARQUIVO [--db ./data/consulta.db]   (uma cópia coerente, mesmo enquanto serve)
  consulta migrate-db [--db ./data/consulta.db] --to postgres://…   (copiar para um banco PostgreSQL vazio)
  consulta import-xlsform FORMULARIO.xlsx [-o surveys/NOME.yaml]   (um formulário do KoboToolbox ou ODK como arquivo de pesquisa)
  consulta export-xlsform PESQUISA [-o ARQUIVO.xlsx]   (um arquivo de pesquisa ou o id de uma incluída, como XLSForm)

--db indica um arquivo SQLite, ou um banco PostgreSQL como postgres://usuario:senha@servidor/nome;
sem --db, usa-se DATABASE_URL quando é uma URL postgres://.
--lang es, en ou pt escolhe o idioma das mensagens (senão LC_ALL, LC_MESSAGES ou LANG; espanhol por padrão).

Execute "consulta COMANDO -h" para ver as opções de um comando.
`},
	"cli.unknown_command": {
		"es": "consulta: comando desconocido %q\n\n",
		"en": "consulta: unknown command %q\n\n",
		"pt": "consulta: comando desconhecido %q\n\n"},
	"cli.user_usage": {
		"es": "consulta user add --name NOMBRE --role admin|planner|facilitator [--municipality NOMBRE ...] [--country PAÍS] [--password-stdin]\nconsulta user passwd --name NOMBRE [--password-stdin]\nconsulta user list",
		"en": "consulta user add --name NAME --role admin|planner|facilitator [--municipality NAME ...] [--country C] [--password-stdin]\nconsulta user passwd --name NAME [--password-stdin]\nconsulta user list",
		"pt": "consulta user add --name NOME --role admin|planner|facilitator [--municipality NOME ...] [--country PAÍS] [--password-stdin]\nconsulta user passwd --name NOME [--password-stdin]\nconsulta user list"},
	"cli.token_usage": {
		"es": "consulta token create --user NOMBRE [--label TEXTO]\nconsulta token list\nconsulta token revoke --id N",
		"en": "consulta token create --user NAME [--label TEXT]\nconsulta token list\nconsulta token revoke --id N",
		"pt": "consulta token create --user NOME [--label TEXTO]\nconsulta token list\nconsulta token revoke --id N"},

	// Flags, as -h lists them.
	"cli.flag.lang":           {"es": "idioma de los mensajes: es, en o pt", "en": "language of the messages: es, en or pt", "pt": "idioma das mensagens: es, en ou pt"},
	"cli.flag.addr":           {"es": "dirección en la que escuchar", "en": "address to listen on", "pt": "endereço em que escutar"},
	"cli.flag.db":             {"es": "archivo de base SQLite (se crea su carpeta), o postgres://usuario:contraseña@servidor/nombre", "en": "SQLite database file (its folder is created), or postgres://user:password@host/name", "pt": "arquivo de banco SQLite (a pasta é criada), ou postgres://usuario:senha@servidor/nome"},
	"cli.flag.surveys":        {"es": "una carpeta de archivos de encuesta adicionales", "en": "a folder of extra survey files", "pt": "uma pasta de arquivos de pesquisa adicionais"},
	"cli.flag.demo":           {"es": "crear el municipio, las consultas y las respuestas sintéticas de demostración", "en": "create the demo municipality, consultations and synthetic responses", "pt": "criar o município, as consultas e as respostas sintéticas de demonstração"},
	"cli.flag.log_level":      {"es": "debug, info, warn o error", "en": "debug, info, warn or error", "pt": "debug, info, warn ou error"},
	"cli.flag.secure_cookies": {"es": "marcar las cookies como Secure (cuando se sirve por HTTPS)", "en": "mark cookies Secure (when served over HTTPS)", "pt": "marcar os cookies como Secure (quando servido por HTTPS)"},
	"cli.flag.behind_proxy":   {"es": "creer X-Forwarded-Proto de un proxy inverso para las cookies Secure", "en": "trust X-Forwarded-Proto from a reverse proxy for Secure cookies", "pt": "confiar em X-Forwarded-Proto de um proxy reverso para os cookies Secure"},
	"cli.flag.trusted_proxies": {
		"es": "con --behind-proxy: cuántos proxies añaden a X-Forwarded-For (0: no se cree la cabecera)",
		"en": "with --behind-proxy: how many proxies append to X-Forwarded-For (0: the header is not believed)",
		"pt": "com --behind-proxy: quantos proxies acrescentam a X-Forwarded-For (0: o cabeçalho não é aceito)"},
	"cli.flag.public_url": {
		"es": "la dirección en la que se llega a Consulta (https://consulta.example.org); la usan todos los enlaces absolutos y códigos QR",
		"en": "the address people reach Consulta at (https://consulta.example.org); every absolute link and QR code uses it",
		"pt": "o endereço em que as pessoas chegam ao Consulta (https://consulta.example.org); todos os links absolutos e códigos QR o usam"},
	"cli.flag.kiosk_grace_days": {
		"es": "días después del cierre en que una consulta aún recibe la cola sin conexión de los quioscos de sus sesiones",
		"en": "days after closing during which a consultation still takes the offline queue of its sessions' kiosks",
		"pt": "dias depois do encerramento em que uma consulta ainda recebe a fila offline dos quiosques das suas sessões"},
	"cli.flag.memory_limit": {
		"es": "límite suave de memoria en MiB para el montón de Go (0: ninguno; GOMEMLIMIT tiene prioridad)",
		"en": "soft memory limit in MiB for the Go heap (0: none; GOMEMLIMIT wins)",
		"pt": "limite suave de memória em MiB para o heap do Go (0: nenhum; GOMEMLIMIT tem prioridade)"},
	"cli.flag.k": {
		"es": "umbral de protección: nunca se publica un conteo de 1 a k-1 (nunca menos de 3)",
		"en": "protection threshold: no count from 1 to k-1 is ever published (never below 3)",
		"pt": "limiar de proteção: nenhuma contagem de 1 a k-1 é publicada (nunca abaixo de 3)"},
	"cli.flag.results_every": {
		"es": "antigüedad que pueden tener los resultados: las respuestas nuevas se buscan como mucho con esta frecuencia (0: en cada solicitud)",
		"en": "results may be this stale: new responses are looked for at most this often (0: every request)",
		"pt": "quão antigos os resultados podem estar: as respostas novas são buscadas no máximo com esta frequência (0: a cada solicitação)"},
	"cli.flag.results_kept": {
		"es": "consultas que se guardan en memoria para los resultados (se olvidan primero las leídas hace más tiempo)",
		"en": "consultations kept in memory for results (the least recently read are forgotten first)",
		"pt": "consultas mantidas na memória para os resultados (as lidas há mais tempo são esquecidas primeiro)"},
	"cli.flag.name":           {"es": "nombre de la cuenta", "en": "account name", "pt": "nome da conta"},
	"cli.flag.role":           {"es": "admin, planner o facilitator", "en": "admin, planner or facilitator", "pt": "admin, planner ou facilitator"},
	"cli.flag.country":        {"es": "país de un municipio que aún no existe (se crea)", "en": "country of a municipality that does not exist yet (it is created)", "pt": "país de um município que ainda não existe (ele é criado)"},
	"cli.flag.password_stdin": {"es": "leer la contraseña de la entrada estándar en lugar de generar una", "en": "read the password from standard input instead of generating one", "pt": "ler a senha da entrada padrão em vez de gerar uma"},
	"cli.flag.municipality":   {"es": "municipio al que pertenece la cuenta (repítalo para varios)", "en": "municipality the account belongs to (repeat for several)", "pt": "município ao qual a conta pertence (repita para vários)"},
	"cli.flag.user":           {"es": "cuenta en nombre de la cual actúa el token", "en": "account the token acts as", "pt": "conta em nome da qual o token age"},
	"cli.flag.label":          {"es": "para qué es el token", "en": "what the token is for", "pt": "para que serve o token"},
	"cli.flag.id":             {"es": "número del token (de token list)", "en": "token id (from token list)", "pt": "número do token (de token list)"},
	"cli.flag.backup_to":      {"es": "el archivo nuevo que escribir (no debe existir)", "en": "the new file to write (it must not exist)", "pt": "o arquivo novo a escrever (não deve existir)"},
	"cli.flag.migrate_db":     {"es": "el archivo de base SQLite que copiar (detenga antes el servidor)", "en": "the SQLite database file to copy (stop the server first)", "pt": "o arquivo de banco SQLite a copiar (pare o servidor antes)"},
	"cli.flag.migrate_to": {
		"es": "la base PostgreSQL vacía a la que copiar: postgres://usuario:contraseña@servidor/nombre",
		"en": "the empty PostgreSQL database to copy into: postgres://user:password@host/name",
		"pt": "o banco PostgreSQL vazio para onde copiar: postgres://usuario:senha@servidor/nome"},
	"cli.flag.import_o": {"es": "archivo de encuesta que escribir (por omisión: la salida estándar)", "en": "survey file to write (default: standard output)", "pt": "arquivo de pesquisa a escrever (padrão: a saída padrão)"},
	"cli.flag.export_o": {"es": "libro que escribir (por omisión: ID-DE-LA-ENCUESTA.xlsx)", "en": "workbook to write (default: SURVEY-ID.xlsx)", "pt": "pasta de trabalho a escrever (padrão: ID-DA-PESQUISA.xlsx)"},

	// serve
	"cli.trusted_proxies": {
		"es": "consulta: --trusted-proxies necesita --behind-proxy y un número de 0 o más",
		"en": "consulta: --trusted-proxies needs --behind-proxy and a count of 0 or more",
		"pt": "consulta: --trusted-proxies precisa de --behind-proxy e de um número de 0 ou mais"},
	"cli.kiosk_grace_days": {
		"es": "consulta: --kiosk-grace-days debe ir de 1 a 365",
		"en": "consulta: --kiosk-grace-days must be from 1 to 365",
		"pt": "consulta: --kiosk-grace-days deve ir de 1 a 365"},

	// user and token
	"cli.no_account": {"es": "consulta: no hay ninguna cuenta llamada %q", "en": "consulta: no account named %q", "pt": "consulta: não há nenhuma conta chamada %q"},
	"cli.password_short": {
		"es": "consulta: la contraseña debe tener al menos %d caracteres",
		"en": "consulta: the password must have at least %d characters",
		"pt": "consulta: a senha deve ter pelo menos %d caracteres"},
	"cli.new_password": {
		"es": "contraseña nueva de %s (se muestra una sola vez): %s",
		"en": "new password for %s (shown once): %s",
		"pt": "senha nova de %s (mostrada uma só vez): %s"},
	"cli.password_changed": {"es": "contraseña de %s cambiada", "en": "password of %s changed", "pt": "senha de %s alterada"},
	"cli.active":           {"es": "activa", "en": "active", "pt": "ativa"},
	"cli.disabled":         {"es": "desactivada", "en": "disabled", "pt": "desativada"},
	"cli.token_active":     {"es": "activo", "en": "active", "pt": "ativo"},
	"cli.token_revoked":    {"es": "revocado", "en": "revoked", "pt": "revogado"},
	"cli.name_rule": {
		"es": "consulta: --name necesita de 3 a 64 caracteres sin espacios ni comillas",
		"en": "consulta: --name needs 3 to 64 characters without spaces or quotes",
		"pt": "consulta: --name precisa de 3 a 64 caracteres sem espaços nem aspas"},
	"cli.role_rule": {
		"es": "consulta: --role debe ser admin, planner o facilitator",
		"en": "consulta: --role must be admin, planner or facilitator",
		"pt": "consulta: --role deve ser admin, planner ou facilitator"},
	"cli.needs_municipality": {
		"es": "consulta: las cuentas planner y facilitator necesitan al menos un --municipality",
		"en": "consulta: planners and facilitators need at least one --municipality",
		"pt": "consulta: as contas planner e facilitator precisam de pelo menos um --municipality"},
	"cli.create_municipality": {
		"es": "consulta: crear el municipio %q: %v",
		"en": "consulta: create municipality %q: %v",
		"pt": "consulta: criar o município %q: %v"},
	"cli.no_municipality": {
		"es": "consulta: no hay ningún municipio llamado %q; añada --country para crearlo",
		"en": "consulta: no municipality named %q; add --country to create it",
		"pt": "consulta: não há nenhum município chamado %q; acrescente --country para criá-lo"},
	"cli.account_exists": {
		"es": "consulta: ya existe una cuenta llamada %q",
		"en": "consulta: an account named %q already exists",
		"pt": "consulta: já existe uma conta chamada %q"},
	"cli.account_created": {"es": "cuenta %s (%s) creada", "en": "account %s (%s) created", "pt": "conta %s (%s) criada"},
	"cli.password_once": {
		"es": "contraseña (se muestra una sola vez): %s",
		"en": "password (shown once): %s",
		"pt": "senha (mostrada uma só vez): %s"},
	"cli.no_active_account": {
		"es": "consulta: no hay ninguna cuenta activa llamada %q",
		"en": "consulta: no active account named %q",
		"pt": "consulta: não há nenhuma conta ativa chamada %q"},
	"cli.token_id": {
		"es": "consulta: --id debe ser un número de token de `consulta token list`",
		"en": "consulta: --id must be a token number from `consulta token list`",
		"pt": "consulta: --id deve ser um número de token de `consulta token list`"},
	"cli.no_active_token": {"es": "consulta: no hay ningún token activo %d", "en": "consulta: no active token %d", "pt": "consulta: não há nenhum token ativo %d"},
	"cli.token_revoked_n": {"es": "token %d revocado", "en": "token %d revoked", "pt": "token %d revogado"},

	// backup
	"cli.backup_postgres": {
		"es": `consulta: backup copia un archivo SQLite; esta base es PostgreSQL, cuyas propias herramientas la respaldan:
  pg_dump --format=custom --file=consulta-$(date +%%F).dump '%s'
y para restaurarla en una base vacía:
  pg_restore --no-owner --dbname='postgres://…/consulta' consulta-AAAA-MM-DD.dump
(xxxxx es la contraseña: escríbala ahí, o quítela y defina PGPASSWORD). Las copias propias y la
recuperación a un momento dado de un servicio PostgreSQL gestionado hacen lo mismo. El volcado
contiene también las claves de las cookies: guárdelo como la base misma.
`,
		"en": `consulta: backup copies a SQLite file; this database is PostgreSQL, whose own tools back it up:
  pg_dump --format=custom --file=consulta-$(date +%%F).dump '%s'
and to restore into an empty database:
  pg_restore --no-owner --dbname='postgres://…/consulta' consulta-YYYY-MM-DD.dump
(xxxxx is the password: write it there, or leave it out and set PGPASSWORD). A managed
PostgreSQL service's own backups and point-in-time recovery do the same. The dump holds the
cookie keys too: guard it as the database itself.
`,
		"pt": `consulta: backup copia um arquivo SQLite; este banco é PostgreSQL, cujas próprias ferramentas fazem a cópia:
  pg_dump --format=custom --file=consulta-$(date +%%F).dump '%s'
e para restaurar em um banco vazio:
  pg_restore --no-owner --dbname='postgres://…/consulta' consulta-AAAA-MM-DD.dump
(xxxxx é a senha: escreva-a aí, ou tire-a e defina PGPASSWORD). As cópias próprias e a
recuperação a um ponto no tempo de um serviço PostgreSQL gerenciado fazem o mesmo. O dump
contém também as chaves dos cookies: guarde-o como o próprio banco.
`},
	"cli.backup_to": {
		"es": "consulta: --to nombra el archivo de copia que escribir",
		"en": "consulta: --to names the backup file to write",
		"pt": "consulta: --to indica o arquivo de cópia a escrever"},
	"cli.backup_written": {"es": "copia escrita en %s", "en": "backup written to %s", "pt": "cópia escrita em %s"},

	// migrate-db
	"cli.migrate_to": {
		"es": "consulta: --to nombra la base PostgreSQL a la que copiar: postgres://usuario:contraseña@servidor/nombre",
		"en": "consulta: --to names the PostgreSQL database to copy into: postgres://user:password@host/name",
		"pt": "consulta: --to indica o banco PostgreSQL para onde copiar: postgres://usuario:senha@servidor/nome"},
	"cli.migrate_from": {
		"es": "consulta: --db nombra el archivo SQLite del que copiar",
		"en": "consulta: --db names the SQLite file to copy from",
		"pt": "consulta: --db indica o arquivo SQLite de onde copiar"},
	"cli.migrate_not_empty": {
		"es": "consulta: %v\nNo se copió nada. Una copia que falla deja la base vacía, así que esta o ya terminó antes o pertenece a otra cosa.\n",
		"en": "consulta: %v\nNothing was copied. A copy that failed leaves the database empty, so this one either finished before or belongs to something else.\n",
		"pt": "consulta: %v\nNada foi copiado. Uma cópia que falha deixa o banco vazio, então esta ou já terminou antes ou pertence a outra coisa.\n"},
	"cli.migrate_failed": {
		"es": "consulta: copia: %v\nNo se copió nada; la base PostgreSQL está tan vacía como antes, así que el comando se puede volver a ejecutar.\n",
		"en": "consulta: copy: %v\nNothing was copied; the PostgreSQL database is as empty as before, so the command can be run again.\n",
		"pt": "consulta: cópia: %v\nNada foi copiado; o banco PostgreSQL está tão vazio quanto antes, então o comando pode ser executado de novo.\n"},
	// A table's line: the counts are columns, so "rows" stays a heading-like plural.
	"cli.migrate_table": {"es": "%-22s %9d filas, %9d en PostgreSQL", "en": "%-22s %9d rows, %9d in PostgreSQL", "pt": "%-22s %9d linhas, %9d no PostgreSQL"},
	"cli.migrate_done": {
		"es": "%s copiada en %s; cada tabla tiene tantas filas como el origen.",
		"en": "copied %s into %s; every table holds as many rows as the source.",
		"pt": "%s copiado para %s; cada tabela tem tantas linhas quanto a origem."},
	"cli.migrate_keys": {
		"es": "Copie el archivo cookie-keys que está junto a %s en ./data de la carpeta donde el servidor arranque primero, o todos tendrán que volver a iniciar sesión.",
		"en": "Copy the cookie-keys file beside %s into ./data of the folder the server first starts in, or everyone signs in again.",
		"pt": "Copie o arquivo cookie-keys que está ao lado de %s para ./data da pasta onde o servidor iniciar primeiro, ou todos terão de entrar de novo."},
}

func init() {
	add(cliXLSFormMessages)
}

// cliXLSFormMessages are what the two XLSForm commands say.
var cliXLSFormMessages = map[string]Text{
	"cli.usage_import": {"es": "uso: consulta import-xlsform FORMULARIO.xlsx [-o surveys/NOMBRE.yaml]",
		"en": "usage: consulta import-xlsform FORM.xlsx [-o surveys/NAME.yaml]",
		"pt": "uso: consulta import-xlsform FORMULARIO.xlsx [-o surveys/NOME.yaml]"},
	"cli.usage_export": {"es": "uso: consulta export-xlsform ENCUESTA [-o ARCHIVO.xlsx]   (un archivo .yaml o el id de una encuesta incluida)",
		"en": "usage: consulta export-xlsform SURVEY [-o FILE.xlsx]   (a .yaml file or the id of a built-in survey)",
		"pt": "uso: consulta export-xlsform PESQUISA [-o ARQUIVO.xlsx]   (um arquivo .yaml ou o id de uma pesquisa incluída)"},
	"cli.error": {"es": "error", "en": "error", "pt": "erro"},
	"cli.note":  {"es": "nota", "en": "note", "pt": "nota"},
	"cli.nothing": {"es": "%d errores: no se ha escrito nada",
		"en": "%d errors: nothing was written",
		"pt": "%d erros: nada foi escrito"},
	"cli.imported": {"es": "%s: encuesta %s, versión %s, %d preguntas",
		"en": "%s: survey %s, version %s, %d questions",
		"pt": "%s: pesquisa %s, versão %s, %d perguntas"},
	"cli.exported": {"es": "%s: encuesta %s, versión %s, como XLSForm",
		"en": "%s: survey %s, version %s, as XLSForm",
		"pt": "%s: pesquisa %s, versão %s, como XLSForm"},
	"cli.unknown_survey": {"es": "no hay ninguna encuesta %q (ni archivo ni id de una encuesta incluida)",
		"en": "there is no survey %q (neither a file nor the id of a built-in survey)",
		"pt": "não existe nenhuma pesquisa %q (nem arquivo nem id de uma pesquisa incluída)"},
	"cli.read":  {"es": "no se puede leer %s: %v", "en": "cannot read %s: %v", "pt": "não é possível ler %s: %v"},
	"cli.write": {"es": "no se puede escribir %s: %v", "en": "cannot write %s: %v", "pt": "não é possível escrever %s: %v"},
}
