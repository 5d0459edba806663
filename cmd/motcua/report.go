package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/store"
)

func init() { commands["report"] = reportCommand }

// reportCommand prints the figures of a period for the centre's report.
func reportCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	today := time.Now()
	from := fs.String("from", store.Day(today)[:8]+"01", "first day, YYYY-MM-DD (default: the first of this month)")
	to := fs.String("to", store.Day(today), "last day, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("report takes --from, --to and --json only")
	}
	loadDotEnv()
	db, err := store.Open(ctx, loadConfig(osGetenv).DB)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Report(ctx, *from, *to)
	if err != nil {
		if motcua.ErrorCode(err) == motcua.EINVALID {
			return usageError(err.Error())
		}
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(stdout, "Thống kê từ %s đến %s\n", r.From, r.To)
	for _, s := range reportSections(r) {
		fmt.Fprintf(stdout, "\n%s\n", s.Title)
		if len(s.Rows) == 0 {
			fmt.Fprintln(stdout, "  (chưa có số liệu)")
		}
		for _, row := range s.Rows {
			fmt.Fprintf(stdout, "  %-48s %s\n", row.Label, row.Value)
		}
	}
	return nil
}

// reportFrom gives the staff statistics page its tables.
func reportFrom(db *store.DB) func(ctx context.Context, from, to string) ([]admin.ReportSection, error) {
	return func(ctx context.Context, from, to string) ([]admin.ReportSection, error) {
		r, err := db.Report(ctx, from, to)
		if err != nil {
			return nil, err
		}
		return reportSections(r), nil
	}
}

// Labels of the report, as staff read them.
var (
	questionLabels = []admin.Stat{{Label: "Trả lời được", Value: "answered"},
		{Label: "Hỏi lại để chọn thủ tục", Value: "clarified"}, {Label: "Không có thông tin", Value: "out_of_scope"}}
	lookupLabels = []admin.Stat{{Label: "Tìm thấy", Value: "found"}, {Label: "Sai mã hoặc thông tin xác minh", Value: "wrong"},
		{Label: "Tạm khóa do thử sai nhiều lần", Value: "throttled"}}
	ratingLabels = []admin.Stat{{Label: "Rất hài lòng", Value: "rat_hai_long"}, {Label: "Hài lòng", Value: "hai_long"},
		{Label: "Không hài lòng", Value: "khong_hai_long"}}
)

// reportSections lays a report out in tables, in the order a centre
// reports: messages, questions, fields, lookups, complaints, ratings, and
// the questions to add to the lexicon.
func reportSections(r *store.Report) []admin.ReportSection {
	n := strconv.Itoa
	var msgs []admin.Stat
	total := 0
	for _, ch := range sortedKeys(r.Messages) {
		msgs = append(msgs, admin.Stat{Label: ch, Value: n(r.Messages[ch])})
		total += r.Messages[ch]
	}
	msgs = append(msgs, admin.Stat{Label: "Tổng", Value: n(total)})
	var fields, unanswered, categories []admin.Stat
	for _, f := range r.Fields {
		fields = append(fields, admin.Stat{Label: f.Name, Value: n(f.Count)})
	}
	for _, q := range r.Unanswered {
		unanswered = append(unanswered, admin.Stat{Label: q.Question, Value: n(q.Count)})
	}
	for _, c := range motcua.ComplaintCategories {
		if k := r.Complaints.ByCategory[c.Code]; k > 0 {
			categories = append(categories, admin.Stat{Label: c.Label, Value: n(k)})
		}
	}
	c := r.Complaints
	return []admin.ReportSection{
		{Title: "Tin nhắn theo kênh", Rows: msgs},
		{Title: "Câu hỏi về thủ tục", Rows: labelled(questionLabels, r.Questions)},
		{Title: "Câu hỏi trả lời được, theo lĩnh vực", Rows: fields},
		{Title: "Tra cứu hồ sơ", Rows: labelled(lookupLabels, r.Lookups)},
		{Title: "Phản ánh, kiến nghị", Rows: []admin.Stat{
			{Label: "Tiếp nhận", Value: n(c.Received)}, {Label: "Đã trả lời", Value: n(c.Answered)},
			{Label: "Đã kết thúc", Value: n(c.Closed)}, {Label: "Trễ hạn (trong số tiếp nhận)", Value: n(c.Late)},
			{Label: "Đang quá hạn (tại thời điểm xem)", Value: n(c.OverdueNow)}}},
		{Title: "Phản ánh theo loại", Rows: categories},
		{Title: "Mức độ hài lòng", Rows: labelled(ratingLabels, r.Ratings)},
		{Title: "Câu hỏi chưa trả lời được (hỏi nhiều nhất)", Rows: unanswered},
	}
}

// labelled gives each known key its label and count, zero included.
func labelled(labels []admin.Stat, counts map[string]int) []admin.Stat {
	out := make([]admin.Stat, len(labels))
	for i, l := range labels {
		out[i] = admin.Stat{Label: l.Label, Value: strconv.Itoa(counts[l.Value])}
	}
	return out
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
