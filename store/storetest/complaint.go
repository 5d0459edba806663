package storetest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func sampleComplaint(sub string) *motcua.Complaint {
	return &motcua.Complaint{Category: "extra_papers", Text: "Cán bộ yêu cầu nộp thêm sổ hộ khẩu", DossierCode: "H01",
		Photos: []motcua.Attachment{{Kind: "image", ChannelRef: "AgAD123"}}, Name: "Trần Thị B", Phone: "0912345678",
		Consent: true, Channel: "telegram", ChatID: "42", SubmissionID: sub,
		AnswerDueAt: T0.Add(8 * time.Hour), ResolveDueAt: T0.Add(10 * 24 * time.Hour)}
}

var complaintTests = map[string]func(*testing.T, Opener){
	"CreateGet": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		c := sampleComplaint("sub-1")
		created, err := db.CreateComplaint(ctx(), c)
		must(t, err)
		if !created || c.Code != "PA-2611-0001" || c.Status != motcua.ComplaintNew || !c.CreatedAt.Equal(T0) {
			t.Fatalf("created=%v %+v", created, c)
		}
		got, err := db.Complaint(ctx(), c.Code)
		must(t, err)
		if got.Text != c.Text || got.Name != c.Name || got.Phone != c.Phone || !got.Consent || got.Channel != "telegram" ||
			got.ChatID != "42" || len(got.Photos) != 1 || got.Photos[0].ChannelRef != "AgAD123" || got.DossierCode != "H01" ||
			!got.AnswerDueAt.Equal(c.AnswerDueAt) || got.Category != "extra_papers" || len(got.History) != 0 {
			t.Fatalf("got %+v", got)
		}
		if _, err := db.Complaint(ctx(), "PA-0000-0000"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("missing: %v", err)
		}
	},
	"SubmissionIdempotent": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		c1 := sampleComplaint("sub-x")
		_, err := db.CreateComplaint(ctx(), c1)
		must(t, err)
		c2 := sampleComplaint("sub-x")
		created, err := db.CreateComplaint(ctx(), c2)
		must(t, err)
		if created || c2.Code != c1.Code {
			t.Fatalf("second: created=%v code %q, first %q", created, c2.Code, c1.Code)
		}
		all, _ := db.Complaints(ctx(), motcua.ComplaintFilter{})
		if len(all) != 1 {
			t.Fatalf("%d complaints, want 1", len(all))
		}
	},
	"ConcurrentSubmissions": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[string]int{}
		createdN := 0
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c := sampleComplaint(fmt.Sprint("sub-", i%5)) // each submission delivered 4 times
				created, err := db.CreateComplaint(ctx(), c)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				codes[c.Code]++
				if created {
					createdN++
				}
				mu.Unlock()
			}(i)
		}
		wg.Wait()
		if createdN != 5 || len(codes) != 5 {
			t.Fatalf("created %d, codes %v; want 5 and 5", createdN, codes)
		}
		all, _ := db.Complaints(ctx(), motcua.ComplaintFilter{})
		if len(all) != 5 {
			t.Fatalf("%d complaints stored", len(all))
		}
	},
	"Invalid": func(t *testing.T, open Opener) {
		db := open(t)
		for name, mod := range map[string]func(*motcua.Complaint){
			"text":     func(c *motcua.Complaint) { c.Text = "" },
			"category": func(c *motcua.Complaint) { c.Category = "x" },
			"chat":     func(c *motcua.Complaint) { c.ChatID = "" },
			"status":   func(c *motcua.Complaint) { c.Status = "x" },
		} {
			c := sampleComplaint("")
			mod(c)
			if _, err := db.CreateComplaint(ctx(), c); motcua.ErrorCode(err) != motcua.EINVALID {
				t.Errorf("%s: %v", name, err)
			}
		}
		c := sampleComplaint("")
		c.Code = "PA-1"
		_, err := db.CreateComplaint(ctx(), c)
		must(t, err)
		dup := sampleComplaint("")
		dup.Code = "PA-1"
		if _, err := db.CreateComplaint(ctx(), dup); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("duplicate code: %v", err)
		}
		if err := db.RateComplaint(ctx(), "PA-1", "tuyệt"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad rating: %v", err)
		}
		if err := db.RateComplaint(ctx(), "PA-none", "hai_long"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("rate missing: %v", err)
		}
		if err := db.AddComplaintEvent(ctx(), "PA-none", motcua.ComplaintEvent{Text: "x"}, nil); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("event on missing: %v", err)
		}
		if err := db.AddComplaintEvent(ctx(), "PA-1", motcua.ComplaintEvent{Status: "x"}, nil); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad event status: %v", err)
		}
	},
	"ReplyQueuedOnce": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		c := sampleComplaint("s")
		_, err := db.CreateComplaint(ctx(), c)
		must(t, err)
		clock.Advance(2 * time.Hour)
		e := motcua.ComplaintEvent{Status: motcua.ComplaintAnswered, Text: "Trung tâm xin lỗi, đã nhắc nhở cán bộ.", By: "giám sát"}
		reply := &motcua.Reply{Text: "Trả lời phản ánh " + c.Code + ": " + e.Text}
		must(t, db.AddComplaintEvent(ctx(), c.Code, e, reply))
		must(t, db.AddComplaintEvent(ctx(), c.Code, e, reply)) // retried: ignored
		ms, err := db.ClaimOutbox(ctx(), 10, time.Minute)
		must(t, err)
		if len(ms) != 1 || ms[0].Channel != "telegram" || ms[0].ChatID != "42" || !strings.Contains(ms[0].Reply.Text, "xin lỗi") {
			t.Fatalf("outbox %+v", ms)
		}
		got, _ := db.Complaint(ctx(), c.Code)
		if got.Status != motcua.ComplaintAnswered || len(got.History) != 1 || got.History[0].By != "giám sát" || !got.History[0].At.Equal(clock.Now()) {
			t.Fatalf("complaint %+v", got)
		}
		// A status-only change keeps the status when empty, queues nothing without reply.
		must(t, db.AddComplaintEvent(ctx(), c.Code, motcua.ComplaintEvent{Text: "ghi chú nội bộ"}, nil))
		got, _ = db.Complaint(ctx(), c.Code)
		if got.Status != motcua.ComplaintAnswered || len(got.History) != 2 || got.History[1].Status != motcua.ComplaintAnswered {
			t.Fatalf("after note %+v", got)
		}
		if ms, _ := db.ClaimOutbox(ctx(), 10, time.Minute); len(ms) != 0 {
			t.Fatalf("queued without reply: %+v", ms)
		}
	},
	"FiltersAndOverdue": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		a, b, c := sampleComplaint("a"), sampleComplaint("b"), sampleComplaint("c")
		for _, x := range []*motcua.Complaint{a, b, c} {
			_, err := db.CreateComplaint(ctx(), x)
			must(t, err)
			clock.Advance(time.Minute)
		}
		must(t, db.AddComplaintEvent(ctx(), b.Code, motcua.ComplaintEvent{Status: motcua.ComplaintInProgress, Text: "Đang xác minh"}, nil))
		must(t, db.AddComplaintEvent(ctx(), c.Code, motcua.ComplaintEvent{Status: motcua.ComplaintClosed}, nil))
		news, err := db.Complaints(ctx(), motcua.ComplaintFilter{Status: motcua.ComplaintNew})
		must(t, err)
		if len(news) != 1 || news[0].Code != a.Code {
			t.Fatalf("new: %+v", news)
		}
		all, _ := db.Complaints(ctx(), motcua.ComplaintFilter{Limit: 2})
		if len(all) != 2 || all[0].Code != c.Code {
			t.Fatalf("limit/order: %+v", all)
		}
		clock.Advance(9 * time.Hour) // past the answer deadline: a is late, b answered, c closed
		late, err := db.Complaints(ctx(), motcua.ComplaintFilter{Overdue: true})
		must(t, err)
		if len(late) != 1 || late[0].Code != a.Code {
			t.Fatalf("overdue after 9h: %+v", late)
		}
		clock.Advance(11 * 24 * time.Hour) // past resolution: a and b
		late, _ = db.Complaints(ctx(), motcua.ComplaintFilter{Overdue: true})
		if len(late) != 2 {
			t.Fatalf("overdue after 11d: %+v", late)
		}
		mine, err := db.ChatComplaints(ctx(), "telegram", "42")
		must(t, err)
		if len(mine) != 3 {
			t.Fatalf("chat complaints %d", len(mine))
		}
		other, _ := db.ChatComplaints(ctx(), "web", "42")
		if len(other) != 0 {
			t.Fatalf("other chat sees %d", len(other))
		}
	},
	"RatingsAndCodes": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		var codes []string
		for i, r := range []string{"rat_hai_long", "hai_long", "rat_hai_long"} {
			c := sampleComplaint(fmt.Sprint(i))
			_, err := db.CreateComplaint(ctx(), c)
			must(t, err)
			must(t, db.RateComplaint(ctx(), c.Code, r))
			codes = append(codes, c.Code)
		}
		must(t, db.RateComplaint(ctx(), codes[2], "khong_hai_long")) // changed their mind
		got, err := db.ComplaintRatings(ctx(), T0, T0.Add(time.Hour))
		must(t, err)
		if got["rat_hai_long"] != 1 || got["hai_long"] != 1 || got["khong_hai_long"] != 1 {
			t.Fatalf("ratings %v", got)
		}
		if c, _ := db.Complaint(ctx(), codes[2]); c.Rating != "khong_hai_long" {
			t.Fatalf("rating %q", c.Rating)
		}
		if codes[0] != "PA-2611-0001" || codes[2] != "PA-2611-0003" {
			t.Fatalf("codes %v", codes)
		}
		clock.Advance(31 * 24 * time.Hour)
		next, err := db.NewComplaintCode(ctx(), clock.Now())
		must(t, err)
		if next != "PA-2612-0001" {
			t.Fatalf("next month code %q", next)
		}
	},
}
