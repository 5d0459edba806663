package main

import (
	"context"
	"fmt"
	"io"

	"github.com/motcua/motcua/store"
)

func init() { commands["backup"] = backupCommand }

// pgDumpHelp tells how to back up a PostgreSQL database, which motcua
// leaves to PostgreSQL's own tools.
const pgDumpHelp = `The database is PostgreSQL: back it up with PostgreSQL's own tools, e.g.
  pg_dump --format=custom --file=motcua.dump "$MOTCUA_DB"
and restore into an empty database with
  pg_restore --dbname="$MOTCUA_DB" --no-owner motcua.dump
`

// backupCommand writes a consistent copy of the SQLite database to FILE,
// while the program may keep serving.
func backupCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		return usageError("usage: motcua backup FILE")
	}
	cfg := loadConfig(osGetenv)
	if dbKind(cfg.DB) == "postgres" {
		fmt.Fprint(stderr, pgDumpHelp)
		return fmt.Errorf("no backup made: use pg_dump")
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "motcua: database copied to %s\n", args[0])
	return nil
}
