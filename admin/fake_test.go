package admin

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// memStore is an in-memory store with the semantics the root interfaces
// document, for tests until the SQL store is wired in.
type memStore struct {
	mu         sync.Mutex
	now        func() time.Time
	dossiers   map[string]*motcua.Dossier
	subs       []motcua.Subscription
	complaints map[string]*motcua.Complaint
	outbox     []motcua.OutboxMessage
	fail       error // returned by every call when set
}

var (
	_ motcua.DossierStore   = (*memStore)(nil)
	_ motcua.ComplaintStore = (*memStore)(nil)
	_ motcua.Outbox         = (*memStore)(nil)
)

func newMemStore(now func() time.Time) *memStore {
	return &memStore{now: now, dossiers: map[string]*motcua.Dossier{}, complaints: map[string]*motcua.Complaint{}}
}

func (m *memStore) Dossier(_ context.Context, code string) (*motcua.Dossier, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	d, ok := m.dossiers[code]
	if !ok {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "dossier %s not found", code)
	}
	c := *d
	c.History = slices.Clone(d.History)
	return &c, nil
}

func (m *memStore) PutDossier(_ context.Context, d *motcua.Dossier) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return false, m.fail
	}
	old, ok := m.dossiers[d.Code]
	c := *d
	c.UpdatedAt = m.now()
	if ok {
		c.History = old.History
	}
	m.dossiers[d.Code] = &c
	return !ok, nil
}

func (m *memStore) AddDossierEvent(_ context.Context, code string, e motcua.DossierEvent, notify func(*motcua.Dossier) motcua.Reply) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.dossiers[code]
	if !ok {
		return motcua.Errorf(motcua.ENOTFOUND, "dossier %s not found", code)
	}
	if n := len(d.History); n > 0 && d.History[n-1].Status == e.Status && d.History[n-1].Note == e.Note && d.History[n-1].At.Equal(e.At) {
		return nil
	}
	d.History = append(d.History, e)
	d.Status, d.Note = e.Status, e.Note
	for _, s := range m.subs {
		if s.DossierCode == code {
			m.outbox = append(m.outbox, motcua.OutboxMessage{ID: int64(len(m.outbox) + 1), Channel: s.Channel, ChatID: s.ChatID, Reply: notify(d)})
		}
	}
	return nil
}

func (m *memStore) Subscribe(_ context.Context, s motcua.Subscription) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs = append(m.subs, s)
	return nil
}

func (m *memStore) Unsubscribe(_ context.Context, s motcua.Subscription) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs = slices.DeleteFunc(m.subs, func(x motcua.Subscription) bool { return x == s })
	return nil
}

func (m *memStore) CreateComplaint(_ context.Context, c *motcua.Complaint) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, x := range m.complaints {
		if c.SubmissionID != "" && x.SubmissionID == c.SubmissionID {
			*c = *x
			return false, nil
		}
	}
	cc := *c
	m.complaints[c.Code] = &cc
	return true, nil
}

func (m *memStore) Complaint(_ context.Context, code string) (*motcua.Complaint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	c, ok := m.complaints[code]
	if !ok {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "complaint %s not found", code)
	}
	cc := *c
	cc.History = slices.Clone(c.History)
	return &cc, nil
}

func (m *memStore) Complaints(_ context.Context, f motcua.ComplaintFilter) ([]*motcua.Complaint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	var out []*motcua.Complaint
	for _, c := range m.complaints {
		if f.Status != "" && c.Status != f.Status {
			continue
		}
		if f.Overdue && !complaintOverdue(c, m.now()) {
			continue
		}
		cc := *c
		out = append(out, &cc)
	}
	slices.SortFunc(out, func(a, b *motcua.Complaint) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

func (m *memStore) AddComplaintEvent(_ context.Context, code string, e motcua.ComplaintEvent, reply *motcua.Reply) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.complaints[code]
	if !ok {
		return motcua.Errorf(motcua.ENOTFOUND, "complaint %s not found", code)
	}
	c.History = append(c.History, e)
	c.Status = e.Status
	if reply != nil {
		m.outbox = append(m.outbox, motcua.OutboxMessage{ID: int64(len(m.outbox) + 1), Channel: c.Channel, ChatID: c.ChatID, Reply: *reply})
	}
	return nil
}

func (m *memStore) RateComplaint(_ context.Context, code, rating string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.complaints[code]
	if !ok {
		return motcua.Errorf(motcua.ENOTFOUND, "complaint %s not found", code)
	}
	c.Rating = rating
	return nil
}

func (m *memStore) Enqueue(_ context.Context, msg motcua.OutboxMessage) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	msg.ID = int64(len(m.outbox) + 1)
	m.outbox = append(m.outbox, msg)
	return nil
}

// ClaimOutbox hands out every queued message once.
func (m *memStore) ClaimOutbox(_ context.Context, n int, _ time.Duration) ([]motcua.OutboxMessage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := min(n, len(m.outbox))
	out := slices.Clone(m.outbox[:k])
	m.outbox = m.outbox[k:]
	return out, nil
}

func (m *memStore) MarkDelivered(context.Context, int64) error                 { return nil }
func (m *memStore) MarkFailed(context.Context, int64, string, time.Time) error { return nil }
