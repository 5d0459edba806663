package main

import (
	"bytes"
	"context"
	"testing"
)

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-token", ""},
		{"-token", "t", "-clients", "0"},
		{"-token", "t", "-clients", "8", "-dossiers", "4"},
	} {
		t.Setenv("MOTCUA_ADMIN_TOKEN", "")
		if err := run(context.Background(), args, &bytes.Buffer{}); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestPercentile(t *testing.T) {
	if pct(nil, 50) != 0 {
		t.Error("empty")
	}
}
