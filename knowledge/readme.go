package knowledge

import (
	_ "embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed kbreadme.md
var kbReadme []byte

// writeReadme puts the staff guide into a knowledge-base folder unless one is
// already there (staff may have adapted it).
func writeReadme(dir string) error {
	file := filepath.Join(dir, "README.md")
	if _, err := os.Stat(file); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, kbReadme, 0o644)
}
