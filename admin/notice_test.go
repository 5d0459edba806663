package admin

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// TestDossierNoticeMasksNote: a staff note quoting a phone number reaches
// the subscriber masked, as a lookup shows it.
func TestDossierNoticeMasksNote(t *testing.T) {
	d := &motcua.Dossier{Code: "H12-000123", Status: motcua.StatusResultReady,
		Note: "Mời ông An (SĐT 0905123456) đến quầy số 3 nhận kết quả"}
	text := DefaultDossierNotice(d).Text
	if strings.Contains(text, "0905123456") || !strings.Contains(text, "quầy số 3") {
		t.Errorf("notice: %s", text)
	}
}
