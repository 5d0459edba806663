package knowledge

import "github.com/motcua/motcua"

// ImportVinhBaoDir imports a centre's handbook folder.
func ImportVinhBaoDir(in, out string) (ImportStats, error) {
	return ImportStats{}, motcua.Errorf(motcua.EINVALID, "vinhbao import: not implemented")
}
