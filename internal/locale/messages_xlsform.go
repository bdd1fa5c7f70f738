package locale

func init() {
	add(xlsformMessages)
}

// xlsformMessages are the texts of the survey pages: the list, a survey, the XLSForm import.
var xlsformMessages = map[string]Text{
	"xlsform.surveys":     {"es": "Encuestas", "en": "Surveys", "pt": "Pesquisas"},
	"xlsform.import":      {"es": "Importar un XLSForm", "en": "Import an XLSForm", "pt": "Importar um XLSForm"},
	"xlsform.id":          {"es": "Identificador", "en": "Id", "pt": "Identificador"},
	"xlsform.owner":       {"es": "De", "en": "Belongs to", "pt": "De"},
	"xlsform.builtin":     {"es": "Incluida en Consulta", "en": "Built into Consulta", "pt": "Incluída no Consulta"},
	"xlsform.questions":   {"es": "Preguntas", "en": "Questions", "pt": "Perguntas"},
	"xlsform.version":     {"es": "versión", "en": "version", "pt": "versão"},
	"xlsform.required":    {"es": "obligatoria", "en": "required", "pt": "obrigatória"},
	"xlsform.label":       {"es": "Texto", "en": "Wording", "pt": "Texto"},
	"xlsform.choices":     {"es": "Opciones", "en": "Choices", "pt": "Opções"},
	"xlsform.relevant":    {"es": "Se pregunta si", "en": "Asked when", "pt": "Perguntada se"},
	"xlsform.exclusive":   {"es": "sola", "en": "alone", "pt": "sozinha"},
	"xlsform.download":    {"es": "Descargar como XLSForm (.xlsx)", "en": "Download as XLSForm (.xlsx)", "pt": "Baixar como XLSForm (.xlsx)"},
	"xlsform.survey_page": {"es": "Ver la encuesta", "en": "See the survey", "pt": "Ver a pesquisa"},
	"xlsform.intro": {
		"es": "Suba un formulario XLSForm (.xlsx) de KoboToolbox u ODK. Se comprueba y se muestra antes de guardarlo; no se guarda nada hasta que pulse Guardar. Las preguntas que recogen fotos, audio, ubicación u otros datos que identifican a las personas no se admiten.",
		"en": "Upload an XLSForm (.xlsx) from KoboToolbox or ODK. It is checked and shown before you save it; nothing is stored until you press Save. Questions that collect photos, audio, location or other data that identifies people are not accepted.",
		"pt": "Envie um formulário XLSForm (.xlsx) do KoboToolbox ou do ODK. Ele é verificado e mostrado antes de ser salvo; nada é guardado até você clicar em Salvar. Perguntas que coletam fotos, áudio, localização ou outros dados que identificam as pessoas não são aceitas."},
	"xlsform.file":  {"es": "Archivo XLSForm (.xlsx)", "en": "XLSForm file (.xlsx)", "pt": "Arquivo XLSForm (.xlsx)"},
	"xlsform.check": {"es": "Comprobar el formulario", "en": "Check the form", "pt": "Verificar o formulário"},
	"xlsform.errors": {
		"es": "Problemas que impiden importarlo: %d",
		"en": "Problems that stop the import: %d",
		"pt": "Problemas que impedem a importação: %d"},
	"xlsform.nothing_saved": {
		"es": "No se ha guardado nada. Corrija el archivo y vuelva a subirlo.",
		"en": "Nothing was saved. Correct the file and upload it again.",
		"pt": "Nada foi salvo. Corrija o arquivo e envie de novo."},
	"xlsform.notes": {
		"es": "Avisos (se importa igualmente): %d",
		"en": "Notes (it imports anyway): %d",
		"pt": "Avisos (importa mesmo assim): %d"},
	"xlsform.save": {"es": "Guardar como encuesta del municipio", "en": "Save as a survey of the municipality", "pt": "Salvar como pesquisa do município"},
	"xlsform.yaml": {"es": "El archivo de la encuesta (YAML)", "en": "The survey file (YAML)", "pt": "O arquivo da pesquisa (YAML)"},
	"xlsform.choose_file": {
		"es": "Elija un archivo .xlsx para subir.",
		"en": "Choose an .xlsx file to upload.",
		"pt": "Escolha um arquivo .xlsx para enviar."},
	"xlsform.too_large": {
		"es": "El archivo pasa de %d MiB.",
		"en": "The file is larger than %d MiB.",
		"pt": "O arquivo passa de %d MiB."},
	"xlsform.id_builtin": {
		"es": "El identificador %q es de una encuesta incluida en Consulta: cambie form_id en la hoja settings.",
		"en": "Id %q belongs to a survey built into Consulta: change form_id in the settings sheet.",
		"pt": "O identificador %q é de uma pesquisa incluída no Consulta: mude form_id na planilha settings."},
	"xlsform.id_taken": {
		"es": "El identificador %q ya lo usa otra encuesta: cambie form_id en la hoja settings.",
		"en": "Id %q is already used by another survey: change form_id in the settings sheet.",
		"pt": "O identificador %q já é usado por outra pesquisa: mude form_id na planilha settings."},
}
