package knowledge

import (
	"fmt"
	"strings"

	"github.com/motcua/motcua"
)

// FlagVerified marks a procedure whose time limits or fees were replaced by
// the centre's verified data.
const FlagVerified = "verified"

// Verified is what a centre has checked itself against official sources for
// one procedure: time limits and fees per channel, offices and result. It is
// kept apart from the national record so a new national import does not
// erase it, and it wins over the national values when the knowledge base is
// loaded.
type Verified struct {
	Code       string `yaml:"code"`
	VerifiedAt string `yaml:"verified_at"`          // YYYY-MM-DD
	Source     string `yaml:"source"`               // who verified it and from what
	SourceURL  string `yaml:"source_url,omitempty"` // official page
	// Methods replace, per kind, the national time limit (when TimeUnit is
	// set) and fee (when Fee is set); a kind the national record lacks is added.
	Methods []motcua.Method `yaml:"methods,omitempty"`
	// Fee and FeeNote, when set, replace the fee of every channel that
	// Methods does not give a fee of its own.
	Fee     string   `yaml:"fee,omitempty"`
	FeeNote string   `yaml:"fee_note,omitempty"`
	Offices []string `yaml:"offices,omitempty"`
	Result  string   `yaml:"result,omitempty"`
	Note    string   `yaml:"note,omitempty"`
}

// Disagreement is one value where the centre's verified data and the national
// record differ; Check lists them so staff can see what was overridden.
type Disagreement struct {
	Code     string `json:"code"`
	Kind     string `json:"kind"`
	Field    string `json:"field"` // "time" or "fee"
	National string `json:"national"`
	Verified string `json:"verified"`
}

// applyVerified writes v over p and returns the values that differed.
func applyVerified(p *motcua.Procedure, v *Verified) []Disagreement {
	var diffs []Disagreement
	changed := false
	for _, vm := range v.Methods {
		m := findMethod(p, vm.Kind)
		if m == nil {
			p.Methods = append(p.Methods, vm)
			changed = true
			continue
		}
		if vm.TimeUnit != "" {
			if nat, ver := TimeString(*m), TimeString(vm); nat != ver {
				diffs = append(diffs, Disagreement{p.Code, vm.Kind, "time", nat, ver})
			}
			m.TimeValue, m.TimeUnit = vm.TimeValue, vm.TimeUnit
			if vm.TimeNote != "" {
				m.TimeNote = vm.TimeNote
			}
			changed = true
		}
		if vm.Fee != "" {
			if m.Fee != "" && m.Fee != vm.Fee {
				diffs = append(diffs, Disagreement{p.Code, vm.Kind, "fee", m.Fee, vm.Fee})
			}
			m.Fee = vm.Fee
			if vm.FeeNote != "" {
				m.FeeNote = vm.FeeNote
			}
			changed = true
		}
	}
	if v.Fee != "" {
		for i := range p.Methods {
			m := &p.Methods[i]
			if vm := findVerifiedMethod(v, m.Kind); vm != nil && vm.Fee != "" {
				continue
			}
			if m.Fee != "" && strings.Contains(v.Fee, "; ") && strings.Contains(v.Fee, m.Fee) {
				continue // the verified list has one fee per case; the national row names its case
			}
			if m.Fee != "" && m.Fee != v.Fee { // an empty national fee is filled, not contradicted
				diffs = append(diffs, Disagreement{p.Code, m.Kind, "fee", m.Fee, v.Fee})
			}
			m.Fee, m.FeeNote = v.Fee, v.FeeNote
			changed = true
		}
	}
	if len(v.Offices) > 0 {
		p.Offices = v.Offices
		changed = true
	}
	if v.Result != "" {
		p.Result = v.Result
		changed = true
	}
	if changed {
		p.Flags = addFlag(p.Flags, FlagVerified)
		p.Source = strings.TrimSpace(p.Source + "; " + fmt.Sprintf("đã đối chiếu %s: %s", v.VerifiedAt, v.Source))
		p.Source = strings.TrimPrefix(p.Source, "; ")
	}
	return diffs
}

func findVerifiedMethod(v *Verified, kind string) *motcua.Method {
	for i := range v.Methods {
		if v.Methods[i].Kind == kind {
			return &v.Methods[i]
		}
	}
	return nil
}

func findMethod(p *motcua.Procedure, kind string) *motcua.Method {
	for i := range p.Methods {
		if p.Methods[i].Kind == kind {
			return &p.Methods[i]
		}
	}
	return nil
}

// TimeString renders a method's time limit the way a citizen reads it:
// "5 ngày làm việc", "không quy định".
func TimeString(m motcua.Method) string {
	if m.TimeUnit == "" || m.TimeUnit == UnitNone {
		return m.TimeUnit
	}
	return strings.TrimSpace(formatNumber(m.TimeValue) + " " + m.TimeUnit)
}

func formatNumber(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d", int64(f))
	}
	return strings.Replace(fmt.Sprintf("%g", f), ".", ",", 1)
}

// addFlag appends flag unless it is already there.
func addFlag(flags []string, flag string) []string {
	for _, f := range flags {
		if f == flag {
			return flags
		}
	}
	return append(flags, flag)
}
