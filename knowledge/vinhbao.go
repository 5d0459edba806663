package knowledge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/motcua/motcua"
)

// Files of a centre's handbook folder (format "vinhbao").
const (
	HandbookFile = "handbook-procedures.json"
	VerifiedFile = "verified-guidance.json"
)

// SourceHandbook names records taken from a centre's own procedure handbook.
const SourceHandbook = "Sổ tay thủ tục của Trung tâm (xã Vĩnh Bảo, Hải Phòng)"

// ImportVinhBaoDir imports a centre's handbook folder into the knowledge
// base in out: the verified guidance becomes verified/<code>.yaml, and the
// handbook's procedures that out does not hold yet (the national crawl lacks
// social assistance and veterans' procedures) become procedures/<code>.yaml.
// Run it after the national import so national records are not replaced.
func ImportVinhBaoDir(in, out string) (ImportStats, error) {
	var st ImportStats
	if f, err := os.Open(filepath.Join(in, VerifiedFile)); err == nil {
		vs, err := ImportVerified(f)
		f.Close()
		if err != nil {
			return st, fmt.Errorf("%s: %w", VerifiedFile, err)
		}
		for _, v := range vs {
			if err := WriteVerified(out, v); err != nil {
				return st, err
			}
			st.Verified++
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return st, err
	}
	f, err := os.Open(filepath.Join(in, HandbookFile))
	if errors.Is(err, fs.ErrNotExist) {
		return st, writeReadme(out)
	} else if err != nil {
		return st, err
	}
	defer f.Close()
	procs, err := ImportHandbook(f)
	if err != nil {
		return st, fmt.Errorf("%s: %w", HandbookFile, err)
	}
	for _, p := range procs {
		if _, err := os.Stat(filepath.Join(out, ProceduresDir, p.Code+".yaml")); err == nil {
			st.Skipped++ // the national record is richer; verified data covers the rest
			continue
		}
		if err := WriteProcedure(out, p); err != nil {
			return st, err
		}
		st.count(p)
	}
	return st, writeReadme(out)
}

type handbookRecord struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Field  string `json:"field"`
	Online string `json:"online"`
	Detail struct {
		Sequence  string `json:"sequence"`
		Documents string `json:"documents"`
		Methods   string `json:"methods"`
		Legal     string `json:"legal"`
	} `json:"detail"`
}

// handbookDate is when the handbook's data was published.
const handbookDate = "2026-09-21"

// ImportHandbook converts a centre handbook (text extracted from the official
// PDF sheets, where line breaks fall inside table cells) into procedures.
func ImportHandbook(r io.Reader) ([]*motcua.Procedure, error) {
	var recs []handbookRecord
	if err := json.NewDecoder(r).Decode(&recs); err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "not a handbook export: %v", err)
	}
	var out []*motcua.Procedure
	for _, h := range recs {
		if strings.TrimSpace(h.Code) == "" {
			continue
		}
		out = append(out, convertHandbook(&h))
	}
	return out, nil
}

func convertHandbook(h *handbookRecord) *motcua.Procedure {
	p := &motcua.Procedure{
		Code:       strings.TrimSpace(h.Code),
		Name:       strings.TrimRight(oneLine(h.Name), "."),
		Field:      oneLine(h.Field),
		Levels:     []string{"Cấp xã"},
		Offices:    []string{"Ủy ban nhân dân cấp xã"},
		Steps:      joinPDFLines(h.Detail.Sequence),
		Methods:    handbookMethods(h.Detail.Methods),
		LegalBasis: handbookLegal(h.Detail.Legal),
		SourceURL:  strings.TrimSpace(h.Online),
		Source:     SourceHandbook,
		DataDate:   handbookDate,
	}
	if docs := handbookDocuments(h.Detail.Documents); len(docs) > 0 {
		p.Documents = []motcua.DocumentGroup{{Name: "Giấy tờ phải nộp", Documents: docs}}
	}
	flagRecord(p)
	return p
}

var pdfNewItem = regexp.MustCompile(`^(?:[-+*•]|Bước\s*\d|\d+[.)]|[a-zđ][)]|\(\d+\))`)

// joinPDFLines joins the lines the PDF broke inside a paragraph, keeping the
// breaks before list items and steps.
func joinPDFLines(s string) string {
	var b strings.Builder
	for i, l := range strings.Split(cleanText(s), "\n") {
		if i > 0 {
			if pdfNewItem.MatchString(l) {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

var (
	countRe = regexp.MustCompile(`\d+\s*bản\s*(?:chính|sao)(?:\s*,\s*\d+(?:\s*bản\s*(?:chính|sao))?)?`)
	formRe  = regexp.MustCompile(`\S+\.(?:docx?|do|pdf|xlsx?)\b`)
)

// handbookDocuments reads the documents table: a row starts on the line that
// carries its count ("1 bản chính"), the lines below continue its name.
func handbookDocuments(s string) []motcua.Document {
	lines := strings.Split(cleanText(s), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "Tên giấy tờ") {
		lines = lines[1:]
	}
	var docs []motcua.Document
	var pre []string
	for _, l := range lines {
		if l == "" {
			continue
		}
		if c := countRe.FindString(l); c != "" || len(docs) == 0 {
			if c == "" {
				pre = append(pre, l)
				continue
			}
			name := strings.TrimSpace(strings.Replace(l, c, " ", 1))
			docs = append(docs, motcua.Document{Name: strings.Join(append(pre, name), " "), Count: oneLine(c)})
			pre = nil
			continue
		}
		d := &docs[len(docs)-1]
		d.Name += " " + l
	}
	for i := range docs {
		d := &docs[i]
		if f := formRe.FindString(d.Name); f != "" {
			d.Form = f
			d.Name = strings.Replace(d.Name, f, " ", 1)
		}
		d.Name = oneLine(d.Name)
		if strings.HasSuffix(d.Count, ", 1") {
			d.Count += " bản sao" // the PDF wrapped "1 bản chính, 1 | bản sao"
			d.Name = oneLine(strings.Replace(d.Name, "bản sao", "", 1))
		}
	}
	return docs
}

// A channel row starts with the channel and then its time or fee; a
// description line may also start with "Trực tuyến hoặc …".
var handbookChannel = regexp.MustCompile(`^(Trực tuyến|Qua bưu điện|Dịch vụ bưu chính|Trực tiếp)\s+((?:\d|Miễn phí|Không có thông tin).*)$`)

var handbookTime = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s+(ngày làm việc|ngày làm|ngày|giờ|tháng)?\s*(.*)$`)

// handbookMethods reads the channels table: "Trực tuyến 10 ngày làm Miễn phí
// description…", with "việc" and the description wrapped onto later lines.
func handbookMethods(s string) []motcua.Method {
	var out []motcua.Method
	var rest []string
	flush := func() {
		if len(out) > 0 {
			m := &out[len(out)-1]
			// "ngày làm | việc" wraps: the second line of the row starts
			// with the end of the time cell.
			if m.TimeUnit == UnitWorkingDays && len(rest) > 1 {
				rest[1] = strings.TrimSpace(strings.TrimPrefix(rest[1], "việc"))
			}
			m.TimeNote = dedupeNote(oneLine(strings.Join(rest, " ")))
		}
		rest = nil
	}
	for _, l := range strings.Split(cleanText(s), "\n") {
		g := handbookChannel.FindStringSubmatch(l)
		if g == nil {
			rest = append(rest, l)
			continue
		}
		flush()
		m := motcua.Method{Kind: methodKind(g[1]), TimeUnit: UnitNone}
		tail := g[2]
		if t := handbookTime.FindStringSubmatch(tail); t != nil {
			m.TimeValue = parseNumber(t[1])
			switch t[2] {
			case "ngày làm", "ngày làm việc":
				m.TimeUnit = UnitWorkingDays
			default:
				m.TimeUnit = normUnit(t[2])
			}
			if m.TimeUnit == "" {
				m.TimeUnit = UnitDays
			}
			tail = t[3]
		}
		if fee, note, desc, ok := splitFeeCell(tail); ok {
			m.Fee, m.FeeNote = fee, note
			tail = desc
		}
		if m.Kind == "" || (m.TimeValue == 0 && m.Fee == "" && tail == "") {
			continue // a stray channel word in a wrapped cell
		}
		out = append(out, m)
		rest = []string{tail}
	}
	flush()
	return out
}

var noteSep = regexp.MustCompile(`\.,\s*`)

// dedupeNote drops the repeats the PDF export makes of one description
// ("x., x., x.").
func dedupeNote(s string) string {
	parts := noteSep.Split(s, -1)
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		k := strings.TrimSuffix(oneLine(p), ".")
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, ". ") + "."
}

var legalRowEnd = regexp.MustCompile(`(?:\d{4}/[A-ZĐ0-9-]*[A-ZĐ0-9]|QH\d+|UBTVQH\d+)$`)

// handbookLegal reads the legal-basis table into one line per document.
func handbookLegal(s string) []string {
	lines := strings.Split(cleanText(s), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "Tên văn bản") {
		lines = lines[1:]
	}
	var out []string
	var cur []string
	for _, l := range lines {
		if l == "" {
			continue
		}
		cur = append(cur, l)
		if legalRowEnd.MatchString(l) {
			out = append(out, oneLine(strings.Join(cur, " ")))
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, oneLine(strings.Join(cur, " ")))
	}
	return out
}
