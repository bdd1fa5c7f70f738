// Package results owns aggregation, statistics and small-cell suppression as pure functions over rows.
// It must not touch the database or HTTP.
package results
