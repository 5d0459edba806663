package handlers

import (
	"context"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
	"github.com/motcua/motcua/split"
)

// recentTurnsN is how many turns of context the Phraser gets.
const recentTurnsN = 6

// maxTurnRunes is how much of an answer is kept as a turn.
const maxTurnRunes = 600

// recordTurns keeps the citizen's message and the bot's answer, masked, for
// context; a failure is logged and does not spoil the answer.
func (e *Engine) recordTurns(ctx context.Context, req *Request, replies []motcua.Reply) {
	if e.cfg.Turns == nil {
		return
	}
	in := req.Text
	if in == "" && req.Msg.Action != "" {
		in = "[" + req.Msg.Action + "]"
	}
	out := make([]string, 0, len(replies))
	for _, r := range replies {
		out = append(out, r.Text)
	}
	// The start of an answer is context enough.
	answer := shorten(strings.Join(out, "\n\n"), maxTurnRunes)
	if req.fromFlow {
		answer = pii.Mask(answer)
	}
	turns := []motcua.Turn{
		{Key: req.Conv.Key, From: "citizen", Text: pii.Mask(in), At: req.Now},
		{Key: req.Conv.Key, From: "bot", Text: answer, At: req.Now},
	}
	for _, t := range turns {
		if t.Text == "" {
			continue
		}
		if err := e.cfg.Turns.AddTurn(ctx, t); err != nil {
			e.log.Error("handlers: record turn", "err", err)
			return
		}
	}
}

// recentTurns returns the last turns of a conversation, or none.
func (e *Engine) recentTurns(ctx context.Context, key string) []motcua.Turn {
	if e.cfg.Turns == nil {
		return nil
	}
	turns, err := e.cfg.Turns.RecentTurns(ctx, key, recentTurnsN)
	if err != nil {
		e.log.Warn("handlers: recent turns", "err", err)
		return nil
	}
	return turns
}

// finish splits every reply longer than motcua.MaxReplyRunes into several,
// the buttons and attachments staying with the last part.
func finish(replies []motcua.Reply) []motcua.Reply {
	out := make([]motcua.Reply, 0, len(replies))
	for _, r := range replies {
		parts := split.Text(r.Text, motcua.MaxReplyRunes)
		if len(parts) <= 1 {
			out = append(out, r)
			continue
		}
		for _, p := range parts[:len(parts)-1] {
			out = append(out, motcua.Reply{Text: p})
		}
		r.Text = parts[len(parts)-1]
		out = append(out, r)
	}
	return out
}
