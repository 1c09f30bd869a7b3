#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks formatting, builds, runs every test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$MAIA_ROOT"

scripts/setup.sh test
scripts/format.sh --check
swift_build --build-tests
swift test --scratch-path "$MAIA_BUILD_DIR" --skip-build
