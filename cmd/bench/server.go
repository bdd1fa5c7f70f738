package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is one consulta process this program started, listening on a loopback port.
type server struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:PORT
	logPath string
	done    chan struct{} // closed when the process has exited
	startup time.Duration // from exec to the first 200 of /healthz
}

// startServer runs `consulta serve` on a free 127.0.0.1 port and waits until /healthz answers 200.
func startServer(ctx context.Context, binary, dir, db string, demo bool) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := []string{"serve", "--db", db, "--addr", addr, "--log-level", "warn"}
	if demo {
		args = append(args, "--demo")
	}
	logPath := filepath.Join(dir, "server.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(binary, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group keeps a terminal's Ctrl-C for us, so we stop it in order;
	// Pdeathsig kills it if this program dies without cleaning up.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr, logPath: logPath, done: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(s.done)
	}()
	if err := s.waitHealthy(ctx, 3*time.Minute); err != nil {
		s.kill()
		return nil, fmt.Errorf("%s %s: %w\n--- server log (last lines) ---\n%s", binary, strings.Join(args, " "), err, s.logTail(20))
	}
	s.startup = time.Since(start)
	return s, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// waitHealthy polls /healthz every 10 ms until it answers 200, the process exits or time runs out.
func (s *server) waitHealthy(ctx context.Context, limit time.Duration) error {
	c := &http.Client{Timeout: time.Second, CheckRedirect: noRedirects}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("the server exited (%v) before /healthz answered", s.cmd.ProcessState)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if _, status, err := get(ctx, c, s.base+"/healthz"); err == nil && status == http.StatusOK {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("/healthz did not answer 200 within %s", limit)
}

// stop sends SIGTERM and waits up to limit for a clean exit; past that it kills the process.
func (s *server) stop(limit time.Duration) (took time.Duration, exitCode int, err error) {
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return 0, -1, err
	}
	select {
	case <-s.done:
		return time.Since(start), s.cmd.ProcessState.ExitCode(), nil
	case <-time.After(limit):
		s.kill()
		return time.Since(start), -1, fmt.Errorf("still running %s after SIGTERM; killed", limit)
	}
}

// kill ends the process if it still runs; safe to call more than once.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Kill()
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
	}
}

func (s *server) logTail(n int) string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// memory reads the peak (VmHWM) and current (VmRSS) resident set of a process, in bytes.
func memory(pid int) (peak, current int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text()) // "VmHWM:   123456 kB"
		if len(fields) != 3 || fields[2] != "kB" {
			continue
		}
		kb, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			continue
		}
		switch fields[0] {
		case "VmHWM:":
			peak = kb << 10
		case "VmRSS:":
			current = kb << 10
		}
	}
	if peak == 0 {
		return 0, 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
	}
	return peak, current, sc.Err()
}
