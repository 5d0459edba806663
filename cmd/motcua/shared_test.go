package main

import (
	"sync"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

// The knowledge base and its search are read-only once built, and building
// them is most of a program's start-up (tens of seconds under -race): the
// tests share one per knowledge-base folder.
func init() {
	type built struct {
		kb   *knowledge.KB
		srch motcua.Searcher
		err  error
	}
	var mu sync.Mutex
	cache := map[string]*built{}
	loadKnowledge = func(cfg Config) (*knowledge.KB, motcua.Searcher, error) {
		mu.Lock()
		defer mu.Unlock()
		b, ok := cache[cfg.KBDir]
		if !ok {
			b = &built{}
			b.kb, b.srch, b.err = openKnowledge(cfg)
			cache[cfg.KBDir] = b
		}
		return b.kb, b.srch, b.err
	}
}
