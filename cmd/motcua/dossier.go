package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/store"
)

func init() {
	commands["dossier"] = dossierCommand
}

// openDossierStore opens the configured store for the dossier commands; it
// returns the store and a function that closes it.
func openDossierStore(ctx context.Context, cfg Config) (motcua.DossierStore, func() error, error) {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, nil, err
	}
	return db, db.Close, nil
}

const dossierUsage = `Cách dùng:
  motcua dossier import FILE.csv    nạp hồ sơ từ tệp CSV ("-" để đọc từ stdin)

Tệp CSV có dòng tiêu đề với các cột (thứ tự tùy ý):
  code, procedure_code, applicant_name, phone, received_at, due_at, status, note
applicant_name và note có thể bỏ. Ngày giờ dạng dd/mm/yyyy, dd/mm/yyyy HH:MM
hoặc RFC 3339. Dòng đúng được nạp; dòng sai được báo kèm số dòng và không được
nạp; khi có dòng sai lệnh thoát với mã 1.
`

// dossierCommand runs "motcua dossier …".
func dossierCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) != 2 || args[0] != "import" {
		fmt.Fprint(stderr, dossierUsage)
		return usageError("dossier: expected: dossier import FILE.csv")
	}
	cfg := loadConfig(os.Getenv)
	store, closeStore, err := openDossierStore(ctx, cfg)
	if err != nil {
		return fmt.Errorf("dossier import: open store: %w", err)
	}
	defer closeStore()
	return importDossierFile(ctx, store, args[1], stdin, stdout, stderr)
}

// importDossierFile loads one CSV file and reports what happened.
func importDossierFile(ctx context.Context, store motcua.DossierStore, path string, stdin io.Reader, stdout, stderr io.Writer) error {
	in := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("dossier import: %w", err)
		}
		defer f.Close()
		in = f
	}
	res, err := admin.ImportDossiers(ctx, store, in, admin.DefaultDossierNotice, time.Now())
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "%s:%d: %s: %s\n", path, e.Line, orDash(e.Code), e.Reason)
	}
	fmt.Fprintf(stdout, "Đã nạp %d hồ sơ (%d mới, %d cập nhật); %d dòng lỗi.\n", res.Created+res.Replaced, res.Created, res.Replaced, len(res.Errors))
	if motcua.ErrorCode(err) == motcua.EINVALID {
		return fmt.Errorf("dossier import: %s", motcua.ErrorMessage(err))
	} else if err != nil {
		return fmt.Errorf("dossier import: %w", err)
	}
	if len(res.Errors) > 0 {
		return badRowsError(len(res.Errors))
	}
	return nil
}

// badRowsError ends an import that refused some rows with exit code 1.
type badRowsError int

func (e badRowsError) Error() string {
	return fmt.Sprintf("dossier import: %d dòng lỗi không được nạp", int(e))
}

// ExitCode makes the process exit with 1.
func (e badRowsError) ExitCode() int { return 1 }

// orDash returns s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
