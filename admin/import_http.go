package admin

import (
	"errors"
	"net/http"

	"github.com/motcua/motcua"
)

// importDossiersHandler loads a CSV body (text/csv) of dossiers. It answers
// 200 with the counts and the refused rows when the file could be read,
// even if some rows were bad (those changed nothing), and 400 when the file
// as a whole is unreadable.
func (s *Server) importDossiersHandler(w http.ResponseWriter, r *http.Request) {
	body := http.MaxBytesReader(w, r.Body, maxCSVBody)
	res, err := ImportDossiers(r.Context(), s.cfg.Dossiers, body, s.cfg.DossierNotice, s.cfg.Now())
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = motcua.Errorf(motcua.EINVALID, "tệp quá lớn (tối đa %d MB)", maxCSVBody>>20)
	}
	if err != nil {
		s.fail(w, r, "dossier.import", err)
		return
	}
	s.audit(r.Context(), "dossier.import", "created", res.Created, "replaced", res.Replaced, "bad_rows", len(res.Errors))
	writeJSON(w, http.StatusOK, res)
}
