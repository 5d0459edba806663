package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
	"github.com/motcua/motcua/pii"
)

// maxChoices is how many procedures a clarifying question offers.
const maxChoices = 4

// Outcomes of a procedure question, passed to Config.OnQuestion.
const (
	QuestionAnswered   = "answered"
	QuestionClarified  = "clarified"
	QuestionOutOfScope = "out_of_scope"
)

// question answers a procedure question: a card when the search is sure,
// a choice when it is not, and "no information" when nothing matches.
func (e *Engine) question(ctx context.Context, req *Request) []motcua.Reply {
	res, err := e.cfg.Searcher.Search(ctx, req.Text, e.cfg.SearchK)
	if err != nil {
		return e.internal("search", err)
	}
	res = e.retry(ctx, req, res)
	procs := e.hitProcedures(res.Hits)
	switch {
	case !res.InScope || len(procs) == 0:
		e.recordUnanswered(ctx, req)
		e.onQuestion(ctx, QuestionOutOfScope, nil)
		return e.outOfScope(res.Topic)
	case !res.Confident && len(procs) > 1 && !isGeneral(procs[0], procs[1]):
		e.onQuestion(ctx, QuestionClarified, nil)
		return e.clarify(req.Conv, procs)
	}
	p := procs[0]
	e.onQuestion(ctx, QuestionAnswered, p)
	req.Conv.Procedure = p.Code
	r := e.answer(ctx, req, p, procs)
	if !res.Confident {
		r = withVariants(r, procs)
	}
	if bereaved(req.Fold, p) {
		r.Text = msgCondolence + "\n\n" + r.Text
	}
	return []motcua.Reply{r}
}

// bereaved reports a question about a procedure that follows a death
// ("bố tôi mới mất"), written as a loss: the answer begins with a word of
// sympathy before the papers. "Mất" alone is not enough: "mất bao lâu" is
// time, "bị mất" a lost paper.
func bereaved(fold string, p *motcua.Procedure) bool {
	name := vi.Fold(p.Name)
	if !strings.Contains(name, "khai tu") && !strings.Contains(name, "mai tang") && !strings.Contains(name, "tu tran") {
		return false
	}
	return deathWords.MatchString(" " + strings.Join(words(fold), " ") + " ")
}

// deathWords are how a death is told, folded.
var deathWords = regexp.MustCompile(` (qua doi|tu tran|chet|khuat|tu tran|(moi|vua|da) mat|mat roi|` +
	`(bo|me|cha|ong|ba|vo|chong|con|anh|chi|em|ma|tia|cu)( toi| minh| em| chau)? mat)( |$)`)

// onQuestion tells Config.OnQuestion how a question ended.
func (e *Engine) onQuestion(ctx context.Context, outcome string, p *motcua.Procedure) {
	if e.cfg.OnQuestion != nil {
		e.cfg.OnQuestion(ctx, outcome, p)
	}
}

// isGeneral reports whether p is the general case of which q is a variant:
// "đăng ký khai sinh" and "đăng ký khai sinh lưu động". The general case is
// then the likely answer, and the variants are offered beside it.
func isGeneral(p, q *motcua.Procedure) bool {
	core := strings.TrimPrefix(vi.Fold(p.Name), "thu tuc ")
	other := strings.TrimPrefix(vi.Fold(q.Name), "thu tuc ")
	// The same name at another level is no variant: the level must be chosen.
	return core != "" && other != core && strings.Contains(other, core)
}

// withVariants adds to a card the other procedures the question may mean,
// as buttons placed before the card's own.
func withVariants(r motcua.Reply, procs []*motcua.Procedure) motcua.Reply {
	procs = procs[:min(len(procs), maxChoices)]
	labels := choiceLabels(procs)
	var variants []motcua.Button
	for i, p := range procs[1:] {
		variants = append(variants, motcua.Button{Label: labels[i+1], Action: "p:" + p.Code})
	}
	r.Text += "\n\n" + msgVariants
	// The variants go before the menu button, which stays last.
	buttons := make([]motcua.Button, 0, len(r.Buttons)+len(variants))
	for _, b := range r.Buttons {
		if b != menuButton {
			buttons = append(buttons, b)
		}
	}
	r.Buttons = append(append(buttons, variants...), menuButton)
	return r
}

// retry asks the Rewriter for a better query when the search is unsure, and
// keeps the second result only when it is surer than the first.
func (e *Engine) retry(ctx context.Context, req *Request, res motcua.SearchResult) motcua.SearchResult {
	if e.cfg.Rewriter == nil || (res.InScope && res.Confident) {
		return res
	}
	q, err := e.cfg.Rewriter.Rewrite(ctx, pii.Mask(req.Text), e.recentTurns(ctx, req.Conv.Key))
	if err != nil || strings.TrimSpace(q) == "" {
		if err != nil {
			e.log.Info("handlers: no rewrite", "err", err)
		}
		return res
	}
	again, err := e.cfg.Searcher.Search(ctx, q, e.cfg.SearchK)
	if err != nil || !again.InScope || (res.InScope && !again.Confident) {
		return res
	}
	return again
}

// hitProcedures returns the procedures of the hits, looked up in the
// catalogue when the searcher did not attach them; unknown codes are skipped.
func (e *Engine) hitProcedures(hits []motcua.Hit) []*motcua.Procedure {
	procs := make([]*motcua.Procedure, 0, len(hits))
	for _, h := range hits {
		p := h.Procedure
		if p == nil {
			var err error
			if p, err = e.cfg.Catalog.Procedure(h.Code); err != nil {
				continue
			}
		}
		procs = append(procs, p)
	}
	return procs
}

// answer is the card for p, phrased by the Phraser when there is one; the
// card's buttons and citation stay, so the answer can be checked.
func (e *Engine) answer(ctx context.Context, req *Request, p *motcua.Procedure, procs []*motcua.Procedure) motcua.Reply {
	card := e.card(p)
	if e.cfg.Phraser == nil {
		return card
	}
	turns := e.recentTurns(ctx, req.Conv.Key)
	text, err := e.cfg.Phraser.Answer(ctx, pii.Mask(req.Text), turns, procs[:min(len(procs), 3)])
	if err != nil || strings.TrimSpace(text) == "" {
		if err != nil {
			e.log.Warn("handlers: phraser failed, answering with the card", "err", err)
		}
		return card
	}
	card.Text = strings.TrimSpace(text) + "\n\n" + citation(p)
	return card
}

// clarify asks which of the first procedures the citizen means.
func (e *Engine) clarify(c *motcua.Conversation, procs []*motcua.Procedure) []motcua.Reply {
	return e.choose(c, msgClarify, procs)
}

// choose offers the first procedures under a heading, one button each, and
// remembers them in c so that a typed number answers too.
func (e *Engine) choose(c *motcua.Conversation, heading string, procs []*motcua.Procedure) []motcua.Reply {
	procs = procs[:min(len(procs), maxChoices)]
	offerChoices(c, procs)
	var b strings.Builder
	b.WriteString(heading)
	for i, p := range procs {
		fmt.Fprintf(&b, "\n%d. %s (%s)", i+1, shorten(p.Name, maxNameRunes), levelsAndCode(p))
	}
	labels := choiceLabels(procs)
	buttons := make([]motcua.Button, 0, len(procs)+1)
	for i, p := range procs {
		buttons = append(buttons, motcua.Button{Label: labels[i], Action: "p:" + p.Code})
	}
	buttons = append(buttons, menuButton)
	return []motcua.Reply{{Text: b.String(), Buttons: buttons}}
}

// choiceLabels gives each procedure a short button label; where two labels
// would read the same (one procedure at several levels) the level or the code
// tells them apart. Labels fit maxButtonRunes.
func choiceLabels(procs []*motcua.Procedure) []string {
	labels := make([]string, len(procs))
	seen := map[string]int{}
	for i, p := range procs {
		labels[i] = shorten(trimProcedurePrefix(p.Name), maxButtonRunes)
		seen[strings.ToLower(labels[i])]++ // "Lý lịch" and "lý lịch" read the same
	}
	for i, p := range procs {
		if seen[strings.ToLower(labels[i])] > 1 {
			tag := strings.Join(p.Levels, ", ")
			if tag == "" || sameLevels(procs, p) || len([]rune(tag)) > 14 {
				tag = p.Code
			}
			room := maxButtonRunes - len([]rune(tag)) - 3
			labels[i] = shorten(trimProcedurePrefix(p.Name), room) + " (" + tag + ")"
		}
	}
	return labels
}

// sameLevels reports whether another procedure of procs has p's levels.
func sameLevels(procs []*motcua.Procedure, p *motcua.Procedure) bool {
	for _, q := range procs {
		if q != p && strings.Join(q.Levels, ",") == strings.Join(p.Levels, ",") {
			return true
		}
	}
	return false
}

// levelsAndCode is "Cấp xã, mã 1.001193".
func levelsAndCode(p *motcua.Procedure) string {
	if len(p.Levels) == 0 {
		return "mã " + p.Code
	}
	return strings.Join(p.Levels, ", ") + ", mã " + p.Code
}

// recordUnanswered keeps the question, masked, for staff to grow the lexicon.
func (e *Engine) recordUnanswered(ctx context.Context, req *Request) {
	if e.cfg.Unanswered == nil {
		return
	}
	q := pii.Mask(req.Text)
	if err := e.cfg.Unanswered.RecordUnanswered(ctx, req.Msg.Channel, q, req.Now); err != nil {
		e.log.Error("handlers: record unanswered question", "err", err)
	}
}
