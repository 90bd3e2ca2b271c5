#!/usr/bin/env bash
# Regenerates data/derived/source-fingerprint.json from the reviewed article in ../shared/source (beside the
# checkout, or the folder given as the first argument). Run it whenever the article or SECTIONS.md changes and
# commit the result; the grounding tests read only the derived file, and check it against the article whenever
# ../shared/source is present.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=${1:-../shared/source}
dotnet run --project tools/SourceData -c Release -- "$source_dir" data/derived/source-fingerprint.json
