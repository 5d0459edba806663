package dossierflow

import (
	"encoding/json"
	"slices"

	"github.com/motcua/motcua"
)

// Steps of the lookup.
const (
	stepCode   = "code"   // waiting for the dossier code
	stepDigits = "digits" // waiting for the last four digits of the phone
)

// maxProven bounds the codes a conversation remembers as proven.
const maxProven = 20

// state is the flow's FlowData. It never holds the digits a citizen typed.
type state struct {
	Step string `json:"step"`
	Code string `json:"code,omitempty"`
	// Subscribe is set when the lookup was started by the subscribe button
	// of an unproven code: once proven, the chat is subscribed.
	Subscribe bool `json:"subscribe,omitempty"`
}

// loadState reads the flow's state; broken or missing state starts over.
func loadState(c *motcua.Conversation) state {
	var st state
	if len(c.FlowData) == 0 || json.Unmarshal(c.FlowData, &st) != nil {
		return state{Step: stepCode}
	}
	if st.Step != stepDigits || st.Code == "" {
		st = state{Step: stepCode}
	}
	return st
}

// saveState keeps the flow going with st.
func saveState(c *motcua.Conversation, st state) {
	b, _ := json.Marshal(st) // a struct of strings always marshals
	c.Flow, c.FlowData = Name, b
}

// end finishes the flow.
func end(c *motcua.Conversation) {
	c.Flow, c.FlowData = "", nil
}

// proven reports whether the conversation proved ownership of code.
func proven(c *motcua.Conversation, code string) bool {
	return slices.Contains(c.Proven, code)
}

// prove remembers code as proven, forgetting the oldest beyond maxProven.
func prove(c *motcua.Conversation, code string) {
	if proven(c, code) {
		return
	}
	c.Proven = append(c.Proven, code)
	if n := len(c.Proven); n > maxProven {
		c.Proven = append([]string(nil), c.Proven[n-maxProven:]...)
	}
}
