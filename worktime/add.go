package worktime

import "time"

// AddWorkingDays returns the end of office hours on the n-th working day
// after the day of t. The day of t itself is not counted, as the one-door
// rules count a time limit from the day after receipt, and a deadline falls
// at closing time so that the whole last day is available. n <= 0 returns t.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if n <= 0 {
		return t
	}
	d := startOfDay(t.In(c.loc))
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return at(d, afternoonEnd)
}

// AddWorkingHours returns the moment n hours of office time after t. Time
// outside office hours (nights, lunch, weekends, holidays) does not count:
// a complaint sent on Saturday starts counting on Monday morning. A deadline
// that lands exactly on closing time stays there rather than moving to the
// next morning. n <= 0 returns t.
func (c *Calendar) AddWorkingHours(t time.Time, n int) time.Time {
	if n <= 0 {
		return t
	}
	return c.addWorking(t.In(c.loc), time.Duration(n)*time.Hour)
}

// addWorking walks the office sessions from t, spending left.
func (c *Calendar) addWorking(t time.Time, left time.Duration) time.Time {
	for {
		start, end := c.session(t)
		if start.Add(left).Compare(end) <= 0 {
			return start.Add(left)
		}
		left -= end.Sub(start)
		t = end
	}
}

// session returns the office session that contains t or, when t is outside
// every session (or at a session's very end), the next one: its effective
// start (t itself when inside) and its end.
func (c *Calendar) session(t time.Time) (start, end time.Time) {
	for day := startOfDay(t); ; day = day.AddDate(0, 0, 1) {
		if !c.IsWorkingDay(day) {
			continue
		}
		for _, s := range [][2]int{{morningStart, morningEnd}, {afternoonStart, afternoonEnd}} {
			from, to := at(day, s[0]), at(day, s[1])
			if !t.Before(to) {
				continue
			}
			if t.After(from) {
				from = t
			}
			return from, to
		}
	}
}

// startOfDay returns midnight of t's day in t's location.
func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// at returns the moment min minutes after the midnight of day.
func at(day time.Time, min int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), min/60, min%60, 0, 0, day.Location())
}
