package knowledge

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua"
)

// WriteProcedure writes p to dir/procedures/<code>.yaml, replacing any
// previous file.
func WriteProcedure(dir string, p *motcua.Procedure) error {
	return writeYAML(filepath.Join(dir, ProceduresDir, p.Code+".yaml"), p)
}

// WriteVerified writes v to dir/verified/<code>.yaml.
func WriteVerified(dir string, v *Verified) error {
	return writeYAML(filepath.Join(dir, VerifiedDir, v.Code+".yaml"), v)
}

func writeYAML(file string, v any) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", file, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode %s: %w", file, err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// cleanText tidies free text for a YAML block a person will edit: no tabs,
// no trailing spaces, no runs of blank lines. Trailing spaces would force
// the encoder into an unreadable quoted style.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\t", " ")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// oneLine collapses text to a single line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
