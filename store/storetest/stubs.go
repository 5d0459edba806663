package storetest

import "testing"

var dossierTests = map[string]func(*testing.T, Opener){}
var complaintTests = map[string]func(*testing.T, Opener){}
var retentionTests = map[string]func(*testing.T, Opener){}
var reportTests = map[string]func(*testing.T, Opener){}
