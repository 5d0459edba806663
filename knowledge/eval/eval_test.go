package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// fixed answers each question with the codes listed for it.
type fixed map[string]motcua.SearchResult

func (f fixed) Search(_ context.Context, q string, k int) (motcua.SearchResult, error) {
	return f[q], nil
}

func hits(codes ...string) []motcua.Hit {
	var out []motcua.Hit
	for _, c := range codes {
		out = append(out, motcua.Hit{Code: c})
	}
	return out
}

func TestRun(t *testing.T) {
	in := `{"id":"a","q":"qa","gold":["1"],"style":"formal"}
{"id":"b","q":"qb","gold":["2","9"],"style":"formal"}

{"id":"c","q":"qc","gold":["3"],"style":"abbrev"}
{"id":"d","q":"qd","gold":[],"style":"outofscope"}
{"id":"e","q":"qe","gold":[],"style":"outofscope"}
`
	qs, err := ReadQueries(strings.NewReader(in))
	if err != nil || len(qs) != 5 {
		t.Fatalf("ReadQueries: %v, %d", err, len(qs))
	}
	s := fixed{
		"qa": {InScope: true, Confident: true, Hits: hits("1", "5")},
		"qb": {InScope: true, Hits: hits("5", "6", "9")}, // rank 3
		"qc": {InScope: false, Hits: hits("7")},          // missed, wrongly flagged
		"qd": {InScope: false},
		"qe": {InScope: true, Hits: hits("8")},
	}
	rep, err := Run(context.Background(), s, qs, 5)
	if err != nil {
		t.Fatal(err)
	}
	m := rep.All
	near := func(name string, got, want float64) {
		if got < want-1e-9 || got > want+1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("R@1", m.RecallAt1, 1.0/3)
	near("R@3", m.RecallAt3, 2.0/3)
	near("MRR", m.MRR, (1+1.0/3)/3)
	near("OOS flagged", m.OOSFlagged, 0.5)
	near("in-scope flagged", m.InScopeFlagged, 1.0/3)
	near("formal R@1", rep.ByStyle["formal"].RecallAt1, 0.5)
	if len(rep.Misses) != 3 {
		t.Errorf("misses = %d, want 3 (b, c, e)", len(rep.Misses))
	}
}

func TestReadQueriesBadLine(t *testing.T) {
	_, err := ReadQueries(strings.NewReader("{\"q\":\"x\"}\nnot json\n"))
	if motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
}
