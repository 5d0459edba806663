// Package worktime computes handling deadlines in working time: Monday to
// Friday, office hours, minus the public holidays a deployment lists. The
// supervision team's deadlines ("answer within 8 working hours, resolve
// within 10 working days") are counted this way, not in calendar time.
package worktime

import (
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Vietnam keeps one offset all year (no daylight saving), so a fixed zone is
// exact and spares the binary a time-zone database.
var vietnam = time.FixedZone("ICT", 7*60*60)

// Office hours: a working day of 8 hours in two sessions, the usual schedule
// of a public administration centre. Minutes after midnight.
const (
	morningStart   = 7*60 + 30
	morningEnd     = 11*60 + 30
	afternoonStart = 13 * 60
	afternoonEnd   = 17 * 60
)

// Calendar knows which days are working days and when offices are open.
// It is safe for concurrent use once built.
type Calendar struct {
	loc         *time.Location
	holidays    map[string]bool // "YYYY-MM-DD" in loc
	answerHours int
	resolveDays int
}

// FromSettings builds a calendar from the deployment's settings: the working
// hours to answer a complaint, the working days to resolve it, and public
// holidays as comma-separated YYYY-MM-DD dates.
func FromSettings(answerHours, resolveDays int, holidays string) (*Calendar, error) {
	if answerHours <= 0 || resolveDays <= 0 {
		return nil, motcua.Errorf(motcua.EINVALID, "worktime: answer hours (%d) and resolve days (%d) must be positive", answerHours, resolveDays)
	}
	c := &Calendar{loc: vietnam, holidays: map[string]bool{}, answerHours: answerHours, resolveDays: resolveDays}
	for _, s := range strings.Split(holidays, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		d, err := time.ParseInLocation(time.DateOnly, s, c.loc)
		if err != nil {
			return nil, motcua.Errorf(motcua.EINVALID, "worktime: holiday %q is not a YYYY-MM-DD date", s)
		}
		c.holidays[d.Format(time.DateOnly)] = true
	}
	return c, nil
}

// Location is the time zone the calendar counts in (Vietnam, UTC+7).
func (c *Calendar) Location() *time.Location { return c.loc }

// IsWorkingDay reports whether t falls on a working day: Monday to Friday
// and not a listed holiday.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	t = t.In(c.loc)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !c.holidays[t.Format(time.DateOnly)]
}

// ComplaintDue returns when a complaint created at created must be answered
// (the answer-hours setting, in working hours) and resolved (the
// resolve-days setting, in working days).
func (c *Calendar) ComplaintDue(created time.Time) (answerDue, resolveDue time.Time) {
	return c.AddWorkingHours(created, c.answerHours), c.AddWorkingDays(created, c.resolveDays)
}
