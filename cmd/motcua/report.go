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
	db, err := store.Open(ctx, loadConfig(osGetenv).DB)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := reportOf(ctx, db, *from, *to)
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
	fmt.Fprintf(stdout, "Thống kê từ %s đến %s\n", *from, *to)
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
		r, err := reportOf(ctx, db, from, to)
		if err != nil {
			return nil, err
		}
		return reportSections(r), nil
	}
}

// reportOf gathers the figures of the days from..to (YYYY-MM-DD, both
// included, in Vietnam's time).
func reportOf(ctx context.Context, db *store.DB, from, to string) (*store.Report, error) {
	start, err := store.ParseDay(from)
	if err != nil {
		return nil, err
	}
	last, err := store.ParseDay(to)
	if err != nil {
		return nil, err
	}
	r, err := db.Report(ctx, start, last.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	return &r, nil
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
// reports: messages, questions, fields, lookups, dossiers, complaints,
// ratings, and the questions to add to the lexicon.
func reportSections(r *store.Report) []admin.ReportSection {
	n := strconv.Itoa
	var fields, unanswered, categories, dossiers []admin.Stat
	for _, f := range r.Fields {
		fields = append(fields, admin.Stat{Label: f.Name, Value: n(f.Count)})
	}
	for _, q := range r.TopUnanswered {
		unanswered = append(unanswered, admin.Stat{Label: q.Question, Value: n(q.Count)})
	}
	for _, c := range motcua.ComplaintCategories {
		if k := r.ComplaintsByCategory[c.Code]; k > 0 {
			categories = append(categories, admin.Stat{Label: c.Label, Value: n(k)})
		}
	}
	for _, s := range sortedKeys(r.DossiersByStatus) {
		label := motcua.DossierStatusLabels[s]
		if label == "" {
			label = s
		}
		dossiers = append(dossiers, admin.Stat{Label: label, Value: n(r.DossiersByStatus[s])})
	}
	dossiers = append(dossiers, admin.Stat{Label: "Quá hạn (tại thời điểm xem)", Value: n(r.DossiersOverdue)},
		admin.Stat{Label: "Lần cập nhật trạng thái trong kỳ", Value: n(r.DossierEvents)})
	return []admin.ReportSection{
		{Title: "Tin nhắn theo kênh", Rows: byChannel(r.Handled)},
		{Title: "Câu hỏi về thủ tục", Rows: append(labelled(questionLabels, r.Questions),
			admin.Stat{Label: "Câu hỏi chưa trả lời được (còn lưu)", Value: n(r.Unanswered)})},
		{Title: "Câu hỏi trả lời được, theo lĩnh vực", Rows: fields},
		{Title: "Tra cứu hồ sơ qua bot", Rows: labelled(lookupLabels, r.Lookups)},
		{Title: "Hồ sơ theo trạng thái hiện tại", Rows: dossiers},
		{Title: "Phản ánh, kiến nghị", Rows: []admin.Stat{
			{Label: "Tiếp nhận", Value: n(r.ComplaintsReceived)}, {Label: "Đã trả lời", Value: n(r.ComplaintsAnswered)},
			{Label: "Trả lời đúng hạn", Value: n(r.AnsweredOnTime)},
			{Label: "Đã kết thúc", Value: n(r.ComplaintsByStatus[motcua.ComplaintClosed])},
			{Label: "Đang quá hạn (tại thời điểm xem)", Value: n(r.ComplaintsOverdue)}}},
		{Title: "Phản ánh theo loại", Rows: categories},
		{Title: "Mức độ hài lòng", Rows: labelled(ratingLabels, r.Ratings)},
		{Title: "Câu hỏi chưa trả lời được (hỏi nhiều nhất)", Rows: unanswered},
	}
}

// byChannel lists counts per channel and their total.
func byChannel(counts map[string]int) []admin.Stat {
	var rows []admin.Stat
	total := 0
	for _, ch := range sortedKeys(counts) {
		rows = append(rows, admin.Stat{Label: ch, Value: strconv.Itoa(counts[ch])})
		total += counts[ch]
	}
	return append(rows, admin.Stat{Label: "Tổng", Value: strconv.Itoa(total)})
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
