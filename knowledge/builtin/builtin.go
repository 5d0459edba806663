// Package builtin holds the knowledge base that ships inside the binary: the
// commune-level procedures of the national catalogue and the centre's
// verified time limits and fees, produced by "motcua kb import" and reviewed
// by staff. Regenerate it with "go generate ./knowledge/builtin" (needs the
// published data next to the repository, see gen.sh).
package builtin

import (
	"embed"
	"io/fs"
	"os"
)

//go:generate sh gen.sh

//go:embed all:kb
var files embed.FS

// FS returns the embedded knowledge base; its root holds procedures/,
// verified/ and README.md.
func FS() fs.FS {
	sub, err := fs.Sub(files, "kb")
	if err != nil {
		panic(err) // "kb" is a valid path compiled into the binary
	}
	return sub
}

// Folder returns the knowledge base to use: the folder dir when it is set
// (MOTCUA_KB), the embedded one otherwise.
func Folder(dir string) (fs.FS, error) {
	if dir == "" {
		return FS(), nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrInvalid}
	}
	return os.DirFS(dir), nil
}
