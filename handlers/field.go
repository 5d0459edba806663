package handlers

import (
	"context"
	"slices"
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
	heading := "Lĩnh vực " + field + " có nhiều thủ tục. Bạn cần thủ tục nào? Bạn cũng có thể nhắn cụ thể việc bạn cần làm."
	return e.choose(req.Conv, heading, procs), true
}

// commonLister is a catalogue that knows the procedures a centre handles
// most in each field (knowledge.KB, from its common.yaml).
type commonLister interface {
	Common(field string) []string
	CommonFields() []string
}

// fieldCandidates is how many hits of a search for the field's name rank
// the procedures the catalogue does not list as common.
const fieldCandidates = 30

// mainProcedures lists a field's procedures: those the catalogue lists as
// the centre's most handled, in its order; when it lists none, the field's
// procedures the centre does for citizens (at commune level, not
// mislabelled, one level of each): those the centre has checked itself
// first, shorter names (the general cases) first, then the rest as a search
// for the field's name ranks them.
func (e *Engine) mainProcedures(ctx context.Context, field string) []*motcua.Procedure {
	if cl, ok := e.cfg.Catalog.(commonLister); ok {
		var out []*motcua.Procedure
		for _, code := range cl.Common(field) {
			if p, err := e.cfg.Catalog.Procedure(code); err == nil {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
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
	runes := func(p *motcua.Procedure) int { return len([]rune(trimProcedurePrefix(p.Name))) }
	sort.SliceStable(out, func(i, j int) bool {
		ci, cj := out[i].HasFlag(knowledge.FlagVerified), out[j].HasFlag(knowledge.FlagVerified)
		switch {
		case ci != cj:
			return ci
		case !ci && pos(out[i]) != pos(out[j]):
			return pos(out[i]) < pos(out[j])
		}
		return runes(out[i]) < runes(out[j])
	})
	return out
}

// namedField returns the field the message names and nothing else (filler
// aside): one the centre's settings list, or one its common.yaml does; "".
func (e *Engine) namedField(ws []string) string {
	fields := e.cfg.Centre.Fields
	if cl, ok := e.cfg.Catalog.(commonLister); ok {
		fields = append(slices.Clone(fields), cl.CommonFields()...)
	}
	for _, f := range fields {
		rest, found := newPhraseSet(strings.Join(words(vi.Fold(f)), " ")).remove(padded(ws))
		if found && onlyWords(rest, fieldFiller) {
			return f
		}
	}
	return ""
}

// fieldFiller may surround a field's name ("hỏi về lĩnh vực chứng thực ạ");
// unlike the engine's filler it holds no word that changes the request
// ("mất căn cước" is a lost card, not the field).
var fieldFiller = setOf(`a ak ah oi vang da vay the thi sao gi ve cho hoi xin linh vuc thu tuc cac
	nhe nha ad ban minh toi em anh chi muon`)

// onlyWords reports whether text holds nothing but words of set.
func onlyWords(text string, set map[string]bool) bool {
	for _, w := range strings.Fields(text) {
		if !set[w] {
			return false
		}
	}
	return true
}
