package knowledge

import (
	"fmt"
	"os"

	"github.com/motcua/motcua"
)

// ImportStats summarises one import.
type ImportStats struct {
	Procedures int            // procedure files written
	Verified   int            // verified files written
	Skipped    int            // records left out (already present, or unusable)
	Flags      map[string]int // procedures per flag among those written
}

func (s *ImportStats) count(p *motcua.Procedure) {
	if s.Flags == nil {
		s.Flags = map[string]int{}
	}
	s.Procedures++
	for _, f := range p.Flags {
		s.Flags[f]++
	}
}

// ImportDVCQGFile converts the national-portal export in file and writes one
// procedure file per record under dir, replacing files of the same codes.
func ImportDVCQGFile(file, dir string) (ImportStats, error) {
	var st ImportStats
	f, err := os.Open(file)
	if err != nil {
		return st, err
	}
	defer f.Close()
	procs, err := ImportDVCQG(f)
	if err != nil {
		return st, fmt.Errorf("%s: %w", file, err)
	}
	for _, p := range procs {
		if p.Code == "" {
			st.Skipped++
			continue
		}
		if err := WriteProcedure(dir, p); err != nil {
			return st, err
		}
		st.count(p)
	}
	return st, writeReadme(dir)
}
