#!/bin/sh
# Regenerates the built-in knowledge base from the published data sets.
# DATA defaults to the shared data folder beside the repository.
set -eu
DATA=${DATA:-../../../shared/data}
OUT=kb
rm -rf "$OUT/procedures" "$OUT/verified"
cp ../kbreadme.md "$OUT/README.md" # also keeps the embedded folder non-empty while regenerating
go run ../../cmd/motcua kb import --format dvcqg --in "$DATA/dvcqg-2026/procedures-citizen.json" --out "$OUT"
if [ -d "$DATA/vinhbao-2026" ]; then
	go run ../../cmd/motcua kb import --format vinhbao --in "$DATA/vinhbao-2026" --out "$OUT"
fi
go run ../../cmd/motcua kb check --kb "$OUT"
