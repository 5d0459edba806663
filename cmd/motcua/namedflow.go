package main

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/metrics"
)

// namedFlow is a flow whose messages are logged and counted under its name.
type namedFlow struct{ handlers.Flow }

// Handle tells the turn it belongs to the flow and passes the message on.
func (f namedFlow) Handle(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	metrics.Annotate(ctx, f.Name(), "")
	return f.Flow.Handle(ctx, req)
}
