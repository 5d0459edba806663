package search

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

func cacheCatalog(extra ...*motcua.Procedure) *memCatalog {
	return newMemCatalog(append([]*motcua.Procedure{
		{Code: "1", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Levels: []string{"Cấp xã"}},
		{Code: "3", Name: "Đăng ký kết hôn", Field: "Hộ tịch", Levels: []string{"Cấp xã"}},
	}, extra...))
}

func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(dir, cacheSub))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func topCode(t *testing.T, x *Index, q string) string {
	t.Helper()
	res, err := x.Search(context.Background(), q, 3)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search %q: %v %v", q, res.Hits, err)
	}
	return res.Hits[0].Code
}

func TestOpenCachesAndRebuilds(t *testing.T) {
	dir := t.TempDir()
	lex := &knowledge.Lexicon{Abbreviations: map[string]string{"ks": "khai sinh"}}
	x, err := Open(cacheCatalog(), lex, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := topCode(t, x, "dang ky ks"); got != "1" {
		t.Errorf("built: got %s", got)
	}
	x.Close()
	first := cacheEntries(t, dir)
	if len(first) != 1 {
		t.Fatalf("cache entries %v", first)
	}

	// The second start opens the same entry.
	x, err = Open(cacheCatalog(), lex, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := topCode(t, x, "ket hon"); got != "3" {
		t.Errorf("cached: got %s", got)
	}
	x.Close()
	if again := cacheEntries(t, dir); len(again) != 1 || again[0] != first[0] {
		t.Errorf("reopened %v, want %v", again, first)
	}

	// A changed catalogue is a new entry; the old one goes.
	cat := cacheCatalog(&motcua.Procedure{Code: "9", Name: "Đăng ký tạm trú", Field: "Cư trú"})
	x, err = Open(cat, lex, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := topCode(t, x, "tam tru"); got != "9" {
		t.Errorf("rebuilt: got %s", got)
	}
	x.Close()
	if now := cacheEntries(t, dir); len(now) != 1 || now[0] == first[0] {
		t.Errorf("after change %v (before %v)", now, first)
	}
}

// Two replicas starting at once on an empty cache both get a working index.
func TestOpenConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			x, err := Open(cacheCatalog(), nil, dir)
			if err == nil {
				if got := topCode(t, x, "dang ky ket hon"); got != "3" {
					t.Errorf("replica %d: got %s", i, got)
				}
				err = x.Close()
			}
			errs[i] = err
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: %v", i, err)
		}
	}
	if got := cacheEntries(t, dir); len(got) != 1 {
		t.Errorf("cache entries %v", got)
	}
}

// An unusable cache folder falls back to an index in memory.
func TestOpenUnwritableDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	x, err := Open(cacheCatalog(), nil, file)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := topCode(t, x, "khai sinh"); got != "1" {
		t.Errorf("got %s", got)
	}
}
