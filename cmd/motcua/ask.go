package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/knowledge/search"
	"github.com/motcua/motcua/pii"
)

func init() { commands["ask"] = runAsk }

// runAsk answers one question as the bot would: the best procedure, or a
// polite "no information" when the catalogue has none.
func runAsk(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("ask", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the ranked procedures as JSON")
	k := fl.Int("k", 5, "procedures to rank")
	dir := kbFlag(fl)
	pos, err := parseAnywhere(fl, args)
	if err != nil {
		return usageError(err.Error())
	}
	q := pii.StripHidden(strings.Join(pos, " "))
	kb, lex, err := loadKB(*dir)
	if err != nil {
		return err
	}
	// The index cache of the service, when MOTCUA_DATA_DIR names it: a
	// question from the command line is then answered in well under a second.
	idx, err := search.Open(kb, lex, os.Getenv("MOTCUA_DATA_DIR"))
	if err != nil {
		return err
	}
	defer idx.Close()
	if *asJSON {
		res, err := idx.Search(ctx, q, *k)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	replies, err := askEngine(ctx, kb, idx, *k, q)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, renderReplies(replies))
	return nil
}

// askEngine answers q with the conversation engine, as any channel would,
// in a conversation of its own that is not kept.
func askEngine(ctx context.Context, cat motcua.Catalog, s motcua.Searcher, k int, q string) ([]motcua.Reply, error) {
	eng, err := handlers.New(handlers.Config{
		Searcher: s, Catalog: cat, Conversations: &oneConversation{}, SearchK: k,
		Centre: centreOf(loadConfig(osGetenv)), PortalURL: loadConfig(osGetenv).CentreWebsite,
	})
	if err != nil {
		return nil, err
	}
	return eng.Handle(ctx, motcua.Message{Channel: motcua.ChannelTerminal, ChatID: "ask", Text: q})
}

// renderReplies writes the engine's replies for a terminal, with the labels
// of the buttons a chat would show.
func renderReplies(replies []motcua.Reply) string {
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text + "\n")
		var labels []string
		for _, btn := range r.Buttons {
			if btn.URL != "" {
				labels = append(labels, btn.Label+" ("+btn.URL+")")
			} else {
				labels = append(labels, btn.Label)
			}
		}
		if len(labels) > 0 {
			b.WriteString("\n[" + strings.Join(labels, "] [") + "]\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// oneConversation is a conversation store for a single question: it keeps
// nothing.
type oneConversation struct{}

func (*oneConversation) Conversation(ctx context.Context, key string) (motcua.Conversation, error) {
	return motcua.Conversation{Key: key}, nil
}

func (*oneConversation) SaveConversation(ctx context.Context, c motcua.Conversation) error {
	return nil
}
