#!/usr/bin/env bash
# Compares MAIA's language detector with langdetect (PyPI) on Tests/Fixtures/language-short-messages.tsv, in the
# same run. langdetect goes into its own throwaway venv ($MAIA_CACHE/langid-venv): it is a reference for this
# comparison only, never a dependency of MAIA, its tests or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
venv="$MAIA_CACHE/langid-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet langdetect==1.0.9
fi
fixture=Tests/Fixtures/language-short-messages.tsv
scratch="$MAIA_BUILD_DIR"
swift build --scratch-path "$scratch" --product maia-bench >/dev/null
echo "MAIA:"
"$scratch/debug/maia-bench" language --fixture "$fixture"
echo "langdetect 1.0.9 (seed 0):"
"$venv/bin/python" - "$fixture" <<'PY'
import sys
from langdetect import DetectorFactory, detect
DetectorFactory.seed = 0
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")]
def guess(text):
    try:
        return detect(text)
    except Exception:
        return "unknown"
right = sum(guess(text) == language for language, text in rows)
print(f"{right}/{len(rows)} = {100 * right / len(rows):.2f}%")
PY
