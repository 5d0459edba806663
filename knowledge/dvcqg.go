package knowledge

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/motcua/motcua"
)

// SourceDVCQG names records imported from the national public-service portal.
const SourceDVCQG = "Cổng Dịch vụ công quốc gia"

// dvcqgRecord is one record of the national-portal export (see the export's
// README for the meaning of each key).
type dvcqgRecord struct {
	Code       string        `json:"ma_thu_tuc"`
	Name       string        `json:"ten_thu_tuc"`
	Ministry   string        `json:"bo_nganh"`
	Field      string        `json:"linh_vuc"`
	Levels     []string      `json:"cap_thuc_hien"`
	Applicants []string      `json:"doi_tuong_thuc_hien"`
	Office     string        `json:"co_quan_thuc_hien"`
	OfficeList []string      `json:"co_quan_thuc_hien_theo_danh_sach"`
	Authority  string        `json:"co_quan_co_tham_quyen"`
	Address    string        `json:"dia_chi_tiep_nhan"`
	Steps      string        `json:"trinh_tu_thuc_hien"`
	Methods    []dvcqgMethod `json:"cach_thuc_thuc_hien"`
	Groups     []dvcqgGroup  `json:"thanh_phan_ho_so"`
	GroupsRaw  string        `json:"thanh_phan_ho_so_raw"`
	Conditions string        `json:"yeu_cau_dieu_kien"`
	Result     string        `json:"ket_qua"`
	LegalCodes []string      `json:"can_cu_phap_ly_ma_van_ban"`
	LegalRaw   string        `json:"can_cu_phap_ly_raw"`
	URL        string        `json:"nguon_url"`
	Crawl      string        `json:"nguon"`
}

type dvcqgMethod struct {
	Kind    string  `json:"hinh_thuc"`
	Raw     string  `json:"raw"`
	Time    *string `json:"thoi_han"`
	HasUnit *bool   `json:"don_vi_thoi_han_co_san"`
	Fee     string  `json:"phi_le_phi"`
}

type dvcqgGroup struct {
	Name string `json:"nhom"`
	Docs []struct {
		Name  string  `json:"ten_giay_to"`
		Form  *string `json:"mau_don"`
		Count string  `json:"so_luong"`
	} `json:"giay_to"`
}

// ImportDVCQG converts a national-portal export (a JSON array) into
// procedures, repairing what the text allows and flagging the rest.
func ImportDVCQG(r io.Reader) ([]*motcua.Procedure, error) {
	var recs []dvcqgRecord
	if err := json.NewDecoder(r).Decode(&recs); err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "not a national-portal export: %v", err)
	}
	out := make([]*motcua.Procedure, 0, len(recs))
	for i := range recs {
		out = append(out, convertDVCQG(&recs[i]))
	}
	return out, nil
}

var crawlDate = regexp.MustCompile(`\b20\d\d-\d\d(-\d\d)?\b`)

func convertDVCQG(r *dvcqgRecord) *motcua.Procedure {
	p := &motcua.Procedure{
		Code:       strings.TrimSpace(r.Code),
		Name:       oneLine(r.Name),
		Field:      oneLine(r.Field),
		Ministry:   oneLine(r.Ministry),
		Levels:     cleanList(r.Levels),
		Applicants: cleanList(r.Applicants),
		Offices:    cleanList(append(append([]string{r.Office}, r.OfficeList...), r.Authority)),
		Address:    oneLine(r.Address),
		Steps:      cleanText(r.Steps),
		Conditions: cleanText(r.Conditions),
		Result:     cleanText(r.Result),
		LegalBasis: splitLegal(r.LegalRaw, r.LegalCodes),
		SourceURL:  strings.TrimSpace(r.URL),
		Source:     SourceDVCQG,
		DataDate:   crawlDate.FindString(r.Crawl),
	}
	if r.Crawl != "" {
		p.Source += " (" + oneLine(r.Crawl) + ")"
	}
	p.Documents = convertGroups(r.Groups)
	if len(p.Documents) == 0 && strings.TrimSpace(r.GroupsRaw) != "" {
		// The crawl put the rest of the steps where the documents table
		// should be; keep it with the steps rather than lose it.
		p.Steps = strings.TrimSpace(p.Steps + "\n" + cleanText(r.GroupsRaw))
	}
	for _, m := range r.Methods {
		meth, flags := convertMethod(m, r.Steps)
		p.Methods = append(p.Methods, meth)
		for _, f := range flags {
			p.Flags = addFlag(p.Flags, f)
		}
	}
	fixName(p)
	flagRecord(p)
	return p
}

// cleanList trims, drops empty entries and duplicates.
func cleanList(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = oneLine(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

var gluedCode = regexp.MustCompile(`(\d+(?:\.\d+)?/\d{4}/(?:NĐ-CP|NQ-CP|NQ-QH\d+|QH\d+|TT-[A-ZĐ]+|QĐ-[A-Za-zĐ]+))(?:\p{Lu}\p{Ll}|$)`)

// splitLegal splits the glued legal-basis cell ("Title1Code1Title2Code2…")
// into "Code — Title" lines. A code that ends a cell is glued to the next
// title; a code quoted inside a title is followed by a space.
func splitLegal(raw string, codes []string) []string {
	raw = oneLine(raw)
	type cell struct{ start, end int }
	var cells []cell
	seen := map[string]bool{}
	for _, code := range codes {
		code = strings.TrimSpace(code)
		if code == "" || seen[code] {
			continue
		}
		seen[code] = true
		for off := 0; ; {
			i := strings.Index(raw[off:], code)
			if i < 0 {
				break
			}
			i += off
			j := i + len(code)
			off = j
			if j == len(raw) || raw[j] != ' ' {
				cells = append(cells, cell{i, j})
			}
		}
	}
	// Codes the list lacks or misreads ("66.7/2025/NQ-CP" listed as
	// "07/2025/NQ-CP") are found by their shape, glued to the next title.
	for _, m := range gluedCode.FindAllStringSubmatchIndex(raw, -1) {
		if code := raw[m[2]:m[3]]; !seen[code] {
			cells = append(cells, cell{m[2], m[3]})
		}
	}
	sort.Slice(cells, func(a, b int) bool { return cells[a].start < cells[b].start })
	var out []string
	prev := 0
	done := map[string]bool{}
	for _, c := range cells {
		if c.start < prev {
			continue // a shorter code inside a longer one
		}
		code, title := raw[c.start:c.end], strings.TrimSpace(raw[prev:c.start])
		prev = c.end
		if done[code] {
			continue
		}
		done[code] = true
		if title == "" {
			out = append(out, code)
		} else {
			out = append(out, code+" — "+title)
		}
	}
	for _, code := range codes { // codes the text does not show as a cell
		if code = strings.TrimSpace(code); code != "" && !done[code] {
			done[code] = true
			out = append(out, code)
		}
	}
	return out
}

var bullet = regexp.MustCompile(`^[-+*•\s]+`)

func convertGroups(groups []dvcqgGroup) []motcua.DocumentGroup {
	var out []motcua.DocumentGroup
	for _, g := range groups {
		dg := motcua.DocumentGroup{Name: groupName(g.Name)}
		for _, d := range g.Docs {
			name := cleanText(bullet.ReplaceAllString(d.Name, ""))
			if name == "" {
				continue
			}
			doc := motcua.Document{Name: name, Count: cleanCount(d.Count)}
			if d.Form != nil {
				doc.Form = oneLine(*d.Form)
			}
			dg.Documents = append(dg.Documents, doc)
		}
		if len(dg.Documents) > 0 {
			out = append(out, dg)
		}
	}
	return out
}

func groupName(s string) string {
	s = strings.TrimSpace(bullet.ReplaceAllString(oneLine(s), ""))
	s = strings.TrimSpace(strings.TrimRight(s, ": "))
	if s == "" {
		return "Thành phần hồ sơ"
	}
	return s
}

// cleanCount drops the "0 bản chính" parts the portal prints for notes and
// optional copies: "0 bản chính,1 bản sao" becomes "1 bản sao".
func cleanCount(s string) string {
	var parts []string
	for _, p := range strings.Split(s, ",") {
		p = oneLine(p)
		if p == "" || strings.HasPrefix(p, "0 ") {
			continue
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

var mislabelled = regexp.MustCompile(`(?i)quy trình nội bộ|thủ tục hành chính thuộc\s+thẩm quyền|(danh mục|quyết định).*trên địa bàn tỉnh .* giai đoạn`)

// fixName flags a record whose name is the title of a publishing decision
// rather than a procedure's name.
func fixName(p *motcua.Procedure) {
	if !mislabelled.MatchString(p.Name) {
		return
	}
	p.Flags = addFlag(p.Flags, FlagMislabelled)
}

// String renders a problem for the report.
func (p Problem) String() string { return fmt.Sprintf("%s: %s", p.File, p.Message) }
