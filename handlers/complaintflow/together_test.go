package complaintflow

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/handlers/dossierflow"
)

// TestWithDossierFlow runs both flows together: each gets its own
// messages, and a dossier's "Gửi phản ánh" button starts an intake about it.
func TestWithDossierFlow(t *testing.T) {
	h := newHarness(t, nil)
	dossiers := dossierflow.New(dossierflow.Config{Dossiers: h.db, Attempts: h.db, Catalog: builtinKB(t), Now: h.clock.Now})
	eng, err := handlers.New(handlers.Config{Searcher: noSearch{}, Catalog: builtinKB(t), Conversations: h.db,
		Flows: []handlers.Flow{h.flow, dossiers}, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h.eng = eng
	code := sendComplaint(h, session, "")
	const ch = motcua.ChannelWeb
	h.run(ch, session, []step{
		{text: code, want: []string{"Phản ánh " + code, "Đã tiếp nhận"}},
		{text: "tra cứu hồ sơ", not: []string{"Phản ánh"}},
		{action: "menu"},
		{text: "phản ánh", want: []string{"về việc gì"}},
		{action: "f:dossier", not: []string{"về việc gì"}},
		{action: "f:complaint:dossier:H12-000123", want: []string{"về việc gì"}},
		{action: "f:complaint:cat:late"},
		{text: lateText, want: []string{"hồ sơ H12-000123 phải không"}},
	})
}

// TestComplaintCodeIsNoDossierCode: a complaint's code typed later, with
// the dossier flow asked first, reaches the complaint, not a dossier lookup.
func TestComplaintCodeIsNoDossierCode(t *testing.T) {
	h := newHarness(t, nil)
	dossiers := dossierflow.New(dossierflow.Config{Dossiers: h.db, Attempts: h.db, Catalog: builtinKB(t), Now: h.clock.Now})
	eng, err := handlers.New(handlers.Config{Searcher: noSearch{}, Catalog: builtinKB(t), Conversations: h.db,
		Flows: []handlers.Flow{dossiers, h.flow}, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h.eng = eng
	code := sendComplaint(h, session, "")
	h.run(motcua.ChannelWeb, session, []step{
		{action: "menu"},
		{text: code, want: []string{"Phản ánh " + code}, not: []string{"4 số cuối"}},
	})
}
