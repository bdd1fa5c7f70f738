package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
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
		t, err := processCPU(pid, true)
		s.instances += t
		s.err = firstErr(s.err, err)
	}
	if m.database != 0 {
		t, err := treeCPU(m.database)
		s.database, s.err = t, firstErr(s.err, err)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		s.err = firstErr(s.err, err)
	}
	s.clients = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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

// clockTick is the unit of /proc's CPU times: USER_HZ, 100 on every Linux this runs on.
const clockTick = 10 * time.Millisecond

// processCPU reads a process's user and system time from /proc/PID/stat, with the time of its
// children that have exited and been waited for when reaped is true.
func processCPU(pid int, reaped bool) (time.Duration, error) {
	fields, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	// After the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16,
	// cstime 17 of proc(5); fields[0] here is field 3.
	last := 15
	if reaped {
		last = 17
	}
	var ticks int64
	for i := 14; i <= last; i++ {
		n, err := strconv.ParseInt(string(fields[i-3]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat field %d: %w", pid, i, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}

// treeCPU is a server's CPU with its children's: the living ones read one by one, those that have
// exited through the parent's reaped time.
func treeCPU(pid int) (time.Duration, error) {
	total, err := processCPU(pid, true)
	if err != nil {
		return 0, err
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		child, err := strconv.Atoi(filepath.Base(filepath.Dir(path)))
		if err != nil {
			continue
		}
		fields, err := statFields(child)
		if err != nil || len(fields) < 2 || string(fields[1]) != strconv.Itoa(pid) {
			continue // gone since the listing, or not a child
		}
		t, err := processCPU(child, false)
		if err == nil {
			total += t
		}
	}
	return total, nil
}

// statFields splits /proc/PID/stat after the command, which may hold spaces and parentheses.
func statFields(pid int) ([][]byte, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: no command", pid)
	}
	fields := bytes.Fields(b[i+1:])
	if len(fields) < 15 {
		return nil, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(fields))
	}
	return fields, nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
