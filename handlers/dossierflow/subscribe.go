package dossierflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
)

// subscribe asks for the chat to be told of the dossier's changes. Only a
// code proven in this conversation may be followed; for another one the
// citizen is asked for the digits first and subscribed once they match.
func (f *Flow) subscribe(ctx context.Context, req *handlers.Request, code string) ([]motcua.Reply, error) {
	if !motcua.ValidDossierCode(code) {
		return f.askCode(req), nil
	}
	stored, ok, err := f.provenCode(ctx, req.Conv, code)
	if err != nil {
		return nil, f.internal("find dossier", err, code)
	} else if !ok {
		saveState(req.Conv, state{Step: stepDigits, Code: code, Subscribe: true})
		return one(msgNeedProof+" "+msgAskDigits, cancelButton), nil
	}
	code = stored // subscriptions key on the stored code
	end(req.Conv)
	d, err := f.cfg.Dossiers.Dossier(ctx, code)
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		return f.show(ctx, req, code)
	} else if err != nil {
		return nil, f.internal("find dossier", err, code)
	}
	if motcua.IsFinalStatus(d.Status) {
		return one(fmt.Sprintf(msgSubscribeFinal, code, statusLabel(d.Status)), anotherButton, menuButton), nil
	}
	err = f.cfg.Dossiers.Subscribe(ctx, subscription(req, code))
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		return f.show(ctx, req, code)
	} else if err != nil {
		return nil, f.internal("subscribe", err, code)
	}
	f.stats.subscribed.Add(1)
	return one(fmt.Sprintf(msgSubscribed, code), unsubscribeButton(code), anotherButton, menuButton), nil
}

// unsubscribe stops the chat's notices of one dossier. It needs no proof:
// it only removes this chat's own subscription and says the same whether
// there was one or not, so the notice's button works even after the
// conversation forgot what it proved.
func (f *Flow) unsubscribe(ctx context.Context, req *handlers.Request, code string) ([]motcua.Reply, error) {
	end(req.Conv)
	if !motcua.ValidDossierCode(code) {
		return one(msgUnsubWhich, menuButton), nil
	}
	stored, err := f.storedCode(ctx, code)
	if err != nil {
		return nil, f.internal("find dossier", err, code)
	}
	if err := f.cfg.Dossiers.Unsubscribe(ctx, subscription(req, stored)); err != nil {
		return nil, f.internal("unsubscribe", err, code)
	}
	f.stats.unsubscribed.Add(1)
	// The answer repeats the code as typed: it must not tell whether, or
	// how, the code is stored.
	return one(fmt.Sprintf(msgUnsubscribed, code), anotherButton, menuButton), nil
}

// storedCode returns the code a subscription to code is kept under: the
// stored code of the dossier it finds, else code itself.
func (f *Flow) storedCode(ctx context.Context, code string) (string, error) {
	d, err := f.cfg.Dossiers.Dossier(ctx, code)
	switch {
	case motcua.ErrorCode(err) == motcua.ENOTFOUND:
		return code, nil
	case err != nil:
		return "", err
	}
	return d.Code, nil
}

// unsubscribeText answers "hủy theo dõi": of the code typed with it, or of
// every dossier this conversation proved.
func (f *Flow) unsubscribeText(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	if code, ok := codeIn(req.Text, false); ok {
		return f.unsubscribe(ctx, req, code)
	}
	end(req.Conv)
	if len(req.Conv.Proven) == 0 {
		return one(msgUnsubWhich, menuButton), nil
	}
	for _, code := range req.Conv.Proven {
		if err := f.cfg.Dossiers.Unsubscribe(ctx, subscription(req, code)); err != nil {
			return nil, f.internal("unsubscribe", err, code)
		}
		f.stats.unsubscribed.Add(1)
	}
	if len(req.Conv.Proven) == 1 {
		return one(fmt.Sprintf(msgUnsubscribed, req.Conv.Proven[0]), anotherButton, menuButton), nil
	}
	return one(msgUnsubscribedAll, anotherButton, menuButton), nil
}

// subscription is the chat of req following code.
func subscription(req *handlers.Request, code string) motcua.Subscription {
	return motcua.Subscription{DossierCode: code, Channel: req.Msg.Channel, ChatID: strings.TrimSpace(req.Msg.ChatID)}
}
