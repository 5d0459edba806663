// Command motcua runs the citizen-services assistant and its tools. With no
// subcommand it is the same as "motcua serve".
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: it gets its arguments and the standard streams.
type command func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error

// commands maps each subcommand name to its implementation; every file of
// this package that adds a subcommand registers it in its init.
var commands = map[string]command{}

const usage = `motcua — trợ lý một cửa

Cách dùng:
  motcua serve                      chạy web chat, API quản trị và các kênh đã cấu hình
  motcua chat                       trò chuyện với bot trong terminal
  motcua ask [--json] [-k N] "câu hỏi"
  motcua search --batch --json [-k N]
  motcua eval --queries FILE [-k N] [--json]
  motcua kb import --format dvcqg --in FILE --out DIR
  motcua kb check [--kb DIR]
  motcua dossier import FILE.csv    nạp hồ sơ từ tệp CSV
  motcua report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
                                    thống kê phục vụ người dân trong khoảng ngày
  motcua backup FILE                sao lưu cơ sở dữ liệu SQLite khi bot vẫn chạy
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	loadDotEnv() // every subcommand reads the same settings
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "motcua:", err)
		os.Exit(exitCode(err))
	}
}

// run dispatches to a subcommand; it is main without the process around it,
// so tests can call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	name := "serve"
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprint(stderr, usage)
		return usageError(fmt.Sprintf("unknown command %q", name))
	}
	return cmd(ctx, args, stdin, stdout, stderr)
}

// usageError is a mistake in the command line (exit code 2).
type usageError string

func (e usageError) Error() string { return string(e) }

// exitCoder lets an error choose the process exit code.
type exitCoder interface{ ExitCode() int }

func exitCode(err error) int {
	if _, ok := err.(usageError); ok {
		return 2
	}
	if e, ok := err.(exitCoder); ok {
		return e.ExitCode()
	}
	return 1
}
