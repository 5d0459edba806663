package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/motcua/motcua"
)

// Telegram limits callback data to 64 bytes.
const maxCallbackData = 64

// shortPrefix marks callback data that stands for a longer action kept in
// the store. Actions that themselves start with it are mapped too, so that
// the two can never be confused.
const shortPrefix = "~"

// actionMap maps button actions to callback data of at most 64 bytes and
// back. A long action gets a short id derived from its hash, so the same
// action always gets the same id and is stored once.
type actionMap struct{ v motcua.Values }

func actionKey(id string) string { return "telegram:cb:" + id }

// data returns the callback data for an action, storing the mapping first
// when the action does not fit.
func (a actionMap) data(ctx context.Context, action string) (string, error) {
	if len(action) <= maxCallbackData && action != "" && !strings.HasPrefix(action, shortPrefix) {
		return action, nil
	}
	sum := sha256.Sum256([]byte(action))
	id := shortPrefix + base64.RawURLEncoding.EncodeToString(sum[:15])
	if _, err := a.v.SwapValue(ctx, actionKey(id), "", action); err != nil {
		return "", fmt.Errorf("telegram: store button action: %w", err)
	}
	return id, nil
}

// resolve returns the action of callback data. Data whose mapping is gone
// comes back as is: the engine treats it as an unknown button and answers
// politely.
func (a actionMap) resolve(ctx context.Context, data string) (string, error) {
	if !strings.HasPrefix(data, shortPrefix) {
		return data, nil
	}
	action, err := a.v.Value(ctx, actionKey(data))
	switch motcua.ErrorCode(err) {
	case "":
		return action, nil
	case motcua.ENOTFOUND:
		return data, nil
	default:
		return "", fmt.Errorf("telegram: read button action: %w", err)
	}
}
