package knowledge

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

func importSample(t *testing.T) map[string]*motcua.Procedure {
	t.Helper()
	f, err := os.Open("testdata/dvcqg-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	procs, err := ImportDVCQG(f)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*motcua.Procedure{}
	for _, p := range procs {
		m[p.Code] = p
	}
	return m
}

// TestImportDVCQG runs the importer on real records with the export's known
// defects and checks how each defect comes out.
func TestImportDVCQG(t *testing.T) {
	procs := importSample(t)
	tests := []struct {
		code     string
		why      string
		flags    []string // must be set
		notFlags []string // must not be set
		time     string   // TimeString of the first channel
		fee      string   // fee of the first channel
	}{
		{"1.001193", "time without unit, sổ hộ khẩu only in the abolishing decree's title",
			[]string{FlagTimeUnitRecovered}, []string{FlagStaleHoKhau, FlagNoDocuments}, "1 ngày làm việc", "Miễn phí"},
		{"1.001570", "unit recovered from the steps text", []string{FlagTimeUnitRecovered, FlagFeeByProvince}, nil, "1 ngày làm việc", "Do HĐND tỉnh quyết định"},
		{"1.000080", "'Miễn phí(Mức lệ phí cụ thể do HĐND tỉnh…)' is not free", []string{FlagFeeByProvince}, nil, "7 ngày làm việc", "Do HĐND tỉnh quyết định"},
		{"1.004884", "asks for sổ hộ khẩu and CMND", []string{FlagStaleHoKhau, FlagStaleCMND}, nil, "5 ngày làm việc", "Do HĐND tỉnh quyết định"},
		{"1.001601", "no documents table; CMND in the misplaced text", []string{FlagNoDocuments, FlagStaleCMND}, nil, "", ""},
		{"2.000717", "office named at cấp huyện", []string{FlagStaleCapHuyen, FlagNoDocuments}, nil, "", "Miễn phí"},
		{"3.000243", "publishing decision's title as name; 'Không có thông tin' fee glued to the description",
			[]string{FlagMislabelled, FlagNoFee}, nil, "7 ngày", ""},
		{"1.003198", "time limit only in the fee note", []string{FlagTimeRecovered}, nil, "15 ngày", "Miễn phí"},
		{"1.014065", "scrambled channel row, time in its text", []string{FlagScrambled, FlagTimeRecovered, FlagNoFee}, nil, "15 ngày", ""},
		{"2.000913", "fee per transaction, no time limit given", []string{FlagNoTime}, []string{FlagNoFee}, UnitNone, "30.000 đồng/giao dịch"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			p := procs[tt.code]
			if p == nil {
				t.Fatalf("%s not imported", tt.code)
			}
			for _, f := range tt.flags {
				if !slices.Contains(p.Flags, f) {
					t.Errorf("%s: flag %s missing (%s); flags %v", tt.code, f, tt.why, p.Flags)
				}
			}
			for _, f := range tt.notFlags {
				if slices.Contains(p.Flags, f) {
					t.Errorf("%s: flag %s set (%s)", tt.code, f, tt.why)
				}
			}
			if len(p.Methods) == 0 {
				t.Fatalf("%s: no channels", tt.code)
			}
			m := p.Methods[0]
			if tt.time != "" && TimeString(m) != tt.time {
				t.Errorf("%s: time %q, want %q (%s)", tt.code, TimeString(m), tt.time, tt.why)
			}
			if tt.fee != "" && m.Fee != tt.fee {
				t.Errorf("%s: fee %q, want %q (%s)", tt.code, m.Fee, tt.fee, tt.why)
			}
			if tt.fee == "" && slices.Contains(tt.flags, FlagNoFee) && m.Fee != "" {
				t.Errorf("%s: fee %q, want none", tt.code, m.Fee)
			}
			for _, m := range p.Methods {
				if m.TimeUnit == "" {
					t.Errorf("%s %s: no time unit", tt.code, m.Kind)
				}
			}
			if p.SourceURL == "" || !strings.HasPrefix(p.Source, SourceDVCQG) || p.DataDate == "" {
				t.Errorf("%s: source lost: %q %q %q", tt.code, p.SourceURL, p.Source, p.DataDate)
			}
		})
	}
}

func TestImportDVCQGSplitsGluedCells(t *testing.T) {
	p := importSample(t)["1.001193"]
	// Legal basis "Title85/2019/TT-BTCTitle104/2022/NĐ-CP…" becomes one line per document.
	if len(p.LegalBasis) < 5 || !strings.HasPrefix(p.LegalBasis[0], "85/2019/TT-BTC — Thông tư") {
		t.Errorf("legal basis not split: %q", p.LegalBasis[:min(2, len(p.LegalBasis))])
	}
	glued := regexp.MustCompile(`(CP|BTP|BTC)(Nghị|Thông|Luật)`)
	for _, l := range p.LegalBasis {
		if glued.MatchString(l) {
			t.Errorf("legal line still glued: %q", l)
		}
	}
	if g := p.Documents[0]; g.Name != "Giấy tờ phải nộp" || strings.HasPrefix(g.Documents[0].Name, "-") {
		t.Errorf("document group not cleaned: %q / %q", g.Name, g.Documents[0].Name)
	}
	for _, g := range p.Documents {
		for _, d := range g.Documents {
			if strings.HasPrefix(d.Count, "0 ") {
				t.Errorf("count %q kept", d.Count)
			}
		}
	}
	// The description glued after the fee is kept as the channel's note.
	q := importSample(t)["3.000243"]
	if !strings.Contains(q.Methods[0].TimeNote, "07 ngày làm việc") {
		t.Errorf("description lost: %q", q.Methods[0].TimeNote)
	}
}

func TestImportDVCQGBadInput(t *testing.T) {
	for _, in := range []string{"", "{", `{"a":1}`, "\x00\x01"} {
		if _, err := ImportDVCQG(strings.NewReader(in)); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("ImportDVCQG(%q) err = %v, want EINVALID", in, err)
		}
	}
}

func TestStaleWording(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Xuất trình sổ hộ khẩu của cha, mẹ", true},
		{"Nghị định số 104/2022/NĐ-CP sửa đổi, bổ sung một số điều của các nghị định liên quan đến việc nộp, xuất trình sổ hộ khẩu, sổ tạm trú giấy", false},
		{"Nghị định 104/2022/NĐ-CP bãi bỏ yêu cầu nộp sổ hộ khẩu. Người dân vẫn phải nộp sổ hộ khẩu.", true},
	}
	for _, tt := range tests {
		if got := hasStale(tt.text, staleWords[1].re); got != tt.want {
			t.Errorf("hasStale(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
