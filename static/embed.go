// Package static holds the CSS, scripts, icons and vendored libraries, embedded in the binary.
package static

import "embed"

//go:embed css js icons vendor
var FS embed.FS
