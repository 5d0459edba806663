package knowledge

import (
	"encoding/json"
	"io"
	"regexp"
	"strings"

	"github.com/motcua/motcua"
)

// SourceVerified names the centre's verified guidance.
const SourceVerified = "Trung tâm xã Vĩnh Bảo (Hải Phòng) đối chiếu nguồn chính thức"

type verifiedGuidance struct {
	Rows []struct {
		Code       string `json:"ma"`
		Status     string `json:"verificationStatus"`
		VerifiedAt string `json:"verifiedAt"`
		Result     string `json:"ketQua"`
		Times      []struct {
			Kind  string `json:"hinhThuc"`
			Value string `json:"giaTri"`
		} `json:"thoiHan"`
		Fees []struct {
			Kind   string  `json:"hinhThuc"`
			Amount *string `json:"mucThu"`
			Status string  `json:"trangThai"`
			Note   string  `json:"ghiChu"`
		} `json:"lePhi"`
		Sources []struct {
			URL  string `json:"url"`
			Role string `json:"sourceRole"`
		} `json:"sources"`
	} `json:"rows"`
}

// ImportVerified converts a centre's verified guidance into Verified records:
// time limits only where the unit is known, fees only where published.
func ImportVerified(r io.Reader) ([]*Verified, error) {
	var g verifiedGuidance
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "not a verified-guidance file: %v", err)
	}
	var out []*Verified
	for _, row := range g.Rows {
		code := strings.TrimSpace(row.Code)
		if code == "" || !strings.HasPrefix(row.Status, "verified") {
			continue
		}
		v := &Verified{Code: code, VerifiedAt: row.VerifiedAt, Source: SourceVerified, Result: oneLine(row.Result)}
		for _, s := range row.Sources {
			if s.Role == "central_content_reference" || v.SourceURL == "" {
				v.SourceURL = s.URL
			}
		}
		for _, t := range row.Times {
			addVerifiedTime(v, methodKind(t.Kind), oneLine(t.Value))
		}
		var fees, notes []string
		for _, f := range row.Fees {
			if f.Amount == nil {
				continue
			}
			fee, note := verifiedFee(*f.Amount)
			fees = appendNew(fees, fee)
			notes = appendNew(notes, note)
		}
		v.Fee, v.FeeNote = strings.Join(fees, "; "), strings.Join(notes, "\n")
		out = append(out, v)
	}
	return out, nil
}

var verifiedTime = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s+(\S+(?: \S+)*?)(?:\s+—\s+(.*))?$`)

// addVerifiedTime adds one "thoiHan" row: "5 Ngày làm việc", "3 WORKING_DAY —
// note", "Không quy định"; "1 Khác" (unit unknown) and bare channel names
// ("ONLINE") give no time.
func addVerifiedTime(v *Verified, kind, value string) {
	if kind == "" {
		kind = methodKind(value) // "Không xác định" + "DIRECT"
		value = ""
	}
	if kind == "" {
		return
	}
	m := motcua.Method{Kind: kind}
	if g := verifiedTime.FindStringSubmatch(value); g != nil {
		if unit := normUnit(g[2]); unit != "" && unit != UnitNone {
			m.TimeValue, m.TimeUnit, m.TimeNote = parseNumber(g[1]), unit, g[3]
		}
	} else if normUnit(value) == UnitNone {
		m.TimeUnit = UnitNone
	}
	for i := range v.Methods {
		old := &v.Methods[i]
		if old.Kind != kind {
			continue
		}
		// A second row for the same channel is another case ("10 ngày … xã;
		// 15 ngày … tỉnh"): the first stays, the others go to the note.
		if old.TimeUnit == "" {
			*old = m
		} else if m.TimeUnit != "" && TimeString(m) != TimeString(*old) {
			old.TimeNote = joinNote(old.TimeNote, TimeString(m)+": "+m.TimeNote)
		}
		return
	}
	v.Methods = append(v.Methods, m)
}

var verifiedAmount = regexp.MustCompile(`^([\d.,]+)\s*(Việt Nam Đồng|VNĐ|USD)?\s*(?:—\s*(.*))?$`)

// verifiedFee renders one "mucThu": "0", "0 — note", "150,000 Việt Nam Đồng
// — note", "2,000 Việt Nam Đồng — /trang", or plain text.
func verifiedFee(s string) (fee, note string) {
	s = oneLine(s)
	g := verifiedAmount.FindStringSubmatch(s)
	if g == nil {
		return s, ""
	}
	amount, currency, note := g[1], g[2], strings.TrimSpace(g[3])
	per := ""
	if strings.HasPrefix(note, "/") {
		per, note = note, ""
	}
	if parseNumber(strings.ReplaceAll(strings.ReplaceAll(amount, ",", ""), ".", "")) == 0 {
		amount = ""
	}
	head := "Miễn phí"
	if amount != "" {
		head = ""
	}
	return shortFee(head, amount, currency, note) + per, note
}

func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
