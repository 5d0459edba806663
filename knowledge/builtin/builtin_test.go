package builtin_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
)

func TestBuiltinLoads(t *testing.T) {
	kb, err := knowledge.Load(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	r := kb.Check()
	if r.HardErrors() != 0 {
		t.Fatalf("built-in knowledge base has %d hard errors: %v %v", r.HardErrors(), r.Errors, r.NoUnit)
	}
	if n := len(kb.Procedures()); n < 321 {
		t.Errorf("built-in knowledge base has %d procedures, want at least 321", n)
	}
	p, err := kb.Procedure("1.001193")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Thủ tục đăng ký khai sinh" || !p.HasLevel("Cấp xã") || len(p.Documents) == 0 || p.SourceURL == "" {
		t.Errorf("1.001193 = %q levels %v, %d document groups, source %q", p.Name, p.Levels, len(p.Documents), p.SourceURL)
	}
	for _, q := range kb.Procedures() {
		for _, m := range q.Methods {
			if m.TimeUnit == "" {
				t.Errorf("%s %s: channel without time unit", q.Code, m.Kind)
			}
		}
	}
	if _, err := kb.Procedure("9.999999"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
		t.Errorf("missing code: err = %v, want ENOTFOUND", err)
	}
}

func TestFolder(t *testing.T) {
	fsys, err := builtin.Folder("")
	if err != nil || fsys == nil {
		t.Fatalf("Folder(\"\") = %v, %v", fsys, err)
	}
	dir := t.TempDir()
	if _, err := builtin.Folder(dir); err != nil {
		t.Errorf("Folder(existing dir): %v", err)
	}
	if _, err := builtin.Folder(dir + "/missing"); err == nil {
		t.Error("Folder(missing dir) succeeded")
	}
}

func BenchmarkLoadBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := knowledge.Load(builtin.FS()); err != nil {
			b.Fatal(err)
		}
	}
}
