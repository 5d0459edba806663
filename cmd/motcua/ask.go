package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
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
	idx, err := openIndex(*dir, false)
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(ctx, q, *k)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintln(stdout, renderAnswer(res))
	return nil
}

// renderAnswer is a plain-text answer for the terminal.
func renderAnswer(res motcua.SearchResult) string {
	if strings.TrimSpace(res.Query) == "" {
		return "Anh/chị vui lòng nhập câu hỏi về thủ tục hành chính, ví dụ: \"làm giấy khai sinh cho con cần gì?\""
	}
	if !res.InScope || len(res.Hits) == 0 {
		return "Xin lỗi, tôi chưa có thông tin về việc này trong danh mục thủ tục của trung tâm. " +
			"Anh/chị có thể hỏi về hộ tịch, chứng thực, cư trú, căn cước, đất đai, xây dựng, hộ kinh doanh, bảo hiểm xã hội…"
	}
	var b strings.Builder
	if !res.Confident && len(res.Hits) > 1 {
		b.WriteString("Anh/chị đang hỏi về thủ tục nào dưới đây?\n")
		for i, h := range res.Hits[:min(3, len(res.Hits))] {
			fmt.Fprintf(&b, "  %d. %s (mã %s)\n", i+1, h.Name, h.Code)
		}
		b.WriteString("\nThông tin thủ tục phù hợp nhất:\n")
	}
	writeProcedure(&b, res.Hits[0].Procedure)
	return strings.TrimRight(b.String(), "\n")
}

func writeProcedure(b *strings.Builder, p *motcua.Procedure) {
	fmt.Fprintf(b, "%s\nMã thủ tục: %s · Lĩnh vực: %s · Cấp: %s\n", p.Name, p.Code, p.Field, strings.Join(p.Levels, ", "))
	for _, g := range p.Documents {
		if len(g.Documents) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n%s:\n", orDefault(g.Name, "Giấy tờ cần có"))
		for _, d := range g.Documents {
			line := "  • " + d.Name
			if d.Count != "" {
				line += " (" + d.Count + ")"
			}
			fmt.Fprintln(b, line)
		}
	}
	if len(p.Methods) > 0 {
		b.WriteString("\nCách nộp, thời hạn và lệ phí:\n")
		for _, m := range p.Methods {
			fmt.Fprintf(b, "  • %s: %s; %s\n", methodLabel(m.Kind), knowledge.TimeString(m), orDefault(m.Fee, "chưa có thông tin lệ phí"))
		}
	}
	fmt.Fprintf(b, "\nNguồn: %s", orDefault(p.SourceURL, p.Source))
	if p.DataDate != "" {
		fmt.Fprintf(b, " (dữ liệu ngày %s)", p.DataDate)
	}
	b.WriteString("\n")
}

func methodLabel(kind string) string {
	switch kind {
	case motcua.MethodInPerson:
		return "Trực tiếp"
	case motcua.MethodOnline:
		return "Trực tuyến"
	case motcua.MethodPost:
		return "Qua bưu chính"
	}
	return kind
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
