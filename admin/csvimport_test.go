package admin

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

const goodAndBadCSV = "\ufeffcode,procedure_code,applicant_name,phone,received_at,due_at,status,note\n" +
	"HS-2026-0001,1.001193,Nguyễn Văn An,0905123456,02/01/2026,09/01/2026,received,\n" + // line 2
	"HS-2026-0002,1.001193,Lê Thị Hoa,0905000111,2026-01-02 08:30,2026-01-12T17:00:00+07:00,processing,\"Đang thẩm định, chờ ký\"\n" +
	"HS-2026-0003,1.001193,Trần Văn Ba,0905000222,31/02/2026,09/03/2026,received,\n" + // line 4: no 31 February
	"HS-2026-0004,1.001193,Phạm Thị Tư,,02/01/2026,09/01/2026,received,\n" + // line 5: no phone
	"HS-2026-0005,1.001193,Võ Văn Năm,0905000333,02/01/2026,09/01/2026,finished,\n" + // line 6: unknown status
	"\"HS-2026-0006,1.001193,\"Đỗ \"Sáu\",0905,02/01/2026,09/01/2026,received,\n" + // line 7: broken quotes
	",,,,,,,\n" + // an empty Excel row, skipped
	"HS-2026-0001,1.001193,Nguyễn Văn An,0905123456,02/01/2026,09/01/2026,received,\n" + // line 9: repeated code
	"hs 2026 0007,2.000001,Mai Văn Bảy,+84 905 000 444,5/1/2026 07:45,6/1/2026,need_supplement,Thiếu bản sao CCCD\n" // line 10

func TestImportDossiers(t *testing.T) {
	store := newTestStore(t, func() time.Time { return testNow })
	res, err := ImportDossiers(t.Context(), store, strings.NewReader(goodAndBadCSV), DefaultDossierNotice, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 3 || res.Replaced != 0 {
		t.Errorf("created %d, replaced %d; want 3, 0", res.Created, res.Replaced)
	}
	wantLines := []int{4, 5, 6, 7, 9}
	if len(res.Errors) != len(wantLines) {
		t.Fatalf("errors = %+v, want lines %v", res.Errors, wantLines)
	}
	for i, e := range res.Errors {
		if e.Line != wantLines[i] || e.Reason == "" {
			t.Errorf("error %d = %+v, want line %d with a reason", i, e, wantLines[i])
		}
	}
	if !strings.Contains(res.Errors[0].Reason, "received_at") || !strings.Contains(res.Errors[1].Reason, "phone") ||
		!strings.Contains(res.Errors[2].Reason, "status") || !strings.Contains(res.Errors[4].Reason, "dòng 2") {
		t.Errorf("reasons do not say what is wrong: %+v", res.Errors)
	}
	d, err := store.Dossier(t.Context(), "HS-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 1, 9, 17, 0, 0, 0, vietnam); !d.DueAt.Equal(want) || !d.ReceivedAt.Equal(time.Date(2026, 1, 2, 0, 0, 0, 0, vietnam)) {
		t.Errorf("dates = %s, %s", d.ReceivedAt, d.DueAt)
	}
	d, err = store.Dossier(t.Context(), "HS20260007")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != motcua.StatusNeedSupplement || d.Note != "Thiếu bản sao CCCD" || !d.ReceivedAt.Equal(time.Date(2026, 1, 5, 7, 45, 0, 0, vietnam)) {
		t.Errorf("dossier 7 = %+v", d)
	}
	for _, code := range []string{"HS-2026-0003", "HS-2026-0004", "HS-2026-0005"} {
		if _, err := store.Dossier(t.Context(), code); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("bad row %s was loaded (%v)", code, err)
		}
	}
	// Loading the same file again replaces, creates nothing new.
	res, err = ImportDossiers(t.Context(), store, strings.NewReader(goodAndBadCSV), DefaultDossierNotice, testNow)
	if err != nil || res.Created != 0 || res.Replaced != 3 {
		t.Errorf("second import = %+v, %v; want 3 replaced", res, err)
	}
}

func TestImportSemicolonsAndColumnOrder(t *testing.T) {
	store := newTestStore(t, func() time.Time { return testNow })
	csv := "Status;Due_At;Received_At;Phone;Procedure_Code;Code;Extra\r\n" +
		"processing;09/01/2026 16:00;02/01/2026 08:00;0905123456;1.001193;HS000001;x\r\n"
	res, err := ImportDossiers(t.Context(), store, strings.NewReader(csv), DefaultDossierNotice, testNow)
	if err != nil || res.Created != 1 || len(res.Errors) != 0 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	d, _ := store.Dossier(t.Context(), "HS000001")
	if d == nil || d.Status != "processing" || !d.DueAt.Equal(time.Date(2026, 1, 9, 16, 0, 0, 0, vietnam)) {
		t.Errorf("dossier = %+v", d)
	}
}

func TestImportBadHeader(t *testing.T) {
	store := newTestStore(t, func() time.Time { return testNow })
	for _, csv := range []string{"", "code,phone\nHS000001,0905123456\n"} {
		if _, err := ImportDossiers(t.Context(), store, strings.NewReader(csv), DefaultDossierNotice, testNow); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("import of %q: err = %v, want invalid", csv, err)
		}
	}
}

func TestImportStatusChangeNotifies(t *testing.T) {
	store := newTestStore(t, func() time.Time { return testNow })
	head := "code,procedure_code,phone,received_at,due_at,status,note\n"
	ImportDossiers(t.Context(), store, strings.NewReader(head+"HS000001,1.001193,0905123456,02/01/2026,09/01/2026,received,\n"), DefaultDossierNotice, testNow)
	store.Subscribe(t.Context(), motcua.Subscription{DossierCode: "HS000001", Channel: "telegram", ChatID: "5"})
	store.ClaimOutbox(t.Context(), 100, time.Minute)
	res, err := ImportDossiers(t.Context(), store, strings.NewReader(head+"HS000001,1.001193,0905123456,02/01/2026,09/01/2026,result_ready,Quầy số 3\n"), DefaultDossierNotice, testNow)
	if err != nil || res.Replaced != 1 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	msgs, _ := store.ClaimOutbox(t.Context(), 100, time.Minute)
	if len(msgs) != 1 || msgs[0].ChatID != "5" || !strings.Contains(msgs[0].Reply.Text, "Quầy số 3") {
		t.Errorf("outbox = %+v", msgs)
	}
}

func TestImportHTTP(t *testing.T) {
	h := newHarness(t)
	st, body := h.do("POST", "/admin/api/v1/dossiers/import", goodAndBadCSV)
	if st != http.StatusOK || body["created"] != float64(3) {
		t.Fatalf("import = %d %v", st, body)
	}
	if errs, _ := body["errors"].([]any); len(errs) != 5 || errs[0].(map[string]any)["line"] != float64(4) {
		t.Errorf("errors = %v", body["errors"])
	}
	if st, body := h.do("POST", "/admin/api/v1/dossiers/import", "nonsense\n"); st != http.StatusBadRequest || body["error"] == nil {
		t.Errorf("bad header = %d %v, want 400", st, body)
	}
	if st, _ := h.do("GET", "/admin/api/v1/dossiers/HS-2026-0002", nil); st != http.StatusOK {
		t.Errorf("imported dossier GET = %d", st)
	}
}
