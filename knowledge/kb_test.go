package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/motcua/motcua"
)

const khaiSinh = `code: "1.001193"
name: Thủ tục đăng ký khai sinh
field: Hộ tịch
levels: [Cấp xã]
methods:
  - kind: truc_tiep
    time_value: 1
    time_unit: ngày làm việc
    fee: Miễn phí
  - kind: truc_tuyen
    time_value: 1
    time_unit: ngày làm việc
    fee: Miễn phí
documents:
  - name: Giấy tờ phải nộp
    documents:
      - name: Tờ khai đăng ký khai sinh
        count: 1 bản chính
source_url: https://dichvucong.gov.vn/x
source: Cổng Dịch vụ công quốc gia
flags: [time_unit_recovered]
`

const verifiedKhaiSinh = `code: "1.001193"
verified_at: "2026-09-21"
source: Trung tâm
methods:
  - kind: truc_tiep
    time_value: 2
    time_unit: ngày làm việc
fee: Do HĐND tỉnh quyết định
`

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLoadAppliesVerified(t *testing.T) {
	kb, err := Load(fstest.MapFS{
		"procedures/1.001193.yaml": file(khaiSinh),
		"verified/1.001193.yaml":   file(verifiedKhaiSinh),
		"verified/9.000001.yaml":   file("code: \"9.000001\"\nverified_at: \"2026-09-21\"\nsource: x\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var _ motcua.Catalog = kb
	p, err := kb.Procedure("1.001193")
	if err != nil {
		t.Fatal(err)
	}
	if got := TimeString(p.Methods[0]); got != "2 ngày làm việc" {
		t.Errorf("in-person time = %q, want the verified 2 ngày làm việc", got)
	}
	if got := TimeString(p.Methods[1]); got != "1 ngày làm việc" {
		t.Errorf("online time = %q, want the national 1 ngày làm việc", got)
	}
	for _, m := range p.Methods {
		if m.Fee != "Do HĐND tỉnh quyết định" {
			t.Errorf("%s fee = %q, want the verified one", m.Kind, m.Fee)
		}
	}
	if !slices.Contains(p.Flags, FlagVerified) || !strings.HasPrefix(p.Source, "Cổng Dịch vụ công quốc gia; đã đối chiếu 2026-09-21") || p.SourceURL == "" {
		t.Errorf("verified not recorded: flags %v source %q url %q", p.Flags, p.Source, p.SourceURL)
	}
	r := kb.Check()
	if r.HardErrors() != 0 || r.Procedures != 1 || r.Verified != 2 {
		t.Errorf("report = %+v", r)
	}
	if !slices.Equal(r.Orphans, []string{"9.000001"}) {
		t.Errorf("orphans = %v", r.Orphans)
	}
	// 1 time and 2 fee disagreements.
	if len(r.Disagreements) != 3 {
		t.Errorf("disagreements = %+v", r.Disagreements)
	}
	if r.Flags[FlagTimeUnitRecovered] != 1 || r.Flags[FlagVerified] != 1 {
		t.Errorf("flag counts = %v", r.Flags)
	}
}

func TestLoadHardErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"procedures/1.001193.yaml": file(khaiSinh),
		"procedures/copy.yaml":     file(khaiSinh),                                // duplicate code, wrong file name
		"procedures/2.000001.yaml": file("code: \"2.000001\"\nname: \"\"\n"),      // no name
		"procedures/2.000002.yaml": file("name: Không mã\n"),                      // no code
		"procedures/2.000003.yaml": file("code: [unclosed\n"),                     // not YAML
		"procedures/2.000004.yaml": file("code: \"2.000004\"\nname: X\nnam: Y\n"), // misspelt key
		"procedures/2.000005.yaml": file("code: \"2.000005\"\nname: Y\nmethods:\n  - kind: truc_tiep\n    fee: Miễn phí\n    time_unit: \"\"\n"),
	}
	kb, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := kb.Check()
	// copy.yaml: name mismatch + duplicate; 2.000001; 2.000002; 2.000003; 2.000004.
	if len(r.Errors) != 6 {
		t.Errorf("errors = %v, want 6", r.Errors)
	}
	if !slices.Equal(r.NoUnit, []string{"2.000005"}) || r.HardErrors() != 7 {
		t.Errorf("no unit = %v, hard errors %d", r.NoUnit, r.HardErrors())
	}
	if _, err := kb.Procedure("1.001193"); err != nil {
		t.Errorf("good record not served: %v", err)
	}
	var b strings.Builder
	r.Print(&b)
	if !strings.Contains(b.String(), "trùng mã thủ tục 1.001193") {
		t.Errorf("report does not name the duplicate:\n%s", b.String())
	}
}

func TestLoadEmpty(t *testing.T) {
	if _, err := Load(fstest.MapFS{"README.md": file("x")}); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("err = %v, want EINVALID", err)
	}
}

func TestWriteThenLoad(t *testing.T) {
	dir := t.TempDir()
	st, err := ImportDVCQGFile("testdata/dvcqg-sample.json", dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Procedures != 10 {
		t.Errorf("wrote %d procedures", st.Procedures)
	}
	kb, err := Load(osDirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if r := kb.Check(); r.HardErrors() != 0 || r.Procedures != 10 {
		t.Errorf("report after round trip: %+v", r)
	}
	orig := importSample(t)["1.001193"]
	got, _ := kb.Procedure("1.001193")
	if got.Steps != orig.Steps || len(got.Documents) != len(orig.Documents) || !slices.Equal(got.LegalBasis, orig.LegalBasis) {
		t.Error("1.001193 changed in the YAML round trip")
	}
}

// TestCommon: the centre's most handled procedures by field, looked up
// with or without diacritics; a code the knowledge base lacks is a problem.
func TestCommon(t *testing.T) {
	fsys := fstest.MapFS{
		"procedures/1.001193.yaml": file(khaiSinh),
		CommonFile:                 file("Hộ tịch: [\"1.001193\", \"9.999999\"]\n"),
	}
	kb, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"Hộ tịch", "ho tich", " HỘ TỊCH "} {
		if got := kb.Common(field); !slices.Equal(got, []string{"1.001193"}) {
			t.Errorf("Common(%q) = %v", field, got)
		}
	}
	if r := kb.Check(); r.HardErrors() != 1 || !strings.Contains(fmt.Sprint(r.Errors), "9.999999") {
		t.Errorf("unknown code not reported: %v", r.Errors)
	}
	if got := kb.Common("Đất đai"); got != nil {
		t.Errorf("a field not listed: %v", got)
	}
}
