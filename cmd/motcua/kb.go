package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
)

func init() { commands["kb"] = runKB }

const kbUsage = `Cách dùng:
  motcua kb import --format dvcqg|vinhbao --in FILE|DIR --out DIR
  motcua kb check [--kb DIR]
`

func runKB(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, kbUsage)
		return usageError("kb: missing subcommand")
	}
	switch args[0] {
	case "import":
		return kbImport(args[1:], stdout, stderr)
	case "check":
		return kbCheck(args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, kbUsage)
	return usageError(fmt.Sprintf("kb: unknown subcommand %q", args[0]))
}

func kbImport(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("kb import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "dvcqg", "input format: dvcqg (national portal JSON) or vinhbao (centre handbook folder)")
	in := fl.String("in", "", "input file (dvcqg) or folder (vinhbao)")
	out := fl.String("out", "", "knowledge-base folder to write")
	if err := fl.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *in == "" || *out == "" {
		return usageError("kb import: --in and --out are required")
	}
	var (
		st  knowledge.ImportStats
		err error
	)
	switch *format {
	case "dvcqg":
		st, err = knowledge.ImportDVCQGFile(*in, *out)
	case "vinhbao":
		st, err = knowledge.ImportVinhBaoDir(*in, *out)
	default:
		return usageError(fmt.Sprintf("kb import: unknown format %q", *format))
	}
	if err != nil {
		return fmt.Errorf("kb import: %w", err)
	}
	fmt.Fprintf(stdout, "%s → %s: %d thủ tục, %d bản đối chiếu\n", *in, *out, st.Procedures, st.Verified)
	for _, f := range sortedFlags(st.Flags) {
		fmt.Fprintf(stdout, "  %-22s %d\n", f, st.Flags[f])
	}
	// An import adds to the folder (the handbook's to the national ones):
	// say so when it holds more than this import wrote.
	if files, _ := filepath.Glob(filepath.Join(*out, knowledge.ProceduresDir, "*.yaml")); len(files) > st.Procedures {
		fmt.Fprintf(stdout, "Thư mục có tất cả %d thủ tục (các tệp có từ trước được giữ nguyên).\n", len(files))
	}
	return nil
}

// hardErrors makes "kb check" exit with code 3 when the knowledge base has
// hard errors, so scripts and CI can tell them from a crash (1) or misuse (2).
type hardErrors int

func (e hardErrors) Error() string { return fmt.Sprintf("kb check: %d lỗi nghiêm trọng", int(e)) }

// ExitCode implements exitCoder.
func (e hardErrors) ExitCode() int { return 3 }

func kbCheck(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("kb check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("kb", os.Getenv("MOTCUA_KB"), "knowledge-base folder (default: MOTCUA_KB, else the built-in one)")
	if err := fl.Parse(args); err != nil {
		return usageError(err.Error())
	}
	fsys, err := builtin.Folder(*dir)
	if err != nil {
		return fmt.Errorf("kb check: %w", err)
	}
	kb, err := knowledge.Load(fsys)
	if err != nil {
		if motcua.ErrorCode(err) == motcua.EINVALID {
			fmt.Fprintln(stdout, motcua.ErrorMessage(err))
			return hardErrors(1)
		}
		return fmt.Errorf("kb check: %w", err)
	}
	r := kb.Check()
	r.Print(stdout)
	if n := r.HardErrors(); n > 0 {
		return hardErrors(n)
	}
	return nil
}

func sortedFlags(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
