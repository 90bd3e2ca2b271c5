#!/usr/bin/env bash
# Retrains data/answer-combiner.json (ADR 0022) from the development split of the blind question sets only (the
# test split is never read). Run it whenever the content in data/, the intent classifier or the encoder changes,
# and commit the result; the evaluation tests then check the test split with it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project tools/AnswerCombiner -c Release -- data .cache/combiner-models \
  tests/Knowledge.Tests/Evaluation/blind-questions.json \
  $(ls tests/Knowledge.Tests/Evaluation/blind-questions-dev*.json 2>/dev/null)
