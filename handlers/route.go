package handlers

import (
	"context"
	"errors"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// route chooses who answers a valid message: the global menu, a button's
// action, a flow in progress, a flow that matches, or the engine's intents.
func (e *Engine) route(ctx context.Context, req *Request) []motcua.Reply {
	verb, arg := parseAction(req.Msg.Action)
	ws := words(req.Fold)
	if verb == "menu" || (req.Msg.Action == "" && isMenuCommand(req.Fold)) {
		endFlow(req.Conv)
		return e.menu()
	}
	if verb == "f" {
		return e.flowAction(ctx, req, arg)
	}
	if f, ok := e.claims[verb]; ok && req.Msg.Action != "" {
		return e.claimedAction(ctx, req, f)
	}
	if f, ok := e.flows[req.Conv.Flow]; ok {
		if replies, handled := e.runFlow(ctx, req, f); handled {
			return replies
		}
	} else if req.Conv.Flow != "" {
		endFlow(req.Conv) // a flow removed from this deployment
	}
	if req.Msg.Action != "" {
		return e.action(ctx, req, verb, arg)
	}
	return e.text(ctx, req, ws)
}

// parseAction splits "VERB:ARG" at the first colon.
func parseAction(action string) (verb, arg string) {
	verb, arg, _ = strings.Cut(strings.TrimSpace(action), ":")
	return verb, arg
}

// isMenuCommand reports whether typed text asks for the main menu, which
// works even in the middle of a flow.
func isMenuCommand(fold string) bool {
	switch strings.TrimSpace(fold) {
	case "/start", "/menu", "menu", "/help":
		return true
	}
	return false
}

// endFlow forgets any flow in progress.
func endFlow(c *motcua.Conversation) {
	c.Flow = ""
	c.FlowData = nil
}

// flowAction routes an "f:NAME[:…]" button to its flow, which starts or
// continues it.
func (e *Engine) flowAction(ctx context.Context, req *Request, arg string) []motcua.Reply {
	name, _, _ := strings.Cut(arg, ":")
	f, ok := e.flows[name]
	if !ok {
		return unknownAction()
	}
	if req.Conv.Flow != name {
		// Another flow was in progress: the citizen chose to leave it.
		endFlow(req.Conv)
	}
	replies, handled := e.runFlow(ctx, req, f)
	if !handled {
		return unknownAction()
	}
	return replies
}

// claimedAction hands a button a flow claimed (ActionClaimer) to it,
// without ending the flow in progress, if any: the flow leaves it alone.
func (e *Engine) claimedAction(ctx context.Context, req *Request, f Flow) []motcua.Reply {
	before := *req.Conv
	replies, handled := e.runFlow(ctx, req, f)
	if !handled {
		*req.Conv = before
		return unknownAction()
	}
	return replies
}

// runFlow hands the message to f. handled is false when the flow passed the
// message back (ErrPass): the flow has ended and the engine answers. On any
// other error the conversation is left as it was before the message.
func (e *Engine) runFlow(ctx context.Context, req *Request, f Flow) (replies []motcua.Reply, handled bool) {
	before := *req.Conv
	req.fromFlow = true
	replies, err := f.Handle(ctx, req)
	switch {
	case errors.Is(err, ErrPass):
		req.fromFlow = false
		*req.Conv = before
		endFlow(req.Conv)
		return nil, false
	case err != nil:
		*req.Conv = before
		return e.internal("flow "+f.Name(), err), true
	}
	return replies, true
}

// action answers a button of the engine's own.
func (e *Engine) action(ctx context.Context, req *Request, verb, arg string) []motcua.Reply {
	switch verb {
	case "info":
		return e.centreInfo()
	case "help":
		return e.askHelp()
	case "p", "docs", "steps", "fee", "time", "where", "online":
		p, err := e.procedure(arg)
		if err != nil {
			return e.missingProcedure(err)
		}
		req.Conv.Procedure = p.Code
		if verb == "p" {
			return []motcua.Reply{e.card(p)}
		}
		return e.aspectReply(p, []aspect{aspect(verb)})
	}
	return unknownAction()
}

// text answers typed text outside any flow.
func (e *Engine) text(ctx context.Context, req *Request, ws []string) []motcua.Reply {
	if action := e.typedButton(ws); action != "" {
		// A menu button's label typed (or sent back by a channel without
		// buttons) does what the button does.
		req.Msg.Action = action
		return e.route(ctx, req)
	}
	if isWhole(greetingPhrases, ws) {
		return e.menu()
	}
	if isWhole(undoPhrases, ws) {
		return e.nothingToUndo()
	}
	if kind := smallTalk(ws); kind != talkNone {
		return e.chat(kind, req.Conv)
	}
	for _, name := range e.flowOrder() {
		if f := e.flows[name]; f.Match(req) {
			if replies, handled := e.runFlow(ctx, req, f); handled {
				return replies
			}
			break
		}
	}
	if isCentreQuestion(ws) {
		return e.centreAnswer(askedItems(ws))
	}
	if aspects, pure := followUp(ws); pure {
		return e.followUp(req, aspects)
	}
	if replies, ok := e.fieldChoice(ctx, req, ws); ok {
		return replies
	}
	if rest, found := vaguePhrases.remove(padded(ws)); found && onlyWords(rest, fieldFiller) {
		// "cấp lại", "đăng ký", "làm lại giấy tờ": which paper?
		return e.askWhat()
	}
	if onlyFiller(padded(ws)) {
		// "dạ", "sao ạ": nothing to search; say how to ask.
		return e.askHelp()
	}
	return e.question(ctx, req)
}

// flowOrder lists flow names in the order of Config.Flows.
func (e *Engine) flowOrder() []string {
	names := make([]string, len(e.cfg.Flows))
	for i, f := range e.cfg.Flows {
		names[i] = f.Name()
	}
	return names
}

// procedure finds a procedure by code in the catalogue.
func (e *Engine) procedure(code string) (*motcua.Procedure, error) {
	if code == "" {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "no procedure code")
	}
	return e.cfg.Catalog.Procedure(code)
}

// missingProcedure answers a button or follow-up naming a procedure the
// catalogue no longer has (a button from an old conversation).
func (e *Engine) missingProcedure(err error) []motcua.Reply {
	if motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return e.internal("catalog", err)
	}
	return []motcua.Reply{{Text: msgProcedureGone, Buttons: []motcua.Button{helpButton, menuButton}}}
}

// followUp answers a question about the procedure under discussion.
func (e *Engine) followUp(req *Request, aspects []aspect) []motcua.Reply {
	if req.Conv.Procedure == "" {
		if len(aspects) == 1 && aspects[0] == aspectWhere {
			r := e.centreAnswer([]centreItem{itemAddress, itemHours})
			r[0].Text += "\n" + msgWhereDepends
			return r
		}
		return e.askWhichProcedure()
	}
	p, err := e.procedure(req.Conv.Procedure)
	if err != nil {
		req.Conv.Procedure = ""
		return e.missingProcedure(err)
	}
	return e.aspectReply(p, aspects)
}

// typedButton returns the action of the engine's own menu button whose
// label the message is, or "". Flows read their labels in Match.
func (e *Engine) typedButton(ws []string) string {
	for _, b := range []motcua.Button{helpButton, infoButton} {
		label := newPhraseSet(strings.Join(words(vi.Fold(b.Label)), " "))
		if rest, found := label.remove(padded(ws)); found && onlyWords(rest, fieldFiller) {
			return b.Action
		}
	}
	return ""
}
