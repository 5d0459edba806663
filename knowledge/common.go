package knowledge

import (
	"errors"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua/knowledge/vi"
)

// CommonFile lists, by field, the procedures the centre handles most: a
// citizen who names only a field ("chứng thực") is offered these first.
// Staff edit it like the lexicon.
const CommonFile = "common.yaml"

// loadCommon reads CommonFile when the knowledge base has one; a code it
// names that the knowledge base lacks is a problem for Check.
func (kb *KB) loadCommon(fsys fs.FS) {
	data, err := fs.ReadFile(fsys, CommonFile)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	var byField map[string][]string
	if err == nil {
		err = yaml.Unmarshal(data, &byField)
	}
	if err != nil {
		kb.problem(CommonFile, "không đọc được: "+err.Error())
		return
	}
	kb.common = map[string][]string{}
	for _, field := range sortedKeys(byField) {
		codes := byField[field]
		for _, c := range codes {
			if kb.byCode[c] == nil {
				kb.problem(CommonFile, "mã "+c+" ("+field+") không có trong cơ sở dữ liệu")
				continue
			}
			key := vi.Fold(strings.TrimSpace(field))
			if kb.common[key] == nil {
				kb.commonFields = append(kb.commonFields, strings.TrimSpace(field))
			}
			kb.common[key] = append(kb.common[key], c)
		}
	}
}

// CommonFields lists the fields CommonFile names, as written there.
func (kb *KB) CommonFields() []string { return kb.commonFields }

// Common returns the codes of the field's most handled procedures, in the
// order staff listed them; none when the knowledge base does not say.
func (kb *KB) Common(field string) []string {
	return kb.common[vi.Fold(strings.TrimSpace(field))]
}
