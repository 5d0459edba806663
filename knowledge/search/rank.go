package search

import (
	"sort"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

// communeBonus favours the commune-level variant: a citizen at a commune
// centre who does not say otherwise means the procedure done there.
const communeBonus = 1.08

// agencyPenalty lowers procedures that only organisations or officials
// file: the people who write to the centre are citizens.
const agencyPenalty = 0.85

// closeVariant is how near a commune-level hit of the same field must
// score to the first hit to be preferred to it: the same procedure at
// another level, worded a little differently.
const closeVariant = 0.8

// amendments are the actions that change an earlier decision or record.
// A procedure named for one answers a question that asks for it: "chuyển
// đất trồng cây lên đất ở" is the change of land use itself, not the
// correction of a decision that allowed it.
var amendments = foldAll("điều chỉnh", "đính chính", "gia hạn", "thu hồi", "xóa đăng ký")

// unaskedPenalty lowers a procedure named for an amendment the question
// does not mention.
const unaskedPenalty = 0.85

// meaningBonus favours a procedure whose name holds, word for word, the
// wording a lexicon rule gave the question: scoring counts words, and a
// long name that holds them in order loses to a short one that holds them
// scattered.
const meaningBonus = 1.35

// minMeaningWords is how long a meaning must be to count as a wording
// rather than a common pair of words.
const minMeaningWords = 3

// hints are what re-ranking needs of a question, as padded folded text
// (" dang ki khai sinh "), so that a phrase is found with strings.Contains.
type hints struct {
	asked    string   // the words typed and the lexicon's meanings
	wordings []string // the most specific meanings (the longest)
}

func hintsOf(p parsed) hints {
	h := hints{asked: " " + foldJoin(p.typed) + " "}
	longest := minMeaningWords
	for _, m := range p.meanings {
		h.asked += foldJoin(m) + " "
		longest = max(longest, len(m))
	}
	// A shorter meaning is often a mere synonym ("sổ đỏ" → "giấy chứng
	// nhận quyền sử dụng đất") that many names hold.
	for _, m := range p.meanings {
		if len(m) == longest {
			h.wordings = append(h.wordings, " "+foldJoin(m)+" ")
		}
	}
	return h
}

// unasked reports whether a name (padded folded text) starts with an
// amendment the question does not name.
func (h hints) unasked(name string) bool {
	for _, a := range amendments {
		if strings.HasPrefix(name, a) {
			return !strings.Contains(h.asked, a)
		}
	}
	return false
}

// namesMeaning reports whether a name (padded folded text) holds one of
// the question's most specific meanings as consecutive words.
func (h hints) namesMeaning(name string, exact bool) bool {
	for _, w := range h.wordings {
		if strings.Contains(name, w) || !exact && heldWords(name, w) >= meaningHeld {
			return true
		}
	}
	return false
}

// anyNamesExactly reports whether some hit's name holds a wording as
// written: then only those names count as naming it.
func (x *Index) anyNamesExactly(h hints, hits []motcua.Hit) bool {
	for _, hit := range hits {
		for _, w := range h.wordings {
			if strings.Contains(x.coreName(hit.Code), w) {
				return true
			}
		}
	}
	return false
}

// meaningHeld is the share of a meaning's words a name must hold, in any
// order, to count as naming it when no name holds it as written: "đăng ký
// biến động … chuyển nhượng, tặng cho, thừa kế" is worded apart in the
// name that lists the cases.
const meaningHeld = 0.9

// heldWords is the share of the words of phrase (padded folded text) that
// name holds.
func heldWords(name, phrase string) float64 {
	ws := strings.Fields(phrase)
	if len(ws) < 2*minMeaningWords {
		return 0 // a short wording must be found as written
	}
	n := 0
	for _, w := range ws {
		if strings.Contains(name, " "+w+" ") {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}

// foldAll folds phrases as queries are folded, padded with spaces.
func foldAll(phrases ...string) []string {
	out := make([]string, len(phrases))
	for i, ph := range phrases {
		out[i] = " " + foldJoin(words(ph)) + " "
	}
	return out
}

// rerank applies the level preference, the question's wording and
// amendments, and sorts again.
func (x *Index) rerank(p parsed, hits []motcua.Hit) {
	h := hintsOf(p)
	exact := x.anyNamesExactly(h, hits)
	for i := range hits {
		name := x.coreName(hits[i].Code)
		if h.unasked(name) {
			hits[i].Score *= unaskedPenalty
		}
		if h.namesMeaning(name, exact) {
			hits[i].Score *= meaningBonus
		}
		if hits[i].Procedure.HasLevel(levelCommune) {
			hits[i].Score *= communeBonus
		}
		if !hits[i].Procedure.ForCitizens() {
			hits[i].Score *= agencyPenalty
		}
		if x.unaskedVariant(h, hits, i) {
			hits[i].Score *= variantPenalty
		}
		if hits[i].Procedure.HasFlag(knowledge.FlagMislabelled) {
			hits[i].Score *= mislabelledPenalty
		}
	}
	// Equal scores fall by code: Bleve numbers the documents of a batch
	// in no fixed order, and the same question must get the same answer.
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Code < hits[j].Code
	})
	if len(hits) < 2 || hits[0].Procedure.HasLevel(levelCommune) {
		return
	}
	top := hits[0]
	for i := 1; i < len(hits) && hits[i].Score >= closeVariant*top.Score; i++ {
		if h := hits[i]; h.Procedure.HasLevel(levelCommune) && h.Procedure.Field == top.Procedure.Field &&
			sameStem(h.Name, top.Name) {
			// Move the commune variant first, keeping the order of the rest.
			copy(hits[1:i+1], hits[0:i])
			hits[0] = h
			hits[0].Score, hits[1].Score = top.Score, h.Score
			return
		}
	}
}

// variantPenalty lowers a variant of a procedure that is also among the
// hits ("đăng ký khai tử có yếu tố nước ngoài" beside "đăng ký khai tử")
// when the question does not name what sets the variant apart: a question
// that does not say "nước ngoài" or "lưu động" means the basic procedure.
const variantPenalty = 0.9

// unaskedVariant reports whether hit i's name is another hit's name and more,
// and the question names none of the more.
func (x *Index) unaskedVariant(h hints, hits []motcua.Hit, i int) bool {
	name := x.coreName(hits[i].Code)
	for j := range hits {
		base := x.coreName(hits[j].Code)
		if j == i || len(base) >= len(name) || !strings.HasPrefix(name, base) {
			continue
		}
		for _, w := range strings.Fields(name[len(base):]) {
			// Short syllables ("có", "tố") are typed for other reasons.
			if len(w) > 2 && strings.Contains(h.asked, " "+w+" ") {
				return false
			}
		}
		return true
	}
	return false
}

// mislabelledPenalty lowers records the importer found mislabelled (a
// province's decision filed as a procedure): found only when nothing else is.
const mislabelledPenalty = 0.5

// coreName is a procedure's name as padded folded text, without the
// "Thủ tục" some names start with.
func (x *Index) coreName(code string) string {
	return strings.TrimPrefix(x.stats.folded[code], " thu tuc")
}

// levelCommune is the level a commune centre serves.
const levelCommune = "Cấp xã"

// sameStem reports whether two names start alike (their first six words),
// as the variants of one procedure at different levels do.
func sameStem(a, b string) bool {
	wa, wb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	n := min(6, len(wa), len(wb))
	for i := 0; i < n; i++ {
		if wa[i] != wb[i] {
			return false
		}
	}
	return n > 0
}
