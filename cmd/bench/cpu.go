package main

import (
	"errors"
	"time"

	"consulta/internal/proc"
)

// cpuMeter reads the CPU time of the processes a submission run loads: the instances, the
// database server (PostgreSQL's postmaster and its backends; none for SQLite, which runs inside
// the instance) and this program, whose clients send the responses. On a machine where all of
// them share the cores, CPU per response is the figure that throughput moves with.
type cpuMeter struct {
	instances []int
	database  int // the postmaster's pid, 0 for SQLite
}

// cpuSample is the CPU used so far by each side of a run.
type cpuSample struct {
	instances, database, clients time.Duration
	err                          error
}

// cpuShare is CPU per stored response, in milliseconds, by side.
type cpuShare struct {
	Database  float64 `json:"database_ms"`
	Instances float64 `json:"instances_ms"`
	Clients   float64 `json:"clients_ms"`
}

func (m *cpuMeter) sample() cpuSample {
	var s cpuSample
	for _, pid := range m.instances {
		t, err := proc.CPU(pid, true)
		s.instances += t
		s.err = errors.Join(s.err, err)
	}
	if m.database != 0 {
		t, err := proc.TreeCPU(m.database)
		s.database, s.err = t, errors.Join(s.err, err)
	}
	s.clients = proc.Self()
	return s
}

// share divides the CPU used between two samples by the responses stored; nil when a sample
// could not be read or nothing was stored.
func (m *cpuMeter) share(before, after cpuSample, responses int) *cpuShare {
	if m == nil || before.err != nil || after.err != nil || responses == 0 {
		return nil
	}
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(responses) }
	return &cpuShare{Database: per(after.database - before.database), Instances: per(after.instances - before.instances),
		Clients: per(after.clients - before.clients)}
}
