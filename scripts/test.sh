#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks formatting, builds, runs every test.
# A throwaway PostgreSQL with pgvector runs for the duration (scripts/pg-test-server.sh), its URL exported
# to the tests as MAIA_TEST_DATABASE_URL; it is stopped and erased on exit, whatever happened.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$MAIA_ROOT"

scripts/setup.sh test
# setup.sh test has installed every test dependency (local model, MiniLM, Python tools) and PostgreSQL starts below:
# a test that finds one missing must fail, not skip (read once, by MaiaTesting's TestRequirements).
export MAIA_TEST_REQUIRE_ALL=1
scripts/format.sh --check
# C targets optimised in this debug build (MAIA_TEST_BUILD_FLAGS, scripts/lib.sh).
swift_build --build-tests "${MAIA_TEST_BUILD_FLAGS[@]}"
trap 'scripts/pg-test-server.sh stop' EXIT
MAIA_TEST_DATABASE_URL="$(scripts/pg-test-server.sh start)"
export MAIA_TEST_DATABASE_URL
# One test at a time: on 2 cores, tests that wait on a `maia` child process hold Swift's 2 cooperative threads, and
# in parallel they starved the in-process loopback servers of other tests into timeouts (flaky, never wrong code).
swift test --scratch-path "$MAIA_BUILD_DIR" --skip-build --no-parallel
# Again as an ordinary owner (scripts/pg-test-server.sh app-url: not a superuser, not BYPASSRLS), so that row-level
# security and the role switch are tested as a hosted Postgres runs them, not only where a superuser could mask them.
# One test at a time here too: in parallel, this pass once failed on an opaque PSQLError while creating a test database.
MAIA_TEST_DATABASE_URL="$(scripts/pg-test-server.sh app-url)" swift test --scratch-path "$MAIA_BUILD_DIR" --skip-build \
    --no-parallel --filter "MaiaMemoryTests|MigrateCommandTests|PostgresHealthTests"
# The scale-out fault test (kill -9, a replica cut off from PostgreSQL, a rolling restart, behind nginx in network
# namespaces) on the debug build just made; about 3 minutes.
MAIA_CLUSTER_BUILD=debug scripts/cluster-test.sh
