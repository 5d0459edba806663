package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
	"github.com/motcua/motcua/knowledge/search"
)

// loadKB reads the knowledge base in dir ("" for the built-in one) and its
// lexicon. A folder without a lexicon.yaml gets the built-in lexicon: how
// citizens write does not change with the catalogue.
func loadKB(dir string) (*knowledge.KB, *knowledge.Lexicon, error) {
	fsys, err := builtin.Folder(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("knowledge base: %w", err)
	}
	kb, err := knowledge.Load(fsys)
	if err != nil {
		return nil, nil, err
	}
	lexFS := fsys
	if _, err := fs.Stat(fsys, knowledge.LexiconFile); errors.Is(err, fs.ErrNotExist) {
		lexFS = builtin.FS()
	}
	lex, err := knowledge.LoadLexicon(lexFS)
	if err != nil {
		return nil, nil, err
	}
	return kb, lex, nil
}

// openIndex loads the knowledge base and opens its search index; plain
// selects the baseline index without Vietnamese analysis. The index is
// cached in MOTCUA_DATA_DIR when that is set, as the service does; a
// one-off command in a folder of its own leaves nothing behind.
func openIndex(dir string, plain bool) (*search.Index, error) {
	kb, lex, err := loadKB(dir)
	if err != nil {
		return nil, err
	}
	if plain {
		return search.NewPlain(kb)
	}
	return search.Open(kb, lex, os.Getenv("MOTCUA_DATA_DIR"))
}

// kbFlag adds the --kb flag, defaulting to MOTCUA_KB.
func kbFlag(fl *flag.FlagSet) *string {
	return fl.String("kb", loadConfig(os.Getenv).KBDir, "knowledge-base folder (default: MOTCUA_KB, else the built-in one)")
}

// parseAnywhere parses flags that may come before or after the positional
// arguments ("ask --json 'câu hỏi'" and "ask 'câu hỏi' --json" alike).
func parseAnywhere(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
