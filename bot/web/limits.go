package web

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the rate limits of the web chat, in requests per second with a
// burst. rate.Inf turns a limit off (for load tests).
type Limits struct {
	// AddrRate and AddrBurst limit one client address. Mobile carriers put
	// many phones behind one address, so this limit is the generous one.
	AddrRate  rate.Limit
	AddrBurst int
	// SessionRate and SessionBurst limit one chat session: a person reading
	// and tapping never comes near them.
	SessionRate  rate.Limit
	SessionBurst int
}

// Default limits.
const (
	DefaultAddrRate     rate.Limit = 5
	DefaultAddrBurst               = 40
	DefaultSessionRate  rate.Limit = 1
	DefaultSessionBurst            = 8
)

func (l Limits) withDefaults() Limits {
	if l.AddrRate == 0 {
		l.AddrRate = DefaultAddrRate
	}
	if l.AddrBurst <= 0 {
		l.AddrBurst = DefaultAddrBurst
	}
	if l.SessionRate == 0 {
		l.SessionRate = DefaultSessionRate
	}
	if l.SessionBurst <= 0 {
		l.SessionBurst = DefaultSessionBurst
	}
	return l
}

// limiterSet keeps one token bucket per key. Buckets that have refilled are
// the same as new ones, so a sweep drops them to bound memory.
type limiterSet struct {
	limit rate.Limit
	burst int

	mu        sync.Mutex
	buckets   map[string]*rate.Limiter
	lastSweep time.Time
}

// sweepEvery is how often idle buckets are dropped.
const sweepEvery = time.Minute

func newLimiterSet(limit rate.Limit, burst int) *limiterSet {
	return &limiterSet{limit: limit, burst: burst, buckets: map[string]*rate.Limiter{}}
}

// allow takes a token for key at now; when none is left it reports how long
// to wait for one.
func (ls *limiterSet) allow(key string, now time.Time) (ok bool, wait time.Duration) {
	if ls.limit == rate.Inf {
		return true, 0
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.sweep(now)
	lim := ls.buckets[key]
	if lim == nil {
		lim = rate.NewLimiter(ls.limit, ls.burst)
		ls.buckets[key] = lim
	}
	r := lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Minute
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

func (ls *limiterSet) sweep(now time.Time) {
	if now.Sub(ls.lastSweep) < sweepEvery {
		return
	}
	ls.lastSweep = now
	for k, lim := range ls.buckets {
		if lim.TokensAt(now) >= float64(ls.burst) {
			delete(ls.buckets, k)
		}
	}
}

// size is the number of buckets kept (for tests).
func (ls *limiterSet) size() int {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return len(ls.buckets)
}

// tooMany answers 429 with a Retry-After in whole seconds.
func (s *Server) tooMany(w http.ResponseWriter, wait time.Duration) {
	s.stats.limited.Add(1)
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, http.StatusTooManyRequests, msgTooMany)
}

// limited takes a token for key from set and answers 429 when none is left;
// it reports whether it did. An exempt request takes none.
func (s *Server) limited(w http.ResponseWriter, set *limiterSet, key string, exempt bool, now time.Time) bool {
	if exempt {
		return false
	}
	if ok, wait := set.allow(key, now); !ok {
		s.tooMany(w, wait)
		return true
	}
	return false
}
