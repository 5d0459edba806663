package telegram

import (
	"context"

	"github.com/motcua/motcua/internal/memstore"
)

// pendingOf counts the Telegram updates of st not yet done.
func pendingOf(st *memstore.Store) int {
	n, _ := st.PendingInbox(context.Background(), Channel)
	return n
}
