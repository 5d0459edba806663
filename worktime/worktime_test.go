package worktime

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// Holidays used by the tests: New Year's Day (Thursday) and the Tết days of
// 2026 as decided for that year, 16–20 February (Monday to Friday).
const testHolidays = "2026-01-01, 2026-02-16,2026-02-17,2026-02-18,2026-02-19,2026-02-20"

func mustCalendar(t *testing.T) *Calendar {
	t.Helper()
	c, err := FromSettings(8, 10, testHolidays)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// vn parses "2006-01-02 15:04" in Vietnam time.
func vn(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, vietnam)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAddWorkingDays(t *testing.T) {
	c := mustCalendar(t)
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"next day", "2026-01-05 10:00", 1, "2026-01-06 17:00"},
		{"friday to monday", "2026-01-09 16:00", 1, "2026-01-12 17:00"},
		{"saturday counts from monday", "2026-01-10 09:00", 1, "2026-01-12 17:00"},
		{"sunday evening", "2026-01-11 23:59", 2, "2026-01-13 17:00"},
		{"two weeks", "2026-01-05 08:00", 10, "2026-01-19 17:00"},
		{"over new year", "2025-12-31 10:00", 1, "2026-01-02 17:00"},
		{"over tet", "2026-02-13 10:00", 1, "2026-02-23 17:00"},
		{"ten days over tet", "2026-02-11 08:00", 10, "2026-03-04 17:00"},
		{"zero", "2026-01-05 10:00", 0, "2026-01-05 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDays(vn(t, tt.from), tt.n)
			if want := vn(t, tt.want); !got.Equal(want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateTime), tt.want)
			}
		})
	}
}

func TestAddWorkingHours(t *testing.T) {
	c := mustCalendar(t)
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"within the morning", "2026-01-05 08:00", 2, "2026-01-05 10:00"},
		{"across lunch", "2026-01-05 10:30", 2, "2026-01-05 14:00"},
		{"during lunch", "2026-01-05 12:00", 1, "2026-01-05 14:00"},
		{"before opening", "2026-01-05 06:00", 1, "2026-01-05 08:30"},
		{"a full day lands on closing", "2026-01-05 07:30", 8, "2026-01-05 17:00"},
		{"ends exactly at lunch", "2026-01-05 09:30", 2, "2026-01-05 11:30"},
		{"after closing", "2026-01-05 18:00", 1, "2026-01-06 08:30"},
		{"at closing", "2026-01-05 17:00", 1, "2026-01-06 08:30"},
		{"eight hours midday", "2026-01-05 10:00", 8, "2026-01-06 10:00"},
		{"friday afternoon to monday", "2026-01-09 16:00", 8, "2026-01-12 16:00"},
		{"saturday", "2026-01-10 10:00", 8, "2026-01-12 17:00"},
		{"new year's eve to after the holiday", "2025-12-31 16:00", 2, "2026-01-02 08:30"},
		{"before tet", "2026-02-13 15:00", 8, "2026-02-23 15:00"},
		{"zero", "2026-01-05 20:00", 0, "2026-01-05 20:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingHours(vn(t, tt.from), tt.n)
			if want := vn(t, tt.want); !got.Equal(want) {
				t.Errorf("AddWorkingHours(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateTime), tt.want)
			}
		})
	}
}

func TestAddWorkingHoursFromUTC(t *testing.T) {
	c := mustCalendar(t)
	// 01:00 UTC is 08:00 in Vietnam: the answer is counted in Vietnam time.
	from := time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC)
	if got, want := c.AddWorkingHours(from, 1), vn(t, "2026-01-05 09:00"); !got.Equal(want) {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestComplaintDue(t *testing.T) {
	c := mustCalendar(t)
	answer, resolve := c.ComplaintDue(vn(t, "2026-01-09 16:00"))
	if want := vn(t, "2026-01-12 16:00"); !answer.Equal(want) {
		t.Errorf("answer due %s, want %s", answer, want)
	}
	if want := vn(t, "2026-01-23 17:00"); !resolve.Equal(want) {
		t.Errorf("resolve due %s, want %s", resolve, want)
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := mustCalendar(t)
	for s, want := range map[string]bool{
		"2026-01-01 10:00": false, // holiday
		"2026-01-02 10:00": true,
		"2026-01-03 10:00": false, // Saturday
		"2026-01-04 10:00": false, // Sunday
		"2026-02-18 10:00": false, // Tết
	} {
		if got := c.IsWorkingDay(vn(t, s)); got != want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestFromSettingsErrors(t *testing.T) {
	for _, tt := range []struct {
		hours, days int
		holidays    string
	}{
		{0, 10, ""},
		{8, 0, ""},
		{8, 10, "2026-13-01"},
		{8, 10, "01/01/2026"},
		{8, 10, "2026-01-01;2026-01-02"},
	} {
		_, err := FromSettings(tt.hours, tt.days, tt.holidays)
		if motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("FromSettings(%d, %d, %q) error = %v, want invalid", tt.hours, tt.days, tt.holidays, err)
		}
	}
	if _, err := FromSettings(8, 10, " , "); err != nil {
		t.Errorf("empty items: %v", err)
	}
}
