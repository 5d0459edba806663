package motcua

import (
	"context"
	"strings"
)

// Procedure is one administrative procedure (thủ tục hành chính) as the
// knowledge base keeps it. Field names follow the national catalogue.
type Procedure struct {
	Code       string          `json:"code" yaml:"code"`                                   // mã TTHC, e.g. 1.001193
	Name       string          `json:"name" yaml:"name"`                                   // tên thủ tục
	Field      string          `json:"field" yaml:"field"`                                 // lĩnh vực
	Ministry   string          `json:"ministry,omitempty" yaml:"ministry,omitempty"`       // bộ, ngành
	Levels     []string        `json:"levels" yaml:"levels"`                               // cấp thực hiện
	Applicants []string        `json:"applicants,omitempty" yaml:"applicants,omitempty"`   // đối tượng thực hiện
	Offices    []string        `json:"offices,omitempty" yaml:"offices,omitempty"`         // cơ quan thực hiện
	Address    string          `json:"address,omitempty" yaml:"address,omitempty"`         // địa chỉ tiếp nhận
	Steps      string          `json:"steps,omitempty" yaml:"steps,omitempty"`             // trình tự thực hiện
	Methods    []Method        `json:"methods,omitempty" yaml:"methods,omitempty"`         // cách thức thực hiện
	Documents  []DocumentGroup `json:"documents,omitempty" yaml:"documents,omitempty"`     // thành phần hồ sơ
	Conditions string          `json:"conditions,omitempty" yaml:"conditions,omitempty"`   // yêu cầu, điều kiện
	Result     string          `json:"result,omitempty" yaml:"result,omitempty"`           // kết quả
	LegalBasis []string        `json:"legal_basis,omitempty" yaml:"legal_basis,omitempty"` // căn cứ pháp lý
	SourceURL  string          `json:"source_url,omitempty" yaml:"source_url,omitempty"`   // nguồn
	Source     string          `json:"source,omitempty" yaml:"source,omitempty"`           // what the record was imported from
	DataDate   string          `json:"data_date,omitempty" yaml:"data_date,omitempty"`     // YYYY-MM-DD of the data
	Flags      []string        `json:"flags,omitempty" yaml:"flags,omitempty"`             // quality flags set by the importer or staff
}

// Method kinds (cách thức thực hiện).
const (
	MethodInPerson = "truc_tiep"  // trực tiếp
	MethodOnline   = "truc_tuyen" // trực tuyến
	MethodPost     = "buu_chinh"  // dịch vụ bưu chính
)

// Method is one way to file a procedure, with its own time limit and fee.
type Method struct {
	Kind      string  `json:"kind" yaml:"kind"`                                 // MethodInPerson, MethodOnline or MethodPost
	TimeValue float64 `json:"time_value,omitempty" yaml:"time_value,omitempty"` // 0 with TimeUnit "không quy định"
	TimeUnit  string  `json:"time_unit" yaml:"time_unit"`                       // "ngày làm việc", "ngày", "giờ", "tháng", "không quy định"
	TimeNote  string  `json:"time_note,omitempty" yaml:"time_note,omitempty"`   // free text kept from the source
	Fee       string  `json:"fee" yaml:"fee"`                                   // short form: "Miễn phí", "50.000 đồng", "Do HĐND tỉnh quyết định"
	FeeNote   string  `json:"fee_note,omitempty" yaml:"fee_note,omitempty"`     // details
}

// DocumentGroup is a group of papers, e.g. "Giấy tờ phải nộp".
type DocumentGroup struct {
	Name      string     `json:"name" yaml:"name"`
	Documents []Document `json:"documents" yaml:"documents"`
}

// Document is one paper a citizen brings or submits.
type Document struct {
	Name  string `json:"name" yaml:"name"`
	Form  string `json:"form,omitempty" yaml:"form,omitempty"`   // mẫu đơn, tờ khai
	Count string `json:"count,omitempty" yaml:"count,omitempty"` // "1 bản chính"
	Note  string `json:"note,omitempty" yaml:"note,omitempty"`
}

// HasLevel reports whether the procedure is performed at the named level
// (e.g. "Cấp xã").
func (p *Procedure) HasLevel(level string) bool {
	for _, l := range p.Levels {
		if l == level {
			return true
		}
	}
	return false
}

// HasFlag reports whether the procedure carries a quality flag.
func (p *Procedure) HasFlag(flag string) bool {
	for _, f := range p.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// ForCitizens reports whether a citizen may file the procedure: its
// applicants name a person or a household, or are not given. Procedures
// only organisations or officials file are not for the people who write to
// the centre.
func (p *Procedure) ForCitizens() bool {
	if len(p.Applicants) == 0 {
		return true
	}
	for _, a := range p.Applicants {
		a = strings.ToLower(a)
		for _, w := range []string{"công dân", "cá nhân", "người", "hộ gia đình", "hộ kinh doanh"} {
			if strings.Contains(a, w) {
				return true
			}
		}
	}
	return false
}

// Hit is one procedure found by a search, with its score.
type Hit struct {
	Procedure *Procedure `json:"-"`
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Score     float64    `json:"score"`
}

// SearchResult is the ranked answer to one query.
type SearchResult struct {
	Query   string `json:"q"`
	InScope bool   `json:"in_scope"` // false: the bot should say it has no matching procedure
	// Confident is true when the first hit clearly answers the query; when
	// InScope is true but Confident is false the bot should ask which of the
	// first hits is meant.
	Confident bool  `json:"confident"`
	Hits      []Hit `json:"results"`
	// Topic, for a question out of scope, is the lexicon's note on what it
	// is about and who handles it: "ly hôn (tòa án)".
	Topic string `json:"topic,omitempty"`
}

// Searcher finds procedures from how citizens write.
type Searcher interface {
	Search(ctx context.Context, query string, k int) (SearchResult, error)
}

// Catalog gives procedures by code. A missing code is an ENOTFOUND error.
type Catalog interface {
	Procedure(code string) (*Procedure, error)
	Procedures() []*Procedure
}
