package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"consulta/internal/locale"
	"consulta/internal/survey"
	"consulta/internal/xlsform"
	"consulta/static"
	"consulta/surveys"
)

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

func importXLSForm(args []string, lang string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import-xlsform", flag.ContinueOnError)
	fs.SetOutput(stderr)
	langFlag(fs, lang)
	out := fs.String("o", "", locale.T(lang, "cli.flag.import_o"))
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, locale.T(lang, "cli.usage_import"))
		return 2
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		fmt.Fprintln(stderr, locale.T(lang, "cli.read", files[0], err))
		return 1
	}
	res := xlsform.Import(data, xlsform.Options{Name: path.Base(files[0]), Icons: iconNames()})
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "%s: %s: %s\n", files[0], locale.T(lang, "cli.note"), n.Message(lang))
	}
	if len(res.Errors) > 0 {
		for _, p := range res.Errors {
			fmt.Fprintf(stderr, "%s: %s: %s\n", files[0], locale.T(lang, "cli.error"), p.Message(lang))
		}
		fmt.Fprintln(stderr, locale.T(lang, "cli.nothing", len(res.Errors)))
		return 1
	}
	if *out == "" {
		stdout.Write(res.YAML)
		return 0
	}
	if err := os.WriteFile(*out, res.YAML, 0o644); err != nil {
		fmt.Fprintln(stderr, locale.T(lang, "cli.write", *out, err))
		return 1
	}
	fmt.Fprintln(stdout, locale.T(lang, "cli.imported", *out, res.Survey.ID, res.Survey.Version, len(res.Survey.Questions)))
	return 0
}

func exportXLSForm(args []string, lang string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export-xlsform", flag.ContinueOnError)
	fs.SetOutput(stderr)
	langFlag(fs, lang)
	out := fs.String("o", "", locale.T(lang, "cli.flag.export_o"))
	names, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(names) != 1 {
		fmt.Fprintln(stderr, locale.T(lang, "cli.usage_export"))
		return 2
	}
	var sv *survey.Survey
	if _, err := os.Stat(names[0]); err == nil {
		loaded, problems := survey.LoadPaths(names)
		if len(problems) > 0 {
			fmt.Fprintln(stderr, problems.Message(lang))
			return 1
		}
		if len(loaded) != 1 {
			fmt.Fprintln(stderr, locale.T(lang, "cli.usage_export"))
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
		fmt.Fprintln(stderr, locale.T(lang, "cli.unknown_survey", names[0]))
		return 1
	}
	book, err := xlsform.Export(sv)
	if err != nil {
		fmt.Fprintln(stderr, locale.T(lang, "cli.write", sv.ID, err))
		return 1
	}
	if *out == "" {
		*out = sv.ID + ".xlsx"
	}
	if err := os.WriteFile(*out, book, 0o644); err != nil {
		fmt.Fprintln(stderr, locale.T(lang, "cli.write", *out, err))
		return 1
	}
	fmt.Fprintln(stdout, locale.T(lang, "cli.exported", *out, sv.ID, sv.Version))
	return 0
}
