package handlers

import (
	"testing"

	"github.com/motcua/motcua"
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
