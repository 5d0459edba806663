// Package knowledge holds the procedure catalogue: its on-disk format (a
// folder of YAML files that a centre's staff can read and edit), the
// importers that produce it from published data, and its quality check.
package knowledge

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua"
)

// Folder names inside a knowledge base.
const (
	ProceduresDir = "procedures" // one motcua.Procedure per <code>.yaml
	VerifiedDir   = "verified"   // one Verified per <code>.yaml
)

var _ motcua.Catalog = (*KB)(nil)

// KB is a loaded knowledge base: procedures by code, with the centre's
// verified time limits and fees already applied over the national data.
type KB struct {
	byCode   map[string]*motcua.Procedure
	list     []*motcua.Procedure // sorted by code
	verified map[string]*Verified
	common   map[string][]string // folded field → codes (CommonFile)

	commonFields []string // the fields CommonFile names
	diffs        []Disagreement
	problems     []Problem // hard errors found while loading
}

// Problem is a hard error in one file of a knowledge base.
type Problem struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// Load reads a knowledge base from fsys (the folder's root). Files that cannot
// be read or parsed, records without code or name and duplicate codes do not
// stop loading: they are kept as problems for Check, and the rest is served.
// Load fails only when there is no procedures folder at all.
func Load(fsys fs.FS) (*KB, error) {
	kb := &KB{byCode: map[string]*motcua.Procedure{}, verified: map[string]*Verified{}}
	files, err := fs.Glob(fsys, ProceduresDir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("knowledge.Load: %w", err)
	}
	if len(files) == 0 {
		return nil, motcua.Errorf(motcua.EINVALID, "knowledge base has no %s/*.yaml files", ProceduresDir)
	}
	for i, p := range decodeAll[motcua.Procedure](fsys, files) {
		kb.addProcedure(files[i], p.v, p.err)
	}
	vfiles, _ := fs.Glob(fsys, VerifiedDir+"/*.yaml")
	for _, f := range vfiles {
		kb.loadVerified(fsys, f)
	}
	for _, p := range kb.byCode {
		kb.list = append(kb.list, p)
	}
	sort.Slice(kb.list, func(i, j int) bool { return kb.list[i].Code < kb.list[j].Code })
	for _, code := range sortedKeys(kb.verified) {
		if p := kb.byCode[code]; p != nil {
			kb.diffs = append(kb.diffs, applyVerified(p, kb.verified[code])...)
		}
	}
	kb.loadCommon(fsys)
	return kb, nil
}

// decoded is one file's content or the reason it could not be read.
type decoded[T any] struct {
	v   *T
	err error
}

// decodeAll decodes the files in parallel: YAML decoding dominates start-up
// and the files are independent. Results keep the order of files, so
// duplicates are reported the same way on every run.
func decodeAll[T any](fsys fs.FS, files []string) []decoded[T] {
	out := make([]decoded[T], len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				v := new(T)
				err := readYAML(fsys, files[i], v)
				out[i] = decoded[T]{v, err}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func (kb *KB) addProcedure(file string, pp *motcua.Procedure, err error) {
	if err != nil {
		kb.problem(file, err.Error())
		return
	}
	p := *pp
	p.Code, p.Name = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name)
	switch {
	case p.Code == "":
		kb.problem(file, "thiếu mã thủ tục (code)")
		return
	case p.Name == "":
		kb.problem(file, "thiếu tên thủ tục (name)")
	}
	if want := strings.TrimSuffix(path.Base(file), ".yaml"); want != p.Code {
		kb.problem(file, fmt.Sprintf("tên tệp %s.yaml không khớp mã trong tệp %s", want, p.Code))
	}
	if _, dup := kb.byCode[p.Code]; dup {
		kb.problem(file, "trùng mã thủ tục "+p.Code)
		return
	}
	kb.byCode[p.Code] = &p
}

func (kb *KB) loadVerified(fsys fs.FS, file string) {
	var v Verified
	if err := readYAML(fsys, file, &v); err != nil {
		kb.problem(file, err.Error())
		return
	}
	v.Code = strings.TrimSpace(v.Code)
	if v.Code == "" {
		kb.problem(file, "thiếu mã thủ tục (code)")
		return
	}
	if _, dup := kb.verified[v.Code]; dup {
		kb.problem(file, "trùng mã thủ tục "+v.Code)
		return
	}
	kb.verified[v.Code] = &v
}

func (kb *KB) problem(file, msg string) {
	kb.problems = append(kb.problems, Problem{File: file, Message: msg})
}

// readYAML decodes one YAML file strictly, so a misspelt key is reported
// instead of silently dropped.
func readYAML(fsys fs.FS, file string, v any) error {
	f, err := fsys.Open(file)
	if err != nil {
		return fmt.Errorf("không đọc được tệp: %w", err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("tệp YAML lỗi: %w", err)
	}
	return nil
}

// Procedure returns the procedure with the given code, or an ENOTFOUND error.
func (kb *KB) Procedure(code string) (*motcua.Procedure, error) {
	if p, ok := kb.byCode[strings.TrimSpace(code)]; ok {
		return p, nil
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "không có thủ tục mã %q", code)
}

// Procedures returns every procedure, sorted by code. Callers must not
// modify the slice or the procedures.
func (kb *KB) Procedures() []*motcua.Procedure { return kb.list }

// Verified returns the centre-verified data for code, or nil.
func (kb *KB) Verified(code string) *Verified { return kb.verified[code] }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
