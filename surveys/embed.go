// Package surveys holds the survey definitions shipped with Consulta, embedded in the binary.
package surveys

import "embed"

//go:embed *.yaml
var FS embed.FS
