package zalo

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// memStore is an in-memory Store with the semantics of the root interfaces,
// for tests that do not need SQLite.
type memStore struct {
	mu     sync.Mutex
	now    func() time.Time
	inbox  map[string]*memItem
	seq    int
	values map[string]string
	leases map[string]memLease
}

type memItem struct {
	item    motcua.InboxItem
	seq     int
	done    bool
	leaseTo time.Time
}

type memLease struct {
	holder string
	until  time.Time
}

var _ Store = (*memStore)(nil)

func newMemStore(now func() time.Time) *memStore {
	return &memStore{now: now, inbox: map[string]*memItem{}, values: map[string]string{}, leases: map[string]memLease{}}
}

func (s *memStore) PutInbox(_ context.Context, channel, id string, payload []byte) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := channel + "\x00" + id
	if _, ok := s.inbox[k]; ok {
		return false, nil
	}
	s.seq++
	s.inbox[k] = &memItem{item: motcua.InboxItem{Channel: channel, ID: id, Payload: payload}, seq: s.seq}
	return true, nil
}

func (s *memStore) ClaimInbox(_ context.Context, channel string, n int, lease time.Duration) ([]motcua.InboxItem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ready []*memItem
	for _, it := range s.inbox {
		if it.item.Channel == channel && !it.done && !s.now().Before(it.leaseTo) {
			ready = append(ready, it)
		}
	}
	sort.Slice(ready, func(i, j int) bool { return ready[i].seq < ready[j].seq })
	var out []motcua.InboxItem
	for _, it := range ready[:min(n, len(ready))] {
		it.item.Attempts++
		it.leaseTo = s.now().Add(lease)
		out = append(out, it.item)
	}
	return out, nil
}

func (s *memStore) DoneInbox(_ context.Context, channel, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.inbox[channel+"\x00"+id]; ok {
		it.done = true
		return nil
	}
	return motcua.Errorf(motcua.ENOTFOUND, "no event %q", id)
}

func (s *memStore) Value(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.values[key]
	if !ok {
		return "", motcua.Errorf(motcua.ENOTFOUND, "no value %q", key)
	}
	return v, nil
}

func (s *memStore) SetValue(_ context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
	return nil
}

func (s *memStore) SwapValue(_ context.Context, key, old, new string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values[key] != old {
		return false, nil
	}
	s.values[key] = new
	return true, nil
}

func (s *memStore) AcquireLease(_ context.Context, name, holder string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.leases[name]
	if ok && l.holder != holder && s.now().Before(l.until) {
		return false, nil
	}
	s.leases[name] = memLease{holder, s.now().Add(ttl)}
	return true, nil
}

func (s *memStore) ReleaseLease(_ context.Context, name, holder string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.leases[name].holder == holder {
		delete(s.leases, name)
	}
	return nil
}

// PendingInbox counts events not done, as the real store does.
func (s *memStore) PendingInbox(_ context.Context, _ string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, it := range s.inbox {
		if !it.done {
			n++
		}
	}
	return n, nil
}
