package storetest

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

var conversationTests = map[string]func(*testing.T, Opener){
	"NeverSavedIsEmpty": func(t *testing.T, open Opener) {
		db := open(t)
		c, err := db.Conversation(ctx(), "web:abc")
		must(t, err)
		if c.Key != "web:abc" || c.Procedure != "" || c.Flow != "" || c.FlowData != nil || c.Proven != nil {
			t.Fatalf("got %+v, want empty with key", c)
		}
	},
	"SaveAndLoad": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		want := motcua.Conversation{Key: "telegram:42", Procedure: "1.001193", Flow: "complaint",
			FlowData: json.RawMessage(`{"step":2,"text":"chờ lâu quá"}`), Proven: []string{"H01.2026.0001", "H01.2026.0002"}}
		must(t, db.SaveConversation(ctx(), want))
		got, err := db.Conversation(ctx(), "telegram:42")
		must(t, err)
		want.UpdatedAt = clock.Now()
		if !reflect.DeepEqual(normConv(got), normConv(want)) {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
		// Overwrite with less.
		clock.Advance(time.Minute)
		must(t, db.SaveConversation(ctx(), motcua.Conversation{Key: "telegram:42", Procedure: "1.000001"}))
		got, err = db.Conversation(ctx(), "telegram:42")
		must(t, err)
		if got.Procedure != "1.000001" || got.Flow != "" || got.FlowData != nil || got.Proven != nil || !got.UpdatedAt.Equal(clock.Now()) {
			t.Fatalf("after overwrite got %+v", got)
		}
	},
	"Invalid": func(t *testing.T, open Opener) {
		db := open(t)
		if err := db.SaveConversation(ctx(), motcua.Conversation{}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("empty key: got %v", err)
		}
		err := db.SaveConversation(ctx(), motcua.Conversation{Key: "k", FlowData: json.RawMessage("{bad")})
		if motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad JSON: got %v", err)
		}
	},
	"DeleteBefore": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		must(t, db.SaveConversation(ctx(), motcua.Conversation{Key: "web:old"}))
		clock.Advance(48 * time.Hour)
		must(t, db.SaveConversation(ctx(), motcua.Conversation{Key: "web:new"}))
		n, err := db.DeleteConversationsBefore(ctx(), T0.Add(time.Hour))
		must(t, err)
		if n != 1 {
			t.Fatalf("deleted %d, want 1", n)
		}
		c, _ := db.Conversation(ctx(), "web:old")
		if !c.UpdatedAt.IsZero() {
			t.Fatal("old conversation still there")
		}
		c, _ = db.Conversation(ctx(), "web:new")
		if c.UpdatedAt.IsZero() {
			t.Fatal("new conversation deleted")
		}
	},
}

// normConv makes conversations comparable: JSON compared by value, times by instant.
func normConv(c motcua.Conversation) motcua.Conversation {
	var v any
	json.Unmarshal(c.FlowData, &v)
	b, _ := json.Marshal(v)
	c.FlowData = b
	c.UpdatedAt = c.UpdatedAt.UTC()
	return c
}

var turnTests = map[string]func(*testing.T, Opener){
	"RecentInOrder": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		for i, text := range []string{"xin chào", "làm giấy khai sinh", "phí bao nhiêu"} {
			must(t, db.AddTurn(ctx(), motcua.Turn{Key: "web:s1", From: "citizen", Text: text}))
			must(t, db.AddTurn(ctx(), motcua.Turn{Key: "web:s2", From: "citizen", Text: "khác"}))
			clock.Advance(time.Duration(i+1) * time.Second)
		}
		got, err := db.RecentTurns(ctx(), "web:s1", 2)
		must(t, err)
		if len(got) != 2 || got[0].Text != "làm giấy khai sinh" || got[1].Text != "phí bao nhiêu" {
			t.Fatalf("got %+v", got)
		}
		if got[0].From != "citizen" || got[0].Key != "web:s1" || !got[0].At.Equal(T0.Add(time.Second)) {
			t.Fatalf("fields: %+v", got[0])
		}
		none, err := db.RecentTurns(ctx(), "web:none", 5)
		must(t, err)
		if len(none) != 0 {
			t.Fatalf("unknown key: %+v", none)
		}
	},
	"DeleteBefore": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		must(t, db.AddTurn(ctx(), motcua.Turn{Key: "web:s", From: "citizen", Text: "a", At: T0}))
		must(t, db.AddTurn(ctx(), motcua.Turn{Key: "web:s", From: "bot", Text: "b", At: T0.Add(time.Hour)}))
		n, err := db.DeleteTurnsBefore(ctx(), T0.Add(time.Minute))
		must(t, err)
		got, _ := db.RecentTurns(ctx(), "web:s", 10)
		if n != 1 || len(got) != 1 || got[0].Text != "b" {
			t.Fatalf("deleted %d, left %+v", n, got)
		}
	},
}

var unansweredTests = map[string]func(*testing.T, Opener){
	"RecordListCount": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		for i, q := range []string{"cấp phép bay flycam", "nuôi chó cảnh", "cấp phép bay flycam", "cấp phép bay flycam", "nuôi chó cảnh", "xin visa"} {
			must(t, db.RecordUnanswered(ctx(), motcua.ChannelWeb, q, T0.Add(time.Duration(i)*time.Hour)))
		}
		latest, err := db.Unanswered(ctx(), 2)
		must(t, err)
		if len(latest) != 2 || latest[0].Question != "xin visa" || latest[0].Channel != "web" || !latest[0].At.Equal(T0.Add(5*time.Hour)) {
			t.Fatalf("latest: %+v", latest)
		}
		freq, err := db.FrequentUnanswered(ctx(), T0, 10)
		must(t, err)
		if len(freq) != 3 || freq[0].Question != "cấp phép bay flycam" || freq[0].Count != 3 || freq[1].Count != 2 {
			t.Fatalf("frequent: %+v", freq)
		}
		freq, err = db.FrequentUnanswered(ctx(), T0.Add(4*time.Hour), 10)
		must(t, err)
		if len(freq) != 2 || freq[0].Count != 1 {
			t.Fatalf("frequent since: %+v", freq)
		}
		n, err := db.DeleteUnansweredBefore(ctx(), T0.Add(3*time.Hour))
		must(t, err)
		if n != 3 {
			t.Fatalf("deleted %d", n)
		}
	},
}
