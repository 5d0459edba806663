package split

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextShortIsWhole(t *testing.T) {
	got := Text("  Xin chào  ", 100)
	if len(got) != 1 || got[0] != "Xin chào" {
		t.Fatalf("got %q", got)
	}
	if Text("   ", 10) != nil {
		t.Fatal("blank text should give no parts")
	}
}

func TestTextBoundaries(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"paragraph", "Đoạn một dài.\n\nĐoạn hai.", 16, []string{"Đoạn một dài.", "Đoạn hai."}},
		{"line", "Dòng thứ nhất\nDòng hai", 15, []string{"Dòng thứ nhất", "Dòng hai"}},
		{"sentence", "Câu một ở đây. Câu hai ở đây.", 20, []string{"Câu một ở đây.", "Câu hai ở đây."}},
		{"space", "một hai ba bốn năm sáu", 10, []string{"một hai ba", "bốn năm", "sáu"}},
		{"hard", "aaaaaaaaaaaa", 5, []string{"aaaaa", "aaaaa", "aa"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in, tt.max)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("Text(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestTextLongKeepsEverythingUnderMax(t *testing.T) {
	line := "Giấy tờ phải nộp: Tờ khai đăng ký khai sinh theo mẫu; bản chính giấy chứng sinh.\n"
	s := strings.Repeat(line, 200)
	parts := Text(s, 4000)
	if len(parts) < 2 {
		t.Fatalf("want several parts, got %d", len(parts))
	}
	total := 0
	for _, p := range parts {
		n := utf8.RuneCountInString(p)
		if n > 4000 {
			t.Fatalf("part of %d runes", n)
		}
		if !strings.HasSuffix(p, "giấy chứng sinh.") {
			t.Fatalf("part cut inside a line: %q", p[len(p)-30:])
		}
		total += strings.Count(p, "Giấy tờ phải nộp")
	}
	if total != 200 {
		t.Fatalf("lost lines: %d", total)
	}
}
