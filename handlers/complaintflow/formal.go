package complaintflow

import (
	"sort"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// formalProc is a formal procedure offered after a khiếu nại or tố cáo.
type formalProc struct {
	Code string
	Kind string // formalKhieuNai or formalToCao
}

// formalProcedures finds the khiếu nại and tố cáo procedures of the
// catalogue: codes names them when given; otherwise the procedures of the
// field "Khiếu nại, tố cáo", or failing that those named "Giải quyết khiếu
// nại…" / "Giải quyết tố cáo…". For each kind the commune-level one with
// the shortest (most general) name is taken.
func formalProcedures(cat motcua.Catalog, codes []string) []formalProc {
	if cat == nil {
		return nil
	}
	var cands []*motcua.Procedure
	if len(codes) > 0 {
		for _, code := range codes {
			if p, err := cat.Procedure(code); err == nil {
				cands = append(cands, p)
			}
		}
	} else {
		cands = formalCandidates(cat.Procedures())
	}
	sort.SliceStable(cands, func(i, j int) bool { return moreGeneral(cands[i], cands[j]) })
	var out []formalProc
	seen := map[string]bool{}
	for _, p := range cands {
		kind := procKind(p)
		if kind == "" || seen[kind] {
			continue
		}
		seen[kind] = true
		out = append(out, formalProc{Code: p.Code, Kind: kind})
	}
	return out
}

// formalCandidates selects the procedures of the khiếu nại, tố cáo field,
// or those named for settling a khiếu nại or tố cáo.
func formalCandidates(all []*motcua.Procedure) []*motcua.Procedure {
	var byField, byName []*motcua.Procedure
	for _, p := range all {
		field := vi.Fold(p.Field)
		name := strings.TrimPrefix(vi.Fold(p.Name), "thu tuc ")
		switch {
		case strings.Contains(field, "khieu nai") || strings.Contains(field, "to cao"):
			byField = append(byField, p)
		case strings.HasPrefix(name, "giai quyet khieu nai") || strings.HasPrefix(name, "giai quyet to cao"):
			byName = append(byName, p)
		}
	}
	if len(byField) > 0 {
		return byField
	}
	return byName
}

// procKind tells a khiếu nại procedure from a tố cáo one by its name.
func procKind(p *motcua.Procedure) string {
	name := vi.Fold(p.Name)
	switch {
	case strings.Contains(name, "khieu nai"):
		return formalKhieuNai
	case strings.Contains(name, "to cao"):
		return formalToCao
	}
	return ""
}

// moreGeneral orders procedures: commune level first (where the centre
// is), then shorter names, which are the general ones, then by code.
func moreGeneral(a, b *motcua.Procedure) bool {
	if ax, bx := a.HasLevel("Cấp xã"), b.HasLevel("Cấp xã"); ax != bx {
		return ax
	}
	if la, lb := len([]rune(a.Name)), len([]rune(b.Name)); la != lb {
		return la < lb
	}
	return a.Code < b.Code
}

// formalKind reads which formal procedure the citizen's words name.
func formalKind(fold string) string {
	ws := padded(fold)
	switch {
	case strings.Contains(ws, " khieu nai "):
		return formalKhieuNai
	case strings.Contains(ws, " to cao "):
		return formalToCao
	}
	return ""
}

// formalName is how the summary names the kind.
func formalName(kind string) string {
	switch kind {
	case formalKhieuNai:
		return "khiếu nại"
	case formalToCao:
		return "tố cáo"
	}
	return "khiếu nại, tố cáo"
}

// formalReply explains that a chat message is not a formal khiếu nại or tố
// cáo and how to lodge one, with the procedure cards as buttons ("p:CODE",
// answered by the engine).
func (f *Flow) formalReply(kind string) motcua.Reply {
	var text string
	switch kind {
	case formalKhieuNai:
		text = msgFormalKhieuNai
	case formalToCao:
		text = msgFormalToCao
	default:
		text = msgFormalKhieuNai + "\n\n" + msgFormalToCao
	}
	var buttons []motcua.Button
	for _, p := range f.orderedFormal(kind) {
		label := "Thủ tục khiếu nại"
		if p.Kind == formalToCao {
			label = "Thủ tục tố cáo"
		}
		buttons = append(buttons, motcua.Button{Label: label, Action: "p:" + p.Code})
	}
	if len(buttons) > 0 {
		text += "\n" + msgFormalCards
	}
	return motcua.Reply{Text: text, Buttons: append(buttons, menuButton)}
}

// orderedFormal lists the formal procedures, the kind named first.
func (f *Flow) orderedFormal(kind string) []formalProc {
	out := make([]formalProc, 0, len(f.formal))
	for _, p := range f.formal {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	for _, p := range f.formal {
		if p.Kind != kind {
			out = append(out, p)
		}
	}
	return out
}
