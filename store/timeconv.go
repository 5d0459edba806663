package store

import "time"

// Times are stored as Unix nanoseconds in BIGINT columns: the same in both
// databases, exact on a round trip, and cheap to compare. 0 is the zero time.

func ts(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromTS(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
