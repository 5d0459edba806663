// Package memstore is an in-memory store with the semantics of the root
// Inbox, Values and Leases interfaces, for adapter tests that do not need
// SQLite.
package memstore

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

var (
	_ motcua.Inbox  = (*Store)(nil)
	_ motcua.Values = (*Store)(nil)
	_ motcua.Leases = (*Store)(nil)
)

// Store keeps inbox items, values and leases in memory; it is safe for
// concurrent use.
type Store struct {
	mu     sync.Mutex
	now    func() time.Time
	inbox  map[string]*item // channel + "\x00" + id → item
	seq    int
	puts   int
	values map[string]string
	leases map[string]lease
}

type item struct {
	motcua.InboxItem
	seq     int // claims go in arrival order
	done    bool
	leaseTo time.Time
}

type lease struct {
	holder string
	until  time.Time
}

// New returns an empty store reading the time from now; nil means
// time.Now. Tests with a fake clock pass theirs so leases expire on it.
func New(now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{now: now, inbox: map[string]*item{}, values: map[string]string{}, leases: map[string]lease{}}
}

// PutInbox stores a new item; first is false for an id already seen.
func (s *Store) PutInbox(_ context.Context, channel, id string, payload []byte) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts++
	k := channel + "\x00" + id
	if _, ok := s.inbox[k]; ok {
		return false, nil
	}
	s.seq++
	s.inbox[k] = &item{InboxItem: motcua.InboxItem{Channel: channel, ID: id, Payload: payload}, seq: s.seq}
	return true, nil
}

// ClaimInbox leases up to n items of channel that are not done and not
// leased, oldest first, counting an attempt on each.
func (s *Store) ClaimInbox(_ context.Context, channel string, n int, leaseFor time.Duration) ([]motcua.InboxItem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var ready []*item
	for _, it := range s.inbox {
		if it.Channel == channel && !it.done && !now.Before(it.leaseTo) {
			ready = append(ready, it)
		}
	}
	sort.Slice(ready, func(i, j int) bool { return ready[i].seq < ready[j].seq })
	var out []motcua.InboxItem
	for _, it := range ready[:max(0, min(n, len(ready)))] {
		it.Attempts++
		it.leaseTo = now.Add(leaseFor)
		out = append(out, it.InboxItem)
	}
	return out, nil
}

// DoneInbox marks an item handled.
func (s *Store) DoneInbox(_ context.Context, channel, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.inbox[channel+"\x00"+id]; ok {
		it.done = true
		return nil
	}
	return motcua.Errorf(motcua.ENOTFOUND, "no inbox item %q", id)
}

// PendingInbox counts items of channel not yet done, as the real store
// does.
func (s *Store) PendingInbox(_ context.Context, channel string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, it := range s.inbox {
		if it.Channel == channel && !it.done {
			n++
		}
	}
	return n, nil
}

// Puts counts PutInbox calls, repeated ids included, so tests can check
// that a rejected request stored nothing.
func (s *Store) Puts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.puts
}

// Value returns the value of key, or an ENOTFOUND error.
func (s *Store) Value(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.values[key]
	if !ok {
		return "", motcua.Errorf(motcua.ENOTFOUND, "no value %q", key)
	}
	return v, nil
}

// SetValue sets key to value.
func (s *Store) SetValue(_ context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
	return nil
}

// SwapValue sets key to new only if it holds old; a missing key holds "".
func (s *Store) SwapValue(_ context.Context, key, old, new string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values[key] != old {
		return false, nil
	}
	s.values[key] = new
	return true, nil
}

// AcquireLease takes or renews the lease name for holder unless another
// holder has it unexpired.
func (s *Store) AcquireLease(_ context.Context, name, holder string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.leases[name]
	if ok && l.holder != holder && s.now().Before(l.until) {
		return false, nil
	}
	s.leases[name] = lease{holder, s.now().Add(ttl)}
	return true, nil
}

// ReleaseLease gives up the lease if holder has it.
func (s *Store) ReleaseLease(_ context.Context, name, holder string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.leases[name].holder == holder {
		delete(s.leases, name)
	}
	return nil
}

// DeleteValue forgets key, as if a write of it never reached the store.
func (s *Store) DeleteValue(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.values, key)
}

// LeaseTaken reports whether the lease name is recorded, expired or not: it
// turns false only once its holder released it.
func (s *Store) LeaseTaken(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.leases[name]
	return ok
}
