package llm

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// ErrUngrounded marks a model answer that does not stand on the records it
// was given; the caller sends the plain procedure card instead.
var ErrUngrounded = errors.New("answer not grounded in the procedure records")

// codeRe finds procedure codes (mã TTHC) such as 1.001193 or 2.000815.
var codeRe = regexp.MustCompile(`\b\d{1,2}\.\d{5,6}\b`)

// stalePapers are papers abolished by law that an answer must never ask for.
var stalePapers = []string{"so ho khau", "chung minh nhan dan", "cmnd"}

// Check verifies a model answer against the records it was given: it must
// cite at least one procedure code, only codes among the records, no
// abolished paper, and every listed paper must be found in the records.
func Check(answer string, procs []*motcua.Procedure) error {
	given := map[string]bool{}
	for _, p := range procs {
		given[p.Code] = true
	}
	cited := codeRe.FindAllString(answer, -1)
	if len(cited) == 0 {
		return fmt.Errorf("%w: no procedure code cited", ErrUngrounded)
	}
	for _, c := range cited {
		if !given[c] {
			return fmt.Errorf("%w: code %s was not given", ErrUngrounded, c)
		}
	}
	folded := strings.Join(words(answer), " ")
	for _, s := range stalePapers {
		if strings.Contains(" "+folded+" ", " "+s+" ") {
			return fmt.Errorf("%w: names an abolished paper", ErrUngrounded)
		}
	}
	facts := recordWords(procs)
	for _, item := range listItems(answer) {
		if !grounded(item, facts) {
			return fmt.Errorf("%w: listed item not in the records", ErrUngrounded)
		}
	}
	return nil
}

// listItems returns the lines of answer written as list items, where papers
// are named.
func listItems(answer string) []string {
	var out []string
	for _, line := range strings.Split(answer, "\n") {
		line = strings.TrimSpace(line)
		trimmed := strings.TrimLeft(line, "-•*+0123456789.) ")
		if trimmed != line && trimmed != "" {
			out = append(out, trimmed)
		}
	}
	return out
}

// recordWords is the set of folded words and word pairs of everything the
// records say.
func recordWords(procs []*motcua.Procedure) map[string]bool {
	set := map[string]bool{}
	add := func(s string) {
		w := words(s)
		for i := range w {
			set[w[i]] = true
			if i > 0 {
				set[w[i-1]+" "+w[i]] = true
			}
		}
	}
	for _, p := range procs {
		add(p.Name)
		add(p.Field)
		add(p.Steps)
		add(p.Conditions)
		add(p.Result)
		add(p.Address)
		add(strings.Join(p.Offices, " "))
		add(strings.Join(p.Applicants, " "))
		for _, m := range p.Methods {
			add(m.Fee + " " + m.FeeNote + " " + m.TimeUnit + " " + m.TimeNote)
		}
		for _, g := range p.Documents {
			add(g.Name)
			for _, d := range g.Documents {
				add(d.Name + " " + d.Form + " " + d.Count + " " + d.Note)
			}
		}
	}
	return set
}

// grounded reports whether most word pairs of a listed item occur in the
// records: a paraphrase passes, an invented paper does not.
func grounded(item string, facts map[string]bool) bool {
	w := words(item)
	if len(w) < 3 {
		return true // too short to judge ("Miễn phí")
	}
	pairs, found := 0, 0
	for i := 1; i < len(w); i++ {
		if codeRe.MatchString(w[i-1]) || codeRe.MatchString(w[i]) {
			continue
		}
		pairs++
		if facts[w[i-1]+" "+w[i]] {
			found++
		}
	}
	return pairs == 0 || float64(found)/float64(pairs) >= 0.5
}

// words folds s and splits it into words without punctuation.
func words(s string) []string {
	fields := strings.FieldsFunc(vi.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r > 127)
	})
	out := fields[:0]
	for _, f := range fields {
		if f = strings.Trim(f, "."); f != "" {
			out = append(out, f)
		}
	}
	return out
}
