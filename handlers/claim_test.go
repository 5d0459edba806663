package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/motcua/motcua"
)

// surveyFlow claims "vote:" buttons and reads raw input while in progress.
type surveyFlow struct{ prefixes []string }

func (surveyFlow) Name() string               { return "survey" }
func (surveyFlow) Label() string              { return "Khảo sát" }
func (surveyFlow) Match(req *Request) bool    { return req.Fold == "khao sat" }
func (f surveyFlow) ActionPrefixes() []string { return f.prefixes }
func (surveyFlow) TakesRawInput(c *motcua.Conversation) bool {
	return c.Flow == "survey"
}

func (surveyFlow) Handle(ctx context.Context, req *Request) ([]motcua.Reply, error) {
	switch req.Msg.Action {
	case "vote:pass":
		return nil, ErrPass
	case "":
	default:
		return []motcua.Reply{{Text: "voted " + req.Msg.Action}}, nil
	}
	req.Conv.Flow, req.Conv.FlowData = "survey", json.RawMessage(`{"n":1}`)
	return []motcua.Reply{{Text: fmt.Sprintf("survey got %q and %d files", req.Text, len(req.Msg.Attachments))}}, nil
}

func withSurvey(c *Config) { c.Flows = []Flow{fakeFlow{}, surveyFlow{prefixes: []string{"vote:"}}} }

// TestClaimedActionLeavesOtherFlow presses a claimed button in the middle
// of another flow: the claiming flow answers, the other flow goes on.
func TestClaimedActionLeavesOtherFlow(t *testing.T) {
	h := newHarness(t, withSurvey)
	h.run("c", []step{
		{action: "f:dossier", flow: "dossier"},
		{action: "vote:PA-1:good", want: []string{"voted vote:PA-1:good"}, flow: "dossier"},
		{action: "vote:pass", want: []string{msgUnknownAction}, flow: "dossier"},
		{text: "H1-2345", want: []string{"đang giải quyết"}, flow: "-"},
		{action: "vote:x", want: []string{"voted vote:x"}, flow: "-"},
		{action: "votex", want: []string{msgUnknownAction}},
	})
	if c := h.convs.get("web:c"); len(c.FlowData) != 0 && string(c.FlowData) != "null" {
		t.Fatalf("flow data %s", c.FlowData)
	}
}

// TestBadActionPrefixes refuses prefixes that are malformed, the engine's
// own, or claimed twice.
func TestBadActionPrefixes(t *testing.T) {
	for _, p := range [][]string{{"vote"}, {"f:"}, {"menu:"}, {"p:"}, {"a:b:"}, {":"}, {"vote:", "vote:"}} {
		cfg := Config{Searcher: &fakeSearcher{}, Catalog: newCatalog(), Conversations: newMemConversations(),
			Flows: []Flow{surveyFlow{prefixes: p}}}
		if _, err := New(cfg); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("prefixes %q: error %v, want EINVALID", p, err)
		}
	}
}

// TestRawInputReachesFlow sends what the engine refuses (empty, a photo
// alone, emoji, too long) to a flow that reads it, only while it is in
// progress; binary text is refused still.
func TestRawInputReachesFlow(t *testing.T) {
	h := newHarness(t, withSurvey)
	h.run("r", []step{{text: "", want: []string{msgEmpty}, flow: "-"}})
	h.run("r", []step{
		{text: "khao sat", flow: "survey"},
		{text: "", want: []string{`survey got "" and 0 files`}},
		{text: "😀", want: []string{`survey got "😀"`}},
		{text: "a\x00b", want: []string{msgBinary}},
	})
	m := motcua.Message{Channel: motcua.ChannelWeb, ChatID: "r", Attachments: []motcua.Attachment{{Kind: "image"}}}
	replies, err := h.e.Handle(context.Background(), m)
	if err != nil || len(replies) != 1 || replies[0].Text != `survey got "" and 1 files` {
		t.Fatalf("photo alone: %+v, %v", replies, err)
	}
}
