package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

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
	if req.Msg.Action != "" || json.Unmarshal(req.Conv.FlowData, &codes) != nil {
		return nil, ErrPass
	}
	n, ok := typedNumber(words(req.Fold))
	if !ok {
		return nil, ErrPass
	}
	if n < 1 || n > len(codes) {
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

const msgNoSuchChoice = "Không có lựa chọn số %d. Bạn gõ một số từ 1 đến %d, hoặc bấm nút của thủ tục cần hỏi nhé."

// numberWords are the ways a choice is typed in words.
var numberWords = map[string]int{"mot": 1, "nhat": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5}

// choiceFiller may surround a typed choice: "số 2", "cái thứ 2 ạ", "chọn 3".
var choiceFiller = setOf("so cai thu chon lua phuong an muc a a da vang nhe nha oi")

// typedNumber reads a message that is only a choice's number.
func typedNumber(ws []string) (int, bool) {
	n, found := 0, false
	for _, w := range ws {
		if v, err := strconv.Atoi(w); err == nil && !found {
			n, found = v, true
			continue
		}
		if v, ok := numberWords[w]; ok && !found {
			n, found = v, true
			continue
		}
		if !choiceFiller[w] {
			return 0, false
		}
	}
	return n, found
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
