package storetest

import "testing"

var reportTests = map[string]func(*testing.T, Opener){}
