package handlers

import (
	"context"
	"sort"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/vi"
)

// fieldChoice answers a message that only names a field the centre handles
// ("chứng thực", "hộ tịch"): too broad for one procedure, so the citizen
// chooses among the field's main procedures. ok is false when the message is
// more than a field's name or the field has fewer than two procedures.
func (e *Engine) fieldChoice(ctx context.Context, req *Request, ws []string) (replies []motcua.Reply, ok bool) {
	field := e.namedField(ws)
	if field == "" {
		return nil, false
	}
	procs := e.mainProcedures(ctx, field)
	if len(procs) < 2 {
		return nil, false
	}
	r := e.clarify(req.Conv, procs)
	r[0].Text = strings.Replace(r[0].Text, msgClarify, "Lĩnh vực "+field+" có nhiều thủ tục. "+
		"Bạn cần thủ tục nào? Bạn cũng có thể gõ rõ việc cần làm.", 1)
	return r, true
}

// fieldCandidates is how many hits of a search for the field's name rank
// its procedures.
const fieldCandidates = 50

// mainProcedures lists the procedures of a field that the centre does for
// citizens: at commune level, not mislabelled, one level of each. Those the
// centre has checked itself come first, as the ones it handles most, the
// shorter names (the general cases) first; then the rest, as a search for
// the field's name ranks them.
func (e *Engine) mainProcedures(ctx context.Context, field string) []*motcua.Procedure {
	key := vi.Fold(field)
	rank := map[string]int{}
	if res, err := e.cfg.Searcher.Search(ctx, field, fieldCandidates); err == nil {
		for i, h := range res.Hits {
			rank[h.Code] = i + 1
		}
	}
	pos := func(p *motcua.Procedure) int {
		if r := rank[p.Code]; r > 0 {
			return r
		}
		return fieldCandidates + 1
	}
	var out []*motcua.Procedure
	seen := map[string]bool{}
	for _, p := range e.cfg.Catalog.Procedures() {
		name := strings.ToLower(trimProcedurePrefix(p.Name))
		if seen[name] || !p.HasLevel("Cấp xã") || !p.ForCitizens() || p.HasFlag(knowledge.FlagMislabelled) ||
			!strings.Contains(vi.Fold(p.Field), key) {
			continue
		}
		seen[name] = true
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		vi, vj := out[i].HasFlag(knowledge.FlagVerified), out[j].HasFlag(knowledge.FlagVerified)
		if vi != vj {
			return vi
		}
		// Among the centre's own, the general cases; among the rest, what
		// the search ranks first.
		li, lj := len([]rune(trimProcedurePrefix(out[i].Name))), len([]rune(trimProcedurePrefix(out[j].Name)))
		if pi, pj := pos(out[i]), pos(out[j]); !vi && pi != pj {
			return pi < pj
		}
		return li < lj
	})
	return out
}

// namedField returns the centre field the message names and nothing else
// (filler aside), as configured, or "".
func (e *Engine) namedField(ws []string) string {
	for _, f := range e.cfg.Centre.Fields {
		if isWhole(newPhraseSet(strings.Join(words(vi.Fold(f)), " ")), ws) {
			return f
		}
	}
	return ""
}
