package web

import (
	"html/template"
	"net/url"
	"strings"

	"consulta/internal/results"
	"consulta/internal/store"
)

// resultsLinks are the results page's links, each carrying the filter. They are built with
// url.Values, so the query reaches the href as a query, never escaped a second time inside it.
type resultsLinks struct {
	Results, Report, XLSX, JSON template.URL
	CSV, CSVOther               template.URL // the reader's spreadsheet dialect first, the other second
	CSVSemicolon                bool         // whether CSV is the semicolon dialect
	Clear                       template.URL
}

// filterValues is a filter as URL query values, in the names filterFrom reads.
func filterValues(f results.Filter) url.Values {
	v := url.Values{}
	for name, value := range map[string]string{"session": f.Session, "channel": f.Channel, "from": f.From, "to": f.To} {
		if value != "" {
			v.Set(name, value)
		}
	}
	if f.Dimension != "" && f.Value != "" {
		v.Set("only", f.Dimension+":"+f.Value)
	}
	return v
}

// withQuery joins a path and query values into a URL the template may place in an href as it is:
// url.Values.Encode escapes every value, so nothing in it can leave the attribute.
func withQuery(path string, v url.Values) template.URL {
	if len(v) == 0 {
		return template.URL(path)
	}
	return template.URL(path + "?" + v.Encode())
}

func linksFor(consultation string, f results.Filter, lang string) resultsLinks {
	base := "/consultations/" + url.PathEscape(consultation)
	q := filterValues(f)
	semi, comma := url.Values{}, url.Values{}
	for k, vs := range q {
		semi[k], comma[k] = vs, vs
	}
	semi.Set("csv", csvSemicolon)
	comma.Set("csv", csvComma)
	l := resultsLinks{Results: withQuery(base+"/results", q), Report: withQuery(base+"/report", q),
		XLSX: withQuery(base+"/results.xlsx", q), JSON: withQuery("/api/consultations/"+url.PathEscape(consultation)+"/results", q),
		Clear: template.URL(base + "/results")}
	if csvDialect(lang, "") == csvSemicolon {
		l.CSV, l.CSVOther, l.CSVSemicolon = withQuery(base+"/results.csv", semi), withQuery(base+"/results.csv", comma), true
	} else {
		l.CSV, l.CSVOther = withQuery(base+"/results.csv", comma), withQuery(base+"/results.csv", semi)
	}
	return l
}

// filterText says in words what a report is restricted to, or that it holds everyone.
func filterText(lang string, f results.Filter, sessions []*store.Session) string {
	var parts []string
	if f.Session != "" {
		name := f.Session
		for _, s := range sessions {
			if s.ID == f.Session {
				name = s.Place + " (" + s.HeldOn + ")"
			}
		}
		parts = append(parts, T(lang, "results.session")+": "+name)
	}
	if f.Channel != "" {
		parts = append(parts, T(lang, "results.channel")+": "+T(lang, "channel."+f.Channel))
	}
	if f.From != "" {
		parts = append(parts, T(lang, "results.from")+": "+f.From)
	}
	if f.To != "" {
		parts = append(parts, T(lang, "results.to")+": "+f.To)
	}
	if f.Dimension != "" && f.Value != "" {
		parts = append(parts, T(lang, "results.only")+": "+dimLabel(lang, f.Dimension, f.Value))
	}
	if len(parts) == 0 {
		return T(lang, "council.no_filter")
	}
	return strings.Join(parts, " · ")
}
