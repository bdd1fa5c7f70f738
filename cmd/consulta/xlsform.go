package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"consulta/internal/survey"
	"consulta/internal/xlsform"
	"consulta/static"
	"consulta/surveys"
)

// cliText is what the two XLSForm commands say, in es, en and pt.
var cliText = map[string]survey.Label{
	"usage_import": {"es": "uso: consulta import-xlsform FORMULARIO.xlsx [-o surveys/NOMBRE.yaml]",
		"en": "usage: consulta import-xlsform FORM.xlsx [-o surveys/NAME.yaml]",
		"pt": "uso: consulta import-xlsform FORMULARIO.xlsx [-o surveys/NOME.yaml]"},
	"usage_export": {"es": "uso: consulta export-xlsform ENCUESTA [-o ARCHIVO.xlsx]   (un archivo .yaml o el id de una encuesta incluida)",
		"en": "usage: consulta export-xlsform SURVEY [-o FILE.xlsx]   (a .yaml file or the id of a built-in survey)",
		"pt": "uso: consulta export-xlsform PESQUISA [-o ARQUIVO.xlsx]   (um arquivo .yaml ou o id de uma pesquisa incluída)"},
	"error": {"es": "error", "en": "error", "pt": "erro"},
	"note":  {"es": "nota", "en": "note", "pt": "nota"},
	"nothing": {"es": "%d errores: no se ha escrito nada",
		"en": "%d errors: nothing was written",
		"pt": "%d erros: nada foi escrito"},
	"imported": {"es": "%s: encuesta %s, versión %s, %d preguntas",
		"en": "%s: survey %s, version %s, %d questions",
		"pt": "%s: pesquisa %s, versão %s, %d perguntas"},
	"exported": {"es": "%s: encuesta %s, versión %s, como XLSForm",
		"en": "%s: survey %s, version %s, as XLSForm",
		"pt": "%s: pesquisa %s, versão %s, como XLSForm"},
	"unknown_survey": {"es": "no hay ninguna encuesta %q (ni archivo ni id de una encuesta incluida)",
		"en": "there is no survey %q (neither a file nor the id of a built-in survey)",
		"pt": "não existe nenhuma pesquisa %q (nem arquivo nem id de uma pesquisa incluída)"},
	"read":  {"es": "no se puede leer %s: %v", "en": "cannot read %s: %v", "pt": "não é possível ler %s: %v"},
	"write": {"es": "no se puede escribir %s: %v", "en": "cannot write %s: %v", "pt": "não é possível escrever %s: %v"},
}

// parseInterleaved parses flags placed before or after the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// iconNames lists the names of Consulta's icons, for choices whose image matches one.
func iconNames() []string {
	entries, _ := fs.ReadDir(static.FS, "icons")
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".svg"); ok {
			out = append(out, name)
		}
	}
	return out
}

func importXLSForm(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import-xlsform", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", messageLanguage(), "language of the messages: es, en or pt")
	out := fs.String("o", "", "survey file to write (default: standard output)")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, cliText["usage_import"].In(*lang))
		return 2
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, cliText["read"].In(*lang)+"\n", files[0], err)
		return 1
	}
	res := xlsform.Import(data, xlsform.Options{Name: path.Base(files[0]), Icons: iconNames()})
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "%s: %s: %s\n", files[0], cliText["note"].In(*lang), n.Message(*lang))
	}
	if len(res.Errors) > 0 {
		for _, p := range res.Errors {
			fmt.Fprintf(stderr, "%s: %s: %s\n", files[0], cliText["error"].In(*lang), p.Message(*lang))
		}
		fmt.Fprintf(stderr, cliText["nothing"].In(*lang)+"\n", len(res.Errors))
		return 1
	}
	if *out == "" {
		stdout.Write(res.YAML)
		return 0
	}
	if err := os.WriteFile(*out, res.YAML, 0o644); err != nil {
		fmt.Fprintf(stderr, cliText["write"].In(*lang)+"\n", *out, err)
		return 1
	}
	fmt.Fprintf(stdout, cliText["imported"].In(*lang)+"\n", *out, res.Survey.ID, res.Survey.Version, len(res.Survey.Questions))
	return 0
}

func exportXLSForm(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export-xlsform", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", messageLanguage(), "language of the messages: es, en or pt")
	out := fs.String("o", "", "workbook to write (default: SURVEY-ID.xlsx)")
	names, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(names) != 1 {
		fmt.Fprintln(stderr, cliText["usage_export"].In(*lang))
		return 2
	}
	var sv *survey.Survey
	if _, err := os.Stat(names[0]); err == nil {
		loaded, problems := survey.LoadPaths(names)
		if len(problems) > 0 {
			fmt.Fprintln(stderr, problems.Message(*lang))
			return 1
		}
		if len(loaded) != 1 {
			fmt.Fprintln(stderr, cliText["usage_export"].In(*lang))
			return 2
		}
		sv = loaded[0]
	} else {
		builtin, _ := survey.LoadFS(surveys.FS, ".")
		for _, s := range builtin {
			if s.ID == names[0] {
				sv = s
			}
		}
	}
	if sv == nil {
		fmt.Fprintf(stderr, cliText["unknown_survey"].In(*lang)+"\n", names[0])
		return 1
	}
	book, err := xlsform.Export(sv)
	if err != nil {
		fmt.Fprintf(stderr, cliText["write"].In(*lang)+"\n", sv.ID, err)
		return 1
	}
	if *out == "" {
		*out = sv.ID + ".xlsx"
	}
	if err := os.WriteFile(*out, book, 0o644); err != nil {
		fmt.Fprintf(stderr, cliText["write"].In(*lang)+"\n", *out, err)
		return 1
	}
	fmt.Fprintf(stdout, cliText["exported"].In(*lang)+"\n", *out, sv.ID, sv.Version)
	return 0
}
