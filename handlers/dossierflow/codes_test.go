package dossierflow_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/motcua/motcua"
)

// printed is a code as the receipt slip prints it and staff load it.
const printed = "H47-260301-0042"

// TestCodeTypedWithSpaces: a citizen types the printed code with spaces,
// without separators or in lower case; the dossier is found, and what the
// conversation and the subscriptions keep is the printed code.
func TestCodeTypedWithSpaces(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.put(printed, phone, motcua.StatusProcessing, "")
	h.run("s", []turn{
		{text: "hồ sơ H47 260301 0042 đến đâu rồi", want: []string{"4 số cuối"}},
		{text: "3456", want: []string{"Hồ sơ " + printed, "Đang giải quyết"},
			buttons: []string{"f:dossier:sub:" + printed}},
	})
	if c := h.conv("s"); !reflect.DeepEqual(c.Proven, []string{printed}) {
		t.Fatalf("proven %q, want the printed code", c.Proven)
	}
	h.run("s", []turn{
		// Proven, whichever way it is typed.
		{text: "h472603010042", want: []string{"Hồ sơ " + printed, "Đang giải quyết"}, not: []string{"4 số cuối"}},
		{text: "H47.260301.0042", want: []string{"Đang giải quyết"}, not: []string{"4 số cuối"}},
		{action: "f:dossier:sub:" + printed, want: []string{"Đã đăng ký", printed}, buttons: []string{"f:dossier:unsub:" + printed}},
	})
	if subs, err := h.db.Subscriptions(ctx, printed); err != nil || len(subs) != 1 || subs[0].ChatID != "s" {
		t.Fatalf("subscriptions %+v, %v", subs, err)
	}
	h.run("s", []turn{{text: "hủy theo dõi h47 260301 0042", want: []string{"Đã hủy theo dõi"}}})
	if subs, _ := h.db.Subscriptions(ctx, printed); len(subs) != 0 {
		t.Fatalf("still followed: %+v", subs)
	}

	// Subscribing before proof, with the code typed otherwise: once the
	// digits match, the subscription is on the printed code.
	h.run("t", []turn{
		{action: "f:dossier:sub:h47 260301 0042", want: []string{"4 số cuối"}},
		{text: "3456", want: []string{"Đang giải quyết", "Đã đăng ký"}},
	})
	if subs, err := h.db.Subscriptions(ctx, printed); err != nil || len(subs) != 1 || subs[0].ChatID != "t" {
		t.Fatalf("subscriptions after proof %+v, %v", subs, err)
	}
	if c := h.conv("t"); !reflect.DeepEqual(c.Proven, []string{printed}) {
		t.Fatalf("proven %q, want the printed code", c.Proven)
	}
}

// TestCodeVariantsShareThrottle: changing the separators does not buy more
// guesses at one dossier's digits.
func TestCodeVariantsShareThrottle(t *testing.T) {
	h := newHarness(t)
	h.put(printed, phone, motcua.StatusProcessing, "")
	variants := []string{printed, "H472603010042", "h47 260301 0042", "H47.260301.0042"}
	for i := 0; i < 10; i++ {
		chat := "guesser-" + string(rune('a'+i/4))
		h.run(chat, []turn{{text: variants[i%len(variants)], want: []string{"4 số cuối"}}, {text: "0000", want: []string{"chưa khớp"}}})
	}
	h.run("owner", []turn{{text: "h47 260301 0042", want: []string{"4 số cuối"}},
		{text: "3456", want: []string{"tạm dừng"}, not: []string{"Đang giải quyết"}}})
}

// TestSharedKeyNotGuessed: when two dossiers are written alike, a code
// typed without separators finds neither, and proving one does not show
// or subscribe to the other.
func TestSharedKeyNotGuessed(t *testing.T) {
	h := newHarness(t)
	h.put("AB-123456", phone, motcua.StatusProcessing, "")
	h.put("AB.123456", "0912000001", motcua.StatusReceived, "")
	h.run("a", []turn{{text: "AB 123456"}, {text: "3456", want: []string{"chưa khớp"}}})
	h.run("a", []turn{
		{text: "AB-123456"}, {text: "3456", want: []string{"Đang giải quyết"}},
		{text: "AB.123456", want: []string{"4 số cuối"}, not: []string{"Đã tiếp nhận"}},
		{action: "f:dossier:cancel"},
		{action: "f:dossier:sub:AB.123456", want: []string{"4 số cuối"}, not: []string{"Đã đăng ký"}},
	})
}
