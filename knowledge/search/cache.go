package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

// indexFormat names what the cached index depends on besides the indexed
// text: the analyzer, the fields and their mapping. Change it whenever one
// of them changes, so that old caches are rebuilt.
const indexFormat = "motcua-search-v3 fold+normY+shingle2 name/field/docs/level bm25"

// cacheSub is the folder of dir that holds cached indexes.
const cacheSub = "search-index"

// Open is New with the index cached on disk under dir (MOTCUA_DATA_DIR):
// the first start builds it, later starts open it in a fraction of the
// time. The cache is keyed by a hash of exactly what is indexed (each
// procedure's fields, after the lexicon has spelt out abbreviations) and
// of indexFormat, so editing the catalogue or the lexicon rebuilds it.
// Replicas that start together each build into a folder of their own and
// rename it into place; the loser of the race opens the winner's. With
// dir empty, or when the cache cannot be used, Open builds in memory.
func Open(cat motcua.Catalog, lex *knowledge.Lexicon, dir string) (*Index, error) {
	if dir == "" {
		return New(cat, lex)
	}
	c := compileLexicon(lex)
	root := filepath.Join(dir, cacheSub)
	path := filepath.Join(root, cacheKey(cat, c))
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		idx, err = buildCache(root, path, cat, c)
	}
	if err != nil {
		return New(cat, lex) // a read-only or full disk must not stop the service
	}
	pruneCache(root, filepath.Base(path))
	return wrap(idx, cat, c, false)
}

// cacheKey hashes what the index holds.
func cacheKey(cat motcua.Catalog, lex *lexicon) string {
	h := sha256.New()
	h.Write([]byte(indexFormat))
	enc := json.NewEncoder(h)
	for _, p := range cat.Procedures() {
		h.Write([]byte(p.Code))
		enc.Encode(docOf(p, lex))
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// buildCache builds the index in a private folder beside path, renames it
// to path and opens it read-only.
func buildCache(root, path string, cat motcua.Catalog, lex *lexicon) (bleve.Index, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("search: cache: %w", err)
	}
	tmp, err := os.MkdirTemp(root, "tmp-")
	if err != nil {
		return nil, fmt.Errorf("search: cache: %w", err)
	}
	defer os.RemoveAll(tmp) // left over only when the rename failed
	m, err := viMapping()
	if err != nil {
		return nil, err
	}
	built := filepath.Join(tmp, "index")
	idx, err := fill(built, m, cat, lex)
	if err != nil {
		return nil, err
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("search: cache: %w", err)
	}
	if err := os.Rename(built, path); err != nil && !exists(path) {
		return nil, fmt.Errorf("search: cache: %w", err)
	}
	// Renamed, or another replica was first: either way path is complete.
	idx, err = bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("search: cache: %w", err)
	}
	return idx, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// staleBuild is how old a private build folder must be to count as
// abandoned: building the largest catalogue takes well under a minute.
const staleBuild = time.Hour

// pruneCache removes the indexes of earlier catalogues. Folders being
// built (tmp-…) are left to their builders; a replica still reading a
// removed index keeps its open files until it stops.
func pruneCache(root, keep string) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.Name() == keep {
			continue
		}
		if strings.HasPrefix(e.Name(), "tmp-") {
			// Left by a builder that stopped half-way, or still building.
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < staleBuild {
				continue
			}
		}
		os.RemoveAll(filepath.Join(root, e.Name()))
	}
}
