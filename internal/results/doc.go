// Package results owns aggregation, statistics and the protected table layer (the cell key method) as pure functions over rows.
// It must not touch the database or HTTP.
package results
