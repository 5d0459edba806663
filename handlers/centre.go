package handlers

import (
	"strings"

	"github.com/motcua/motcua"
)

// centreItem is one piece of the centre's information a citizen asks for.
type centreItem int

const (
	itemAddress centreItem = iota
	itemHours
	itemHotline
	itemFields
	itemWebsite
)

// centreItemPhrases are how citizens ask for each item, folded.
var centreItemPhrases = []phraseSet{
	itemAddress: newPhraseSet("dia chi", "o dau", "cho nao", "den dau", "noi nao", "duong nao"),
	itemHours: newPhraseSet("gio lam viec", "lam viec", "mo cua", "dong cua", "may gio", "gio mo", "thu bay",
		"chu nhat", "thu 7", "t7", "nghi trua", "ngay le", "buoi sang", "buoi chieu", "gio hanh chinh"),
	itemHotline: newPhraseSet("hotline", "duong day nong", "so dien thoai", "dien thoai", "lien he", "goi so",
		"gap can bo", "gap truc tiep", "noi chuyen voi can bo", "tong dai", "so tong dai", "goi tong dai",
		"nguoi that", "gap nguoi that", "noi chuyen voi nguoi that", "noi chuyen voi nguoi"),
	itemFields:  newPhraseSet("linh vuc", "giai quyet nhung", "nhung linh vuc"),
	itemWebsite: newPhraseSet("website", "trang web"),
}

// askedItems returns the items a centre question names, in order.
func askedItems(ws []string) []centreItem {
	var items []centreItem
	for i, ps := range centreItemPhrases {
		if ps.contains(ws) {
			items = append(items, centreItem(i))
		}
	}
	return items
}

// centreLine is one item as a line of the answer, "" when it is not set.
func (e *Engine) centreLine(it centreItem) string {
	c := e.cfg.Centre
	label, v := "", ""
	switch it {
	case itemAddress:
		label, v = "Địa chỉ", c.Address
	case itemHours:
		label, v = "Giờ làm việc", c.Hours
	case itemHotline:
		label, v = "Đường dây nóng", c.Hotline
	case itemFields:
		label, v = "Lĩnh vực tiếp nhận", strings.Join(c.Fields, ", ")
	case itemWebsite:
		label, v = "Trang dịch vụ công", c.Website
	}
	if strings.TrimSpace(v) == "" {
		return ""
	}
	return "• " + label + ": " + v
}

// itemNames name the items in a sentence, for those the deployment lacks.
var itemNames = []string{itemAddress: "địa chỉ", itemHours: "giờ làm việc", itemHotline: "số đường dây nóng",
	itemFields: "danh sách lĩnh vực", itemWebsite: "trang web"}

// centreInfo gives the centre's address, hours, hotline and fields.
func (e *Engine) centreInfo() []motcua.Reply {
	return e.centreAnswer(nil)
}

// centreAnswer answers a question about the centre: the items asked for
// first, saying plainly which the bot does not have; everything when the
// question names none.
func (e *Engine) centreAnswer(asked []centreItem) []motcua.Reply {
	all := []centreItem{itemAddress, itemHours, itemHotline, itemFields, itemWebsite}
	lines := []string{e.centreName()}
	var missing []string
	show := asked
	if len(show) == 0 {
		show = all
	}
	for _, it := range show {
		if l := e.centreLine(it); l != "" {
			lines = append(lines, l)
		} else if len(asked) > 0 {
			missing = append(missing, itemNames[it])
		}
	}
	if len(missing) > 0 {
		lines = append(lines, "Mình chưa có "+strings.Join(missing, ", ")+" của trung tâm."+e.elsewhere(asked))
	}
	buttons := []motcua.Button{helpButton}
	if len(asked) > 0 && len(asked) < len(all) {
		buttons = append(buttons, infoButton)
	}
	buttons = append(buttons, menuButton)
	return []motcua.Reply{{Text: strings.Join(lines, "\n"), Buttons: buttons}}
}

// elsewhere says where to find what the bot lacks: the hotline or the
// website, whichever is set and was not itself asked for.
func (e *Engine) elsewhere(asked []centreItem) string {
	c := e.cfg.Centre
	has := func(it centreItem) bool {
		for _, a := range asked {
			if a == it {
				return true
			}
		}
		return false
	}
	switch {
	case c.Hotline != "" && !has(itemHotline):
		return " Bạn vui lòng gọi đường dây nóng " + c.Hotline + " để được hướng dẫn."
	case c.Website != "" && !has(itemWebsite):
		return " Bạn có thể xem thêm tại " + c.Website + "."
	}
	return " Bạn vui lòng hỏi trực tiếp tại bộ phận một cửa."
}
