#!/usr/bin/env bash
# Installs whatever MAIA needs that is missing: Debian packages, PyPI packages, model files.
# Idempotent and quick when everything is present. Usage: scripts/setup.sh [run|test]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

purpose="${1:-run}"
case "$purpose" in
run | test) ;;
*) die "unknown purpose '$purpose': use 'run' (what ./maia needs) or 'test' (what the test suite needs)" ;;
esac

command -v swift >/dev/null || die "the Swift toolchain is missing: install Swift 6.1 or later (swift.org) first"
mkdir -p "$MAIA_CACHE"
