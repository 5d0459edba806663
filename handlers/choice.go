package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// choiceName is the flow that waits, after a clarifying question, for the
// number of a choice typed instead of tapped ("2", "số 2", "cái thứ hai"):
// on a channel whose buttons are hard to reach, the numbered list is what
// people answer.
const choiceName = "choice"

// choiceFlow reads a typed choice; anything else is passed back to the
// engine, which ends the flow and answers as usual.
type choiceFlow struct{ e *Engine }

func (choiceFlow) Name() string        { return choiceName }
func (choiceFlow) Label() string       { return "" }
func (choiceFlow) Match(*Request) bool { return false }
func (c choiceFlow) Handle(ctx context.Context, req *Request) ([]motcua.Reply, error) {
	var codes []string
	if req.Msg.Action != "" || req.Now.Sub(req.Conv.UpdatedAt) > choiceLife ||
		json.Unmarshal(req.Conv.FlowData, &codes) != nil {
		return nil, ErrPass
	}
	n, ok := typedNumber(words(req.Fold))
	switch {
	case !ok || n < 1 || n > maxTypedChoice:
		return nil, ErrPass // not a choice: a question, a phone number…
	case n > len(codes):
		return []motcua.Reply{{Text: fmt.Sprintf(msgNoSuchChoice, n, len(codes)), Buttons: []motcua.Button{menuButton}}}, nil
	}
	endFlow(req.Conv)
	p, err := c.e.procedure(codes[n-1])
	if err != nil {
		return c.e.missingProcedure(err), nil
	}
	req.Conv.Procedure = p.Code
	req.fromFlow = false // the card comes from the public catalogue
	return []motcua.Reply{c.e.card(p)}, nil
}

// choiceLife is how long a clarifying question waits for a typed number:
// "2" the next day is about something else.
const choiceLife = 30 * time.Minute

// maxTypedChoice is the largest number read as a choice; a larger one is
// something else (an amount, a phone number).
const maxTypedChoice = 9

const msgNoSuchChoice = "Không có lựa chọn số %d. Bạn gõ một số từ 1 đến %d, hoặc bấm nút của thủ tục cần hỏi nhé."

// numberWords are the ways a choice is typed in words.
var numberWords = map[string]int{"mot": 1, "nhat": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5}

// choicePhrases may surround a typed choice: "số 2", "cái thứ hai ạ",
// "chọn 3". "thứ" alone is not one: "thứ 7" is Saturday.
var choicePhrases = newPhraseSet("cai thu", "lua chon", "phuong an", "chon so", "so", "chon", "muc", "cai",
	"a", "da", "vang", "nhe", "nha", "oi", "cho minh", "cho toi", "toi chon", "minh chon")

// typedNumber reads a message that is only a choice's number.
func typedNumber(ws []string) (int, bool) {
	rest, _ := choicePhrases.remove(padded(ws))
	left := strings.Fields(rest)
	if len(left) != 1 {
		return 0, false
	}
	if v, err := strconv.Atoi(left[0]); err == nil {
		return v, true
	}
	v, ok := numberWords[left[0]]
	return v, ok
}

// offerChoices remembers the procedures of a clarifying question, so that
// a typed number picks one.
func offerChoices(c *motcua.Conversation, procs []*motcua.Procedure) {
	codes := make([]string, len(procs))
	for i, p := range procs {
		codes[i] = p.Code
	}
	data, _ := json.Marshal(codes)
	c.Flow, c.FlowData = choiceName, data
}
