package knowledge

import (
	"fmt"
	"io"
	"sort"

	"github.com/motcua/motcua"
)

// Report is the quality of a knowledge base as Check sees it.
type Report struct {
	Procedures  int            `json:"procedures"`
	Verified    int            `json:"verified"`
	Flags       map[string]int `json:"flags"`        // procedures carrying each flag
	NoDocuments []string       `json:"no_documents"` // codes
	NoTime      []string       `json:"no_time"`      // codes with a channel lacking a time limit and not "không quy định"
	NoFee       []string       `json:"no_fee"`       // codes with a channel lacking a fee
	NoUnit      []string       `json:"no_unit"`      // codes with a channel row without any time unit
	// Orphans are verified records whose procedure is not in the knowledge base.
	Orphans       []string       `json:"orphans"`
	Disagreements []Disagreement `json:"disagreements"`
	Errors        []Problem      `json:"errors"` // hard errors
}

// Check reports the quality of the knowledge base: flags, incomplete records,
// where the centre's verified data disagrees with the national data, and the
// hard errors met while loading.
func (kb *KB) Check() Report {
	r := Report{
		Procedures:    len(kb.list),
		Verified:      len(kb.verified),
		Flags:         map[string]int{},
		Disagreements: kb.diffs,
		Errors:        kb.problems,
	}
	for _, p := range kb.list {
		checkProcedure(&r, p)
	}
	for _, code := range sortedKeys(kb.verified) {
		if kb.byCode[code] == nil {
			r.Orphans = append(r.Orphans, code)
		}
	}
	return r
}

func checkProcedure(r *Report, p *motcua.Procedure) {
	for _, f := range p.Flags {
		r.Flags[f]++
	}
	docs := 0
	for _, g := range p.Documents {
		docs += len(g.Documents)
	}
	if docs == 0 {
		r.NoDocuments = append(r.NoDocuments, p.Code)
	}
	noTime, noFee, noUnit := len(p.Methods) == 0, len(p.Methods) == 0, false
	for _, m := range p.Methods {
		switch {
		case m.TimeUnit == "":
			noUnit = true
		case m.TimeUnit != UnitNone && m.TimeValue <= 0:
			noTime = true
		}
		if m.TimeUnit == UnitNone && p.HasFlag(FlagNoTime) {
			noTime = true
		}
		if m.Fee == "" {
			noFee = true
		}
	}
	if noTime {
		r.NoTime = append(r.NoTime, p.Code)
	}
	if noFee {
		r.NoFee = append(r.NoFee, p.Code)
	}
	if noUnit {
		r.NoUnit = append(r.NoUnit, p.Code)
	}
}

// HardErrors is the number of problems that make the knowledge base unfit to
// serve as is: unreadable files, missing codes or names, duplicate codes and
// channel rows without a time unit.
func (r Report) HardErrors() int { return len(r.Errors) + len(r.NoUnit) }

// Print writes the report for people.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "Thủ tục: %d   Bản đối chiếu (verified): %d\n", r.Procedures, r.Verified)
	fmt.Fprintln(w, "\nCờ chất lượng (số thủ tục):")
	for _, f := range sortedKeys(r.Flags) {
		fmt.Fprintf(w, "  %-22s %d\n", f, r.Flags[f])
	}
	list := func(title string, codes []string) {
		fmt.Fprintf(w, "\n%s: %d\n", title, len(codes))
		for i := 0; i < len(codes); i += 8 {
			fmt.Fprintf(w, "  %v\n", codes[i:min(i+8, len(codes))])
		}
	}
	list("Không có thành phần hồ sơ", r.NoDocuments)
	list("Thiếu thời hạn giải quyết", r.NoTime)
	list("Thiếu phí, lệ phí", r.NoFee)
	list("Bản đối chiếu không có thủ tục tương ứng", r.Orphans)
	fmt.Fprintf(w, "\nKhác biệt giữa bản đối chiếu và dữ liệu quốc gia: %d\n", len(r.Disagreements))
	d := append([]Disagreement(nil), r.Disagreements...)
	sort.SliceStable(d, func(i, j int) bool { return d[i].Code < d[j].Code })
	for _, x := range d {
		fmt.Fprintf(w, "  %s %-10s %-4s quốc gia %q → đối chiếu %q\n", x.Code, x.Kind, x.Field, x.National, x.Verified)
	}
	fmt.Fprintf(w, "\nLỗi nghiêm trọng: %d\n", r.HardErrors())
	for _, e := range r.Errors {
		fmt.Fprintf(w, "  %s\n", e)
	}
	for _, c := range r.NoUnit {
		fmt.Fprintf(w, "  %s: có kênh nộp thiếu đơn vị thời hạn\n", c)
	}
}
