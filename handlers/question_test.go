package handlers

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// TestChoiceLabelsIgnoreCase: two names that differ only in capitals read
// the same on a button, so the code tells them apart.
func TestChoiceLabelsIgnoreCase(t *testing.T) {
	procs := []*motcua.Procedure{
		{Code: "3.000335", Name: "Cấp Phiếu lý lịch tư pháp theo yêu cầu của cơ quan tiến hành tố tụng"},
		{Code: "3.000334", Name: "Cấp Phiếu Lý lịch tư pháp theo yêu cầu của cơ quan nhà nước"},
	}
	labels := choiceLabels(procs)
	if labels[0] == labels[1] || len(labels[0]) == 0 {
		t.Fatalf("labels %q", labels)
	}
	for i, l := range labels {
		if want := "(" + procs[i].Code + ")"; len(l) < len(want) || l[len(l)-len(want):] != want {
			t.Errorf("label %q lacks %s", l, want)
		}
	}
}

func TestTypedNumber(t *testing.T) {
	for text, want := range map[string]int{"2": 2, "số 3 ạ": 3, "cái thứ hai": 2, "chọn 1 nhé": 1, "4.": 4} {
		if n, ok := typedNumber(words(vi.Fold(text))); !ok || n != want {
			t.Errorf("%q: %d %v, want %d", text, n, ok, want)
		}
	}
	for _, text := range []string{"", "2 bản sao", "khai sinh", "1 2", "phí bao nhiêu", "thứ 7", "thứ năm"} {
		if n, ok := typedNumber(words(vi.Fold(text))); ok {
			t.Errorf("%q read as choice %d", text, n)
		}
	}
}

// TestChoiceExpires: a number typed long after the question is about
// something else.
func TestChoiceExpires(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	conv := &motcua.Conversation{Flow: choiceName, FlowData: []byte(`["1.001193","1.000894"]`), UpdatedAt: now.Add(-time.Hour)}
	req := &Request{Conv: conv, Text: "2", Fold: "2", Now: now}
	if _, err := (choiceFlow{}).Handle(context.Background(), req); !errors.Is(err, ErrPass) {
		t.Errorf("an hour later: err = %v, want ErrPass", err)
	}
	conv.UpdatedAt = now.Add(-time.Minute)
	req.Text, req.Fold = "99", "99"
	if _, err := (choiceFlow{}).Handle(context.Background(), req); !errors.Is(err, ErrPass) {
		t.Errorf("99: err = %v, want ErrPass", err)
	}
}
