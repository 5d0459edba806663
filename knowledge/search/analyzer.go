package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names of the analysis parts registered with Bleve.
const (
	foldFilterName    = "motcua_vi_fold"
	shingleFilterName = "motcua_vi_shingle"
	analyzerName      = "motcua_vi"
)

// foldFilter folds each token with foldWord ("Đăng" → "dang", "ký" → "ki"). It is a token
// filter, not a char filter, so token offsets stay those of the original
// text and highlights are not garbled.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(foldWord(string(t.Term)))
	}
	return in
}

func init() {
	err := registry.RegisterTokenFilter(foldFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{}, nil
		})
	if err != nil {
		panic(err)
	}
}

// addAnalyzer adds the Vietnamese analyzer to m: Unicode word segmentation
// (one token a syllable), lower case, folding, then two-syllable shingles
// beside the syllables ("khai", "sinh", "khai sinh"), since most Vietnamese
// words are two syllables and the pair says far more than either syllable.
func addAnalyzer(m *mapping.IndexMappingImpl) error {
	err := m.AddCustomTokenFilter(shingleFilterName, map[string]interface{}{
		"type":            shingle.Name,
		"min":             2.0,
		"max":             2.0,
		"output_original": true,
		"separator":       " ",
	})
	if err != nil {
		return err
	}
	return m.AddCustomAnalyzer(analyzerName, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, foldFilterName, shingleFilterName},
	})
}
