#!/usr/bin/env bash
# The scale-out fault test: a small MAIA cluster on this machine, built from network namespaces, under a steady
# load of turns, while replicas are killed, cut off from PostgreSQL and restarted. Needs root (ip netns).
#
#   host maiac-pg   10.231.7.10   PostgreSQL with pgvector (scripts/pg-test-server.sh, run as an unprivileged user)
#   host maiac-rN   10.231.7.1N   `maia serve` (release build) + a scripted Anthropic engine on its own loopback
#                                 (`maia-bench loopback-provider` replaying Tests/Fixtures/engines/anthropic-text.sse)
#   host maiac-lb   10.231.7.20   nginx: passive health checks (max_fails), retries to the next replica
#   this host       10.231.7.1    the load client (scripts/cluster-load.py) and the readiness controller
#
# The readiness controller does what Kubernetes does with readinessProbe: it polls each replica's /readyz every
# second and takes a replica that answers anything but 200 out of nginx's upstream list (then `nginx -s reload`),
# and puts it back once /readyz says 200 again.
#
# Phases, under load from MAIA_CLUSTER_WORKERS (6) concurrent clients, each turn with its own Idempotency-Key and
# retried by the client (same key) when it gets no answer:
#   single   10 s straight to one replica (turns per second of one replica)
#   steady   15 s through nginx; PostgreSQL connections per replica are read from pg_stat_activity
#   kill     kill -9 of replica 2; restarted 8 s later
#   cut      replica 3's route to PostgreSQL blackholed for 15 s: its /readyz must turn 503 and nginx stop using it;
#            after the route returns, it must become ready again
#   rolling  each replica in turn: out of nginx, SIGTERM (it drains), started again, back in once ready
# Then the outbox must drain, and: every acknowledged turn stored exactly once (user and reply), no turn stored
# twice, no failed turn at all, every message with exactly one vector. Prints the counts; exit status 0 only when
# all of that holds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$MAIA_ROOT"

[ "$(id -u)" -eq 0 ] || die "cluster-test.sh builds network namespaces: run it as root"
replicas="${MAIA_CLUSTER_REPLICAS:-3}"
workers="${MAIA_CLUSTER_WORKERS:-6}"
[ "$replicas" -ge 3 ] && [ "$replicas" -le 9 ] || die "MAIA_CLUSTER_REPLICAS must be from 3 to 9 (got $replicas)"
net=10.231.7
prefix=maiac
started_at=$SECONDS

scripts/setup.sh test
ensure_apt nginx iproute2 curl
# MAIA_CLUSTER_BUILD=debug reuses the test suite's build (scripts/test.sh runs it so, since a release build would
# double CI's time): the faults and the counts are the same; only the turns per second are not a release's.
build="${MAIA_CLUSTER_BUILD:-release}"
[ "$build" = release ] || [ "$build" = debug ] || die "MAIA_CLUSTER_BUILD must be release or debug (got $build)"
# The debug build takes the test suite's flags, so that it is reused rather than rebuilt.
flags=()
[ "$build" = debug ] && flags=("${MAIA_TEST_BUILD_FLAGS[@]}")
say "building maia and maia-bench ($build) into $MAIA_BUILD_DIR"
with_heartbeat "building maia ($build)" swift_build -c "$build" "${flags[@]}" --product maia >/dev/null
with_heartbeat "building maia-bench ($build)" swift_build -c "$build" "${flags[@]}" --product maia-bench >/dev/null
bin="$(swift_build -c "$build" "${flags[@]}" --show-bin-path)"
maia="$bin/maia"
bench="$bin/maia-bench"

work="$(mktemp -d "${TMPDIR:-/tmp}/maia-cluster.XXXXXX")"
chmod 755 "$work"
events="$work/events.log"
pids=()
log() { printf '[cluster] %s %s\n' "$(date -u +%T.%3N)" "$*" | tee -a "$events" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
in_ns() {
    local host="$1"
    shift
    ip netns exec "$prefix-$host" "$@"
}

cleanup() {
    local status=$?
    touch "$work/stop" "$work/stop-load"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    local waited
    for pid in "${pids[@]}"; do
        waited=0
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
            sleep 0.1
            waited=$((waited + 1))
        done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ -f "$work/pg/url" ]; then
        in_ns pg env MAIA_PG_STATE="$work/pg" scripts/pg-test-server.sh stop || true
    fi
    for host in pg lb $(seq -f 'r%g' 1 "$replicas"); do ip netns del "$prefix-$host" 2>/dev/null || true; done
    ip link del "$prefix-br" 2>/dev/null || true
    if [ "$status" -eq 0 ]; then rm -rf "$work"; else say "cluster test failed: logs kept in $work"; fi
}
trap cleanup EXIT

# --- network ------------------------------------------------------------------------------------------------------
for host in pg lb $(seq -f 'r%g' 1 "$replicas"); do ip netns del "$prefix-$host" 2>/dev/null || true; done
ip link del "$prefix-br" 2>/dev/null || true
ip link add "$prefix-br" type bridge
ip addr add "$net.1/24" dev "$prefix-br"
ip link set "$prefix-br" up
add_host() {
    local host="$1" address="$2"
    ip netns add "$prefix-$host"
    ip link add "$prefix-$host" type veth peer name eth0 netns "$prefix-$host"
    ip link set "$prefix-$host" master "$prefix-br" up
    in_ns "$host" ip addr add "$address/24" dev eth0
    in_ns "$host" ip link set eth0 up
    in_ns "$host" ip link set lo up
}
add_host pg "$net.10"
add_host lb "$net.20"
for i in $(seq 1 "$replicas"); do add_host "r$i" "$net.1$i"; done
log "network: bridge $net.0/24, hosts pg, lb, r1-r$replicas"

# --- PostgreSQL -----------------------------------------------------------------------------------------------------
url="$(in_ns pg env MAIA_PG_STATE="$work/pg" MAIA_PG_LISTEN="$net.10" MAIA_PG_CLIENTS="$net.0/24" \
    scripts/pg-test-server.sh start)"
psql_pg() { in_ns pg runuser -u maia-pg -- env LD_LIBRARY_PATH="$work/pg/pginstall/lib" \
    "$work/pg/pginstall/bin/psql" -X -q -v ON_ERROR_STOP=1 -At "$url" "$@"; }
log "PostgreSQL: $url"
# The migration job: the schema exists before any replica starts.
(cd "$work" && env -i PATH=/usr/bin:/bin DATABASE_URL="$url" "$maia" migrate) >"$work/migrate.log" 2>&1 ||
    { cat "$work/migrate.log" >&2; die "maia migrate failed"; }
log "migration job: $(cat "$work/migrate.log")"
key="$(cd "$work" && env -i PATH=/usr/bin:/bin "$maia" keys create --service --id cluster --file "$work/keys.json")"

# --- replicas -------------------------------------------------------------------------------------------------------
declare -A serve_pid provider_url
start_provider() {
    local i="$1"
    # Not through in_ns: a function run with & is a subshell, and $! would be its pid, not the server's.
    ip netns exec "$prefix-r$i" "$bench" loopback-provider --fixture Tests/Fixtures/engines/anthropic-text.sse \
        --event-delay-ms 20 >"$work/provider-r$i.out" 2>"$work/provider-r$i.err" &
    pids+=($!)
    for _ in $(seq 1 100); do
        [ -s "$work/provider-r$i.out" ] && break
        sleep 0.1
    done
    provider_url[$i]="$(head -n1 "$work/provider-r$i.out")"
    [ -n "${provider_url[$i]}" ] || die "the scripted engine of r$i did not start: $(cat "$work/provider-r$i.err")"
}
start_replica() {
    local i="$1"
    mkdir -p "$work/r$i"
    (cd "$work/r$i" && exec ip netns exec "$prefix-r$i" env -i PATH=/usr/bin:/bin HOME="$work/r$i" \
        DATABASE_URL="$url" MAIA_HOST=0.0.0.0 MAIA_PORT=8080 MAIA_AUTH=api-keys MAIA_API_KEYS_FILE="$work/keys.json" \
        ANTHROPIC_API_KEY=sk-ant-cluster-test-key ANTHROPIC_BASE_URL="${provider_url[$i]}" \
        MAIA_TURN_TIMEOUT=10 MAIA_TURNS_PER_MINUTE=100000 MAIA_MODELS_DIR="$MAIA_MODELS_DIR" \
        "$maia" serve >>"$work/r$i/serve.out" 2>>"$work/r$i/serve.err") &
    serve_pid[$i]=$!
    pids+=($!)
}
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 6 "http://$net.1$1:8080/readyz")" = 200 ]; }
wait_ready() {
    local i="$1" t0
    t0="$(now)"
    for _ in $(seq 1 240); do
        if ready "$i"; then
            log "r$i ready after $(since "$t0") s"
            return 0
        fi
        sleep 0.5
    done
    die "r$i did not become ready: $(tail -5 "$work/r$i/serve.err")"
}
for i in $(seq 1 "$replicas"); do
    start_provider "$i"
    start_replica "$i"
done
for i in $(seq 1 "$replicas"); do wait_ready "$i"; done

# --- load balancer and readiness controller --------------------------------------------------------------------------
mkdir -p "$work/lb"
cat >"$work/lb/nginx.conf" <<NGINX
worker_processes 1;
pid $work/lb/nginx.pid;
error_log $work/lb/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    log_format upstream '\$msec \$status \$upstream_addr \$upstream_status \$request_time';
    access_log $work/lb/access.log upstream;
    client_body_temp_path $work/lb/body;
    proxy_temp_path $work/lb/proxy;
    upstream maia {
        include $work/lb/upstreams.conf;
        keepalive 32;
    }
    server {
        listen $net.20:8080;
        location / {
            proxy_pass http://maia;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            # Retrying a POST is safe here because every turn carries an Idempotency-Key: MAIA stores it once.
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 3;
        }
    }
}
NGINX
upstreams() {
    local i
    for i in $(seq 1 "$replicas"); do
        if [ "$(cat "$work/ready-r$i" 2>/dev/null || echo 0)" = 1 ] && [ ! -f "$work/drain-r$i" ]; then
            echo "server $net.1$i:8080 max_fails=1 fail_timeout=2s;"
        else
            echo "server $net.1$i:8080 down;"
        fi
    done
}
for i in $(seq 1 "$replicas"); do echo 1 >"$work/ready-r$i"; done
upstreams >"$work/lb/upstreams.conf"
ip netns exec "$prefix-lb" nginx -p "$work/lb" -c "$work/lb/nginx.conf" &
pids+=($!)
probe() {
    local i="$1" state last=1
    while [ ! -f "$work/stop" ]; do
        if ready "$i"; then state=1; else state=0; fi
        if [ "$state" != "$last" ]; then
            echo "$state" >"$work/ready-r$i"
            log "r$i /readyz $([ "$state" = 1 ] && echo 200 || echo 'not 200')"
            last="$state"
        fi
        sleep 1
    done
}
controller() {
    local current next
    current="$(cat "$work/lb/upstreams.conf")"
    while [ ! -f "$work/stop" ]; do
        next="$(upstreams)"
        if [ "$next" != "$current" ]; then
            echo "$next" >"$work/lb/upstreams.conf"
            nginx -p "$work/lb" -c "$work/lb/nginx.conf" -s reload 2>>"$work/lb/error.log" || true
            log "nginx upstreams: $(echo "$next" | grep -c 'max_fails') in, $(echo "$next" | grep -c ' down;') out"
            current="$next"
        fi
        sleep 0.5
    done
}
for _ in $(seq 1 50); do
    curl -s -o /dev/null --max-time 2 "http://$net.20:8080/healthz" && break
    sleep 0.2
done
for i in $(seq 1 "$replicas"); do
    probe "$i" &
    pids+=($!)
done
controller &
pids+=($!)

# --- load -------------------------------------------------------------------------------------------------------------
phase() {
    echo "$1" >"$work/phase"
    log "phase $1"
}
run_load() {
    python3 scripts/cluster-load.py run --url "$1" --key "$key" --workers "$workers" --timeout 12 \
        --stop-file "$work/stop-load" --phase-file "$work/phase" --out "$2" >"$2.summary" 2>"$2.err" &
    load_pid=$!
    pids+=($load_pid)
}
stop_load() {
    touch "$work/stop-load"
    wait "$load_pid" || die "the load client failed: $(cat "$1.err")"
    rm -f "$work/stop-load"
    cat "$1.summary" >&2
}

phase single
run_load "http://$net.11:8080" "$work/single.json"
sleep 10
stop_load "$work/single.json"
single_rate="$(sed -n 's/.*, \([0-9.]*\) acknowledged turns\/s/\1/p' "$work/single.json.summary")"

phase steady
run_load "http://$net.20:8080" "$work/load.json"
sleep 15
psql_pg -F ' ' -c "SELECT client_addr, count(*) FROM pg_stat_activity WHERE datname = 'maia_test'
    AND client_addr IS NOT NULL GROUP BY 1 ORDER BY 1" >"$work/connections.txt"
log "PostgreSQL connections per replica: $(tr '\n' ';' <"$work/connections.txt")"

phase kill
log "kill -9 r2 (pid ${serve_pid[2]})"
kill -9 "${serve_pid[2]}"
sleep 8
start_replica 2
wait_ready 2

phase cut
cut_at="$(now)"
in_ns r3 ip route add blackhole "$net.10/32"
log "r3: route to PostgreSQL blackholed"
unready_after=""
out_after=""
for _ in $(seq 1 60); do
    [ -z "$unready_after" ] && [ "$(cat "$work/ready-r3")" = 0 ] && unready_after="$(since "$cut_at")"
    [ -z "$out_after" ] && grep -q "$net.13:8080 down" "$work/lb/upstreams.conf" && out_after="$(since "$cut_at")"
    [ -n "$unready_after" ] && [ -n "$out_after" ] && break
    sleep 0.5
done
[ -n "$unready_after" ] || die "r3's /readyz still answered 200 30 s after losing PostgreSQL"
[ -n "$out_after" ] || die "nginx still had r3 in its upstreams 30 s after r3 lost PostgreSQL"
log "r3: /readyz not 200 after $unready_after s, out of nginx after $out_after s"
while [ "$(since "$cut_at" | cut -d. -f1)" -lt 15 ]; do sleep 0.5; done
in_ns r3 ip route del blackhole "$net.10/32"
restored_at="$(now)"
log "r3: route to PostgreSQL restored"
ready_again=""
for _ in $(seq 1 240); do
    if [ "$(cat "$work/ready-r3")" = 1 ]; then
        ready_again="$(since "$restored_at")"
        break
    fi
    sleep 0.5
done
[ -n "$ready_again" ] || die "r3 did not become ready within 120 s of getting PostgreSQL back"
log "r3: ready again $ready_again s after the route returned"

phase rolling
for i in $(seq 1 "$replicas"); do
    touch "$work/drain-r$i"
    # What the preStop pause is for in Kubernetes: the balancer stops choosing the replica before it stops.
    sleep 2
    log "SIGTERM r$i (pid ${serve_pid[$i]})"
    kill -TERM "${serve_pid[$i]}"
    wait "${serve_pid[$i]}" || log "r$i exited with status $?"
    start_replica "$i"
    wait_ready "$i"
    echo 1 >"$work/ready-r$i"
    rm -f "$work/drain-r$i"
    sleep 2
done

phase tail
sleep 5
stop_load "$work/load.json"

# --- verification ------------------------------------------------------------------------------------------------------
drained=""
for _ in $(seq 1 600); do
    if [ "$(psql_pg -c 'SELECT count(*) FROM outbox')" = 0 ]; then
        drained=yes
        break
    fi
    sleep 0.5
done
[ -n "$drained" ] || die "the outbox did not drain: $(psql_pg -c 'SELECT count(*) FROM outbox') left"
psql_pg -F $'\t' -c "SELECT user_id, client_id, role, translate(content, E'\\n\\t', '  ') FROM messages
    WHERE user_id LIKE 'cl-%'" \
    >"$work/messages.tsv"
messages="$(psql_pg -c "SELECT count(*) FROM messages")"
# Each message has one vector of its own; a user's reply to a MAIA turn of its session also has a reply-context one
# (docs/storage.md): exactly the user messages whose previous turn, in (created_at, seq) order, is MAIA's.
vectors="$(psql_pg -c "SELECT count(*) FROM vectors WHERE model NOT LIKE '%#reply-context'")"
reply_vectors="$(psql_pg -c "SELECT count(*) FROM vectors WHERE model LIKE '%#reply-context'")"
replies="$(psql_pg -c "SELECT count(*) FROM messages m WHERE m.role = 'user' AND m.session_id IS NOT NULL AND (
    SELECT p.role FROM messages p WHERE p.user_id = m.user_id AND p.session_id = m.session_id
    AND (p.created_at, p.seq) < (m.created_at, m.seq) ORDER BY p.created_at DESC, p.seq DESC LIMIT 1) = 'maia'")"
unindexed="$(psql_pg -c "SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.message_id = m.id)")"
status=0
python3 scripts/cluster-load.py verify --results "$work/single.json" "$work/load.json" --messages "$work/messages.tsv" --max-failed 0 \
    >"$work/verify.txt" || status=1
rolling_failed="$(python3 -c 'import json,sys; print(sum(1 for t in json.load(open(sys.argv[1]))["turns"] if t["phase"] == "rolling" and t["outcome"] != "acknowledged"))' "$work/load.json")"
# Requests nginx started on r3 from 1 s after it left the upstream list until its route returned: must be none.
sent_to_cut="$(awk -v from="$(awk -v a="$cut_at" -v b="$out_after" 'BEGIN { printf "%.3f", a + b + 1 }')" \
    -v to="$restored_at" -v r3="$net.13:8080" \
    '{ split($3, a, ","); if (a[1] == r3 && $1 - $NF > from && $1 - $NF < to) n++ } END { print n + 0 }' \
    "$work/lb/access.log")"
lb_by_replica="$(awk '$3 ~ /^10\./ { split($3, a, ","); n[a[1]]++ } END { for (k in n) printf "%s=%d ", k, n[k] }' "$work/lb/access.log")"
echo
echo "=== MAIA cluster test: $replicas replicas, $workers concurrent clients ==="
cat "$work/single.json.summary" "$work/load.json.summary"
cat "$work/verify.txt"
echo "outbox: $messages messages, $vectors vectors, $unindexed without a vector, 0 queued;" \
    "$reply_vectors reply-context vectors for $replies replies to a MAIA turn"
echo "one replica alone: $single_rate acknowledged turns/s"
echo "PostgreSQL connections per replica (steady load): $(tr '\n' ' ' <"$work/connections.txt")"
echo "network cut: /readyz not 200 after ${unready_after} s, out of nginx after ${out_after} s, ready again ${ready_again} s after the route returned"
echo "requests nginx sent to r3 while it was out: $sent_to_cut"
echo "requests per upstream (nginx): $lb_by_replica"
echo "rolling restart: $rolling_failed failed turns"
echo "took $((SECONDS - started_at)) s"
[ "$unindexed" = 0 ] && [ "$messages" = "$vectors" ] && [ "$reply_vectors" = "$replies" ] || status=1
[ "$rolling_failed" = 0 ] || status=1
[ "$sent_to_cut" = 0 ] || status=1
[ "$status" = 0 ] && echo "cluster test: passed" || echo "cluster test: FAILED"
exit "$status"
