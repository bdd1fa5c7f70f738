package proc

import (
	"crypto/sha256"
	"os"
	"testing"
	"time"
)

// TestCPUFollowsWork: after burning a quarter of a second of CPU, getrusage and /proc agree on it
// (to the /proc tick), and a missing process is an error.
func TestCPUFollowsWork(t *testing.T) {
	self0 := Self()
	proc0, err := CPU(os.Getpid(), false)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1<<16)
	for start := time.Now(); time.Since(start) < 250*time.Millisecond; {
		sum := sha256.Sum256(b)
		b[0] = sum[0]
	}
	self := Self() - self0
	p, err := CPU(os.Getpid(), false)
	if err != nil {
		t.Fatal(err)
	}
	byProc := p - proc0
	if self < 150*time.Millisecond {
		t.Errorf("getrusage counted %s for 250 ms of work", self)
	}
	if diff := byProc - self; diff < -50*time.Millisecond || diff > 50*time.Millisecond {
		t.Errorf("/proc counted %s, getrusage %s", byProc, self)
	}
	if tree, err := TreeCPU(os.Getpid()); err != nil || tree < p {
		t.Errorf("TreeCPU = %s, %v; want at least the process's own %s", tree, err, p)
	}
	if _, err := CPU(1<<30, false); err == nil {
		t.Error("a process that does not exist has a CPU time")
	}
}
