package motcua

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// Dossier statuses (codes used in the admin API and the store).
const (
	StatusReceived       = "received"
	StatusProcessing     = "processing"
	StatusNeedSupplement = "need_supplement"
	StatusWaitingPayment = "waiting_payment"
	StatusResultReady    = "result_ready"
	StatusReturned       = "returned"
	StatusRejected       = "rejected"
	StatusWithdrawn      = "withdrawn"
)

// DossierStatusLabels gives the Vietnamese label a citizen reads for each status.
var DossierStatusLabels = map[string]string{
	StatusReceived:       "Đã tiếp nhận",
	StatusProcessing:     "Đang giải quyết",
	StatusNeedSupplement: "Cần bổ sung hồ sơ",
	StatusWaitingPayment: "Chờ thực hiện nghĩa vụ tài chính / nộp phí",
	StatusResultReady:    "Đã có kết quả, mời nhận",
	StatusReturned:       "Đã trả kết quả",
	StatusRejected:       "Từ chối giải quyết",
	StatusWithdrawn:      "Đã rút hồ sơ",
}

// IsFinalStatus reports whether a dossier in this status is finished.
func IsFinalStatus(s string) bool {
	return s == StatusReturned || s == StatusRejected || s == StatusWithdrawn
}

// Dossier is an application (hồ sơ) received by the centre.
type Dossier struct {
	Code          string         `json:"code"`
	ProcedureCode string         `json:"procedure_code"`
	ApplicantName string         `json:"applicant_name"`
	Phone         string         `json:"phone"`
	ReceivedAt    time.Time      `json:"received_at"`
	DueAt         time.Time      `json:"due_at"`
	Status        string         `json:"status"`
	Note          string         `json:"note"`
	UpdatedAt     time.Time      `json:"updated_at"`
	History       []DossierEvent `json:"history,omitempty"`
}

// Overdue reports whether the dossier is past due and not finished at now.
func (d *Dossier) Overdue(now time.Time) bool {
	return !d.DueAt.IsZero() && now.After(d.DueAt) && !IsFinalStatus(d.Status)
}

// DossierEvent is one status change in a dossier's history.
type DossierEvent struct {
	Status string    `json:"status"`
	Note   string    `json:"note"`
	At     time.Time `json:"at"`
}

// Subscription asks for a chat to be told of a dossier's status changes.
type Subscription struct {
	DossierCode string
	Channel     string
	ChatID      string
}

// DossierStore keeps dossiers, their history and subscriptions. Appending an
// event also queues one outbox message per subscriber, in one transaction.
type DossierStore interface {
	Dossier(ctx context.Context, code string) (*Dossier, error)
	// PutDossier creates or replaces a dossier; created reports which.
	PutDossier(ctx context.Context, d *Dossier) (created bool, err error)
	// AddDossierEvent appends a status change; an event identical to the
	// last one is ignored, so retries are harmless.
	AddDossierEvent(ctx context.Context, code string, e DossierEvent, notify func(*Dossier) Reply) error
	Subscribe(ctx context.Context, s Subscription) error
	Unsubscribe(ctx context.Context, s Subscription) error
}

// OutboxMessage is a reply the bot must deliver on its own initiative. It is
// written in the same transaction as the change that causes it.
type OutboxMessage struct {
	ID        int64
	Channel   string
	ChatID    string
	Reply     Reply
	Attempts  int
	NextAt    time.Time
	CreatedAt time.Time
	LastError string
}

// Outbox queues and hands out messages for delivery, each exactly once.
type Outbox interface {
	Enqueue(ctx context.Context, m OutboxMessage) error
	// ClaimOutbox takes up to n due messages for delivery; a claimed message
	// is not handed to another claimer until it is released or its lease ends.
	ClaimOutbox(ctx context.Context, n int, lease time.Duration) ([]OutboxMessage, error)
	MarkDelivered(ctx context.Context, id int64) error
	// MarkFailed records an error; the message is retried at next unless
	// next is zero, which gives it up (kept, visible to staff).
	MarkFailed(ctx context.Context, id int64, errText string, next time.Time) error
}

// NormalizeDossierCode returns a dossier code in the form the store keeps:
// without spaces and in upper case, since citizens and staff type codes in
// any case and with stray spaces.
func NormalizeDossierCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// DossierLookupKey returns the key a dossier is found by when its code is
// not typed exactly as printed: upper case, letters and digits only. Receipt
// slips print "H47-260301-0042"; citizens type "h47 260301 0042",
// "H472603010042" or "H47.260301.0042", which all share one key.
func DossierLookupKey(code string) string {
	var b strings.Builder
	for _, r := range code {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// ValidDossierCode reports whether a normalized code has the accepted shape:
// 6–40 characters among ASCII letters, digits, '.', '-' and '/'.
func ValidDossierCode(code string) bool {
	if len(code) < 6 || len(code) > 40 {
		return false
	}
	for _, r := range code {
		ok := r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '/'
		if !ok {
			return false
		}
	}
	return true
}
