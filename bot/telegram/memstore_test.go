package telegram

import (
	"context"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// memStore is an in-memory Store with the documented semantics, for tests
// that do not need SQLite.
type memStore struct {
	mu     sync.Mutex
	inbox  []*memItem
	seen   map[string]bool
	values map[string]string
	leases map[string]memLease
	puts   int
}

type memItem struct {
	motcua.InboxItem
	done  bool
	until time.Time
}

type memLease struct {
	holder string
	until  time.Time
}

func newMemStore() *memStore {
	return &memStore{seen: map[string]bool{}, values: map[string]string{}, leases: map[string]memLease{}}
}

var _ Store = (*memStore)(nil)

func (s *memStore) PutInbox(_ context.Context, channel, id string, payload []byte) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts++
	if s.seen[channel+"\x00"+id] {
		return false, nil
	}
	s.seen[channel+"\x00"+id] = true
	s.inbox = append(s.inbox, &memItem{InboxItem: motcua.InboxItem{Channel: channel, ID: id, Payload: payload}})
	return true, nil
}

func (s *memStore) ClaimInbox(_ context.Context, channel string, n int, lease time.Duration) ([]motcua.InboxItem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	var out []motcua.InboxItem
	for _, it := range s.inbox {
		if len(out) == n {
			break
		}
		if it.Channel != channel || it.done || now.Before(it.until) {
			continue
		}
		it.until = now.Add(lease)
		it.Attempts++
		out = append(out, it.InboxItem)
	}
	return out, nil
}

func (s *memStore) DoneInbox(_ context.Context, channel, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, it := range s.inbox {
		if it.Channel == channel && it.ID == id {
			it.done = true
			return nil
		}
	}
	return motcua.Errorf(motcua.ENOTFOUND, "no inbox item %s", id)
}

func (s *memStore) pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, it := range s.inbox {
		if !it.done {
			n++
		}
	}
	return n
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
	l := s.leases[name]
	if l.holder != holder && time.Now().Before(l.until) {
		return false, nil
	}
	s.leases[name] = memLease{holder, time.Now().Add(ttl)}
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

func (s *memStore) putCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.puts
}
