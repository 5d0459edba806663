package motcua

import (
	"context"
	"time"
)

// Complaint categories (phản ánh, kiến nghị), with the label a citizen reads.
var ComplaintCategories = []struct{ Code, Label string }{
	{"attitude", "Thái độ cán bộ"},
	{"late", "Trễ hẹn"},
	{"extra_papers", "Yêu cầu thêm giấy tờ ngoài quy định"},
	{"wrong_fee", "Thu phí sai quy định"},
	{"harassment", "Nhũng nhiễu, tiêu cực"},
	{"facilities", "Cơ sở vật chất"},
	{"regulation", "Thủ tục rườm rà, góp ý quy định"},
	{"other", "Khác"},
}

// Complaint statuses.
const (
	ComplaintNew        = "new"
	ComplaintInProgress = "in_progress"
	ComplaintAnswered   = "answered"
	ComplaintClosed     = "closed"
)

// ComplaintStatusLabels gives the Vietnamese label a citizen reads.
var ComplaintStatusLabels = map[string]string{
	ComplaintNew:        "Đã tiếp nhận",
	ComplaintInProgress: "Đang xử lý",
	ComplaintAnswered:   "Đã trả lời",
	ComplaintClosed:     "Đã kết thúc",
}

// Complaint is feedback, a recommendation or a complaint sent from chat.
type Complaint struct {
	Code        string       `json:"code"` // tracking code given to the citizen
	Category    string       `json:"category"`
	Formal      bool         `json:"formal"` // the citizen means a formal khiếu nại / tố cáo
	Text        string       `json:"text"`
	DossierCode string       `json:"dossier_code,omitempty"`
	Photos      []Attachment `json:"photos,omitempty"`
	Name        string       `json:"name,omitempty"`
	Phone       string       `json:"phone,omitempty"`
	Consent     bool         `json:"consent"`
	Channel     string       `json:"channel"`
	ChatID      string       `json:"-"`
	// SubmissionID makes a redelivered submission create one complaint.
	SubmissionID string           `json:"-"`
	Status       string           `json:"status"`
	Rating       string           `json:"rating,omitempty"` // rat_hai_long, hai_long, khong_hai_long
	CreatedAt    time.Time        `json:"created_at"`
	AnswerDueAt  time.Time        `json:"answer_due_at"`
	ResolveDueAt time.Time        `json:"resolve_due_at"`
	History      []ComplaintEvent `json:"history,omitempty"`
}

// ComplaintEvent is a staff reply or a status change.
type ComplaintEvent struct {
	Status string    `json:"status"`
	Text   string    `json:"text,omitempty"`
	By     string    `json:"by,omitempty"`
	At     time.Time `json:"at"`
}

// ComplaintFilter selects complaints for the staff inbox.
type ComplaintFilter struct {
	Status  string
	Overdue bool
	Limit   int
}

// ComplaintStore keeps complaints.
type ComplaintStore interface {
	// CreateComplaint commits a complaint; a second call with the same
	// SubmissionID returns the first complaint and created=false.
	CreateComplaint(ctx context.Context, c *Complaint) (created bool, err error)
	Complaint(ctx context.Context, code string) (*Complaint, error)
	Complaints(ctx context.Context, f ComplaintFilter) ([]*Complaint, error)
	// AddComplaintEvent records a staff reply and queues its delivery to the
	// citizen in the same transaction when reply is not nil.
	AddComplaintEvent(ctx context.Context, code string, e ComplaintEvent, reply *Reply) error
	RateComplaint(ctx context.Context, code, rating string) error
}
