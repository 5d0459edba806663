package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua/store/storetest"
)

// BenchmarkPutDossier measures admin upserts over HTTP into the real store,
// from parallel clients as a one-door system syncing would send them.
func BenchmarkPutDossier(b *testing.B) {
	db := storetest.Open(b)
	mux := http.NewServeMux()
	New(Config{Token: testToken, Dossiers: db, Complaints: db}).Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			code := fmt.Sprintf("HS%08d", n.Add(1))
			body, _ := json.Marshal(dossierBody(code))
			req, _ := http.NewRequest("PUT", srv.URL+"/admin/api/v1/dossiers/"+code, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+testToken)
			resp, err := srv.Client().Do(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "upserts/s")
}

// BenchmarkImportCSV measures the CSV import, in rows per second.
func BenchmarkImportCSV(b *testing.B) {
	const rows = 2000
	var sb strings.Builder
	sb.WriteString("code,procedure_code,applicant_name,phone,received_at,due_at,status,note\n")
	for i := range rows {
		fmt.Fprintf(&sb, "HS%08d,1.001193,Nguyễn Văn An,0905123456,02/01/2026,09/01/2026,received,\n", i)
	}
	csv := sb.String()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db := storetest.Open(b)
		b.StartTimer()
		res, err := ImportDossiers(b.Context(), db, strings.NewReader(csv), DefaultDossierNotice, time.Now())
		if err != nil || res.Created != rows {
			b.Fatalf("%+v %v", res, err)
		}
	}
	b.ReportMetric(float64(b.N*rows)/b.Elapsed().Seconds(), "rows/s")
}
