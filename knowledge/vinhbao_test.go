package knowledge

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestImportVerified(t *testing.T) {
	f, err := os.Open("testdata/verified-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vs, err := ImportVerified(f)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*Verified{}
	for _, v := range vs {
		by[v.Code] = v
	}
	tests := []struct {
		code, kind, time, fee string
	}{
		{"1.001193", "truc_tiep", "", "Miễn phí"},                      // "1 Khác": unit unknown, time left to the national data
		{"2.000913", "", "", "30.000 đồng/giao dịch"},                  // channels only as "DIRECT"
		{"1.001731", "truc_tiep", "3 ngày làm việc", ""},               // "3 WORKING_DAY — note"; fee not published
		{"2.000286", "truc_tiep", "10 ngày làm việc", ""},              // two cases for one channel
		{"1.001612", "", "", "Do HĐND tỉnh quyết định (mức tham khảo"}, // fee set by the province
	}
	for _, tt := range tests {
		v := by[tt.code]
		if v == nil {
			t.Fatalf("%s missing", tt.code)
		}
		if v.VerifiedAt != "2026-09-21" || v.SourceURL == "" {
			t.Errorf("%s: provenance lost: %q %q", tt.code, v.VerifiedAt, v.SourceURL)
		}
		if len(v.Fee) < len(tt.fee) || v.Fee[:len(tt.fee)] != tt.fee {
			t.Errorf("%s: fee %q, want %q…", tt.code, v.Fee, tt.fee)
		}
		if tt.kind == "" {
			continue
		}
		m := findVerifiedMethod(v, tt.kind)
		if m == nil {
			t.Fatalf("%s: no %s channel in %+v", tt.code, tt.kind, v.Methods)
		}
		if got := TimeString(*m); got != tt.time {
			t.Errorf("%s %s: time %q, want %q", tt.code, tt.kind, got, tt.time)
		}
	}
	if m := findVerifiedMethod(by["2.000286"], "truc_tiep"); m == nil || !strings.Contains(m.TimeNote, "15 ngày làm việc") {
		t.Errorf("second case of 2.000286 lost: %+v", m)
	}
}

func TestImportVinhBaoDir(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for src, dst := range map[string]string{"testdata/handbook-sample.json": HandbookFile, "testdata/verified-sample.json": VerifiedFile} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ImportDVCQGFile("testdata/dvcqg-sample.json", out); err != nil {
		t.Fatal(err)
	}
	st, err := ImportVinhBaoDir(in, out)
	if err != nil {
		t.Fatal(err)
	}
	// 1.001193 is national already: the handbook must not replace it.
	if st.Procedures != 3 || st.Skipped != 1 || st.Verified != 6 {
		t.Errorf("stats = %+v", st)
	}
	kb, err := Load(os.DirFS(out))
	if err != nil {
		t.Fatal(err)
	}
	p, err := kb.Procedure("1.003622")
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != SourceHandbook || len(p.Methods) != 2 || TimeString(p.Methods[0]) != "15 ngày" || p.Methods[0].Fee != "Miễn phí" {
		t.Errorf("1.003622 = source %q methods %+v", p.Source, p.Methods)
	}
	if len(p.Documents) != 1 || len(p.Documents[0].Documents) != 1 || p.Documents[0].Documents[0].Count != "1 bản chính" {
		t.Errorf("1.003622 documents = %+v", p.Documents)
	}
	q, _ := kb.Procedure("1.010803")
	if len(q.Methods) != 3 || TimeString(q.Methods[0]) != "10 ngày làm việc" || !slices.Contains(q.Flags, FlagVerified) {
		t.Errorf("1.010803 methods %+v flags %v", q.Methods, q.Flags)
	}
	ks, _ := kb.Procedure("1.001193")
	if ks.Source == SourceHandbook || !slices.Contains(ks.Flags, FlagVerified) {
		t.Errorf("1.001193 source %q flags %v", ks.Source, ks.Flags)
	}
	if r := kb.Check(); r.HardErrors() != 0 {
		t.Errorf("hard errors: %v %v", r.Errors, r.NoUnit)
	}
	if _, err := os.Stat(filepath.Join(out, "README.md")); err != nil {
		t.Errorf("staff README not written: %v", err)
	}
}
