package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua"
)

// LexiconFile is the name of the lexicon at the root of a knowledge base.
const LexiconFile = "lexicon.yaml"

// Lexicon is the centre's own vocabulary: how citizens write (abbreviations,
// everyday phrasings, life events) and what they mean in the words of the
// catalogue, plus the topics the centre does not handle. Staff edit it as a
// YAML file; the search reads it at start-up. Phrases may be written with or
// without diacritics: a query typed without diacritics matches either.
type Lexicon struct {
	// Abbreviations maps one short word to what it stands for
	// ("dk" → "đăng ký"). Whole words only.
	Abbreviations map[string]string `yaml:"abbreviations"`
	// Rules turn everyday phrasings into official terms.
	Rules []Rule `yaml:"rules"`
	// Stopwords carry no meaning in a question ("thì", "ở đâu", "ạ").
	Stopwords []string `yaml:"stopwords"`
	// OutOfScope rules name topics the centre has no procedure for; when one
	// matches, the bot says so instead of guessing.
	OutOfScope []Rule `yaml:"out_of_scope"`
	// Chitchat lists greetings, thanks and small talk.
	Chitchat []string `yaml:"chitchat"`
}

// Rule matches when the query contains one of the When phrases, and also one
// of the With phrases if any are given, and none of the Unless phrases.
// Means is the official wording to search for (empty for out-of-scope rules,
// where Note says why).
type Rule struct {
	When   []string `yaml:"when"`
	With   []string `yaml:"with,omitempty"`
	Unless []string `yaml:"unless,omitempty"`
	Means  string   `yaml:"means,omitempty"`
	Note   string   `yaml:"note,omitempty"`
}

// LoadLexicon reads lexicon.yaml at the root of fsys. A knowledge base
// without one has an empty lexicon.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	data, err := fs.ReadFile(fsys, LexiconFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &Lexicon{}, nil
	} else if err != nil {
		return nil, fmt.Errorf("knowledge: read lexicon: %w", err)
	}
	lex, err := ParseLexicon(data)
	if err != nil {
		return nil, fmt.Errorf("knowledge: %s: %w", LexiconFile, err)
	}
	return lex, nil
}

// ParseLexicon decodes and checks a lexicon written in YAML.
func ParseLexicon(data []byte) (*Lexicon, error) {
	var lex Lexicon
	if err := yaml.Unmarshal(data, &lex); err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "lexicon: %v", err)
	}
	if err := lex.Validate(); err != nil {
		return nil, err
	}
	return &lex, nil
}

// Validate reports the first mistake a staff member could make when editing
// the lexicon: an empty phrase, a rule without When or Means, an
// abbreviation that is not a single word.
func (l *Lexicon) Validate() error {
	for k, v := range l.Abbreviations {
		if len(strings.Fields(k)) != 1 || strings.TrimSpace(v) == "" {
			return motcua.Errorf(motcua.EINVALID, "lexicon: abbreviation %q must be one word with a meaning", k)
		}
	}
	for i, r := range l.Rules {
		if err := r.check(true); err != nil {
			return motcua.Errorf(motcua.EINVALID, "lexicon: rule %d (%s): %v", i+1, first(r.When), err)
		}
	}
	for i, r := range l.OutOfScope {
		if err := r.check(false); err != nil {
			return motcua.Errorf(motcua.EINVALID, "lexicon: out_of_scope %d (%s): %v", i+1, first(r.When), err)
		}
	}
	return nil
}

func (r Rule) check(needMeaning bool) error {
	if len(r.When) == 0 {
		return errors.New("no 'when' phrases")
	}
	if needMeaning && strings.TrimSpace(r.Means) == "" {
		return errors.New("no 'means'")
	}
	for _, list := range [][]string{r.When, r.With, r.Unless} {
		for _, p := range list {
			if strings.TrimSpace(p) == "" {
				return errors.New("empty phrase")
			}
		}
	}
	return nil
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
