package search

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/motcua/motcua"
)

// memCatalog is a catalogue held in memory, for tests.
type memCatalog struct {
	list  []*motcua.Procedure
	byKey map[string]*motcua.Procedure
}

func newMemCatalog(ps []*motcua.Procedure) *memCatalog {
	c := &memCatalog{list: ps, byKey: map[string]*motcua.Procedure{}}
	for _, p := range ps {
		c.byKey[p.Code] = p
	}
	return c
}

func (c *memCatalog) Procedure(code string) (*motcua.Procedure, error) {
	if p, ok := c.byKey[code]; ok {
		return p, nil
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "no procedure %s", code)
}

func (c *memCatalog) Procedures() []*motcua.Procedure { return c.list }

// rawCatalog reads the national export directly (names, field, levels,
// documents, steps), for tests that need the real catalogue.
func rawCatalog(t testing.TB, path string) *memCatalog {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("catalogue not available: %v", err)
	}
	var raw []struct {
		Code   string   `json:"ma_thu_tuc"`
		Name   string   `json:"ten_thu_tuc"`
		Field  string   `json:"linh_vuc"`
		Levels []string `json:"cap_thuc_hien"`
		Who    []string `json:"doi_tuong_thuc_hien"`
		Steps  string   `json:"trinh_tu_thuc_hien"`
		Cond   string   `json:"yeu_cau_dieu_kien"`
		Result string   `json:"ket_qua"`
		Docs   []struct {
			Group string `json:"nhom"`
			Items []struct {
				Name string `json:"ten_giay_to"`
			} `json:"giay_to"`
		} `json:"thanh_phan_ho_so"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var ps []*motcua.Procedure
	for _, r := range raw {
		p := &motcua.Procedure{Code: r.Code, Name: r.Name, Field: r.Field, Levels: r.Levels,
			Applicants: r.Who, Steps: r.Steps, Conditions: r.Cond, Result: r.Result}
		for _, g := range r.Docs {
			dg := motcua.DocumentGroup{Name: g.Group}
			for _, it := range g.Items {
				dg.Documents = append(dg.Documents, motcua.Document{Name: it.Name})
			}
			p.Documents = append(p.Documents, dg)
		}
		ps = append(ps, p)
	}
	return newMemCatalog(ps)
}
