// Package proc reads the CPU time processes have used, from Linux's /proc and getrusage, for the
// benchmarks that report CPU per response: on a machine whose cores are shared, CPU time is the
// figure that holds when throughput moves with the load.
package proc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Self is the CPU time this process has used, user and system, all its threads.
func Self() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// clockTick is the unit of /proc's CPU times: USER_HZ, 100 on every Linux this runs on.
const clockTick = 10 * time.Millisecond

// CPU reads a process's user and system time from /proc/PID/stat, with the time of its children
// that have exited and been waited for when reaped is true.
func CPU(pid int, reaped bool) (time.Duration, error) {
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

// TreeCPU is a server's CPU with its children's: the living ones read one by one, those that have
// exited through the parent's reaped time.
func TreeCPU(pid int) (time.Duration, error) {
	total, err := CPU(pid, true)
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
		if err != nil || string(fields[1]) != strconv.Itoa(pid) {
			continue // gone since the listing, or not a child
		}
		if t, err := CPU(child, false); err == nil {
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
