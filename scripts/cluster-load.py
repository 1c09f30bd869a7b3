#!/usr/bin/env python3
"""Steady load of MAIA turns for scripts/cluster-test.sh: concurrent workers, an Idempotency-Key per turn, retries.

    cluster-load.py run --url URL --key KEY --workers N --stop-file F --phase-file F --out results.json
        Each worker sends one turn at a time (POST /v1/turns, a fresh Idempotency-Key per turn, the key also in the
        message so that a turn stored twice under any id would show) and retries a turn that got no answer (a
        connection error, a timeout, 5xx, 409 or 429) with the same key, up to --attempts times. It stops starting
        turns when the stop file exists, finishes the turns in flight, and writes what happened, per phase (the
        phase file's content when the turn started).
    cluster-load.py verify --results results.json... --messages messages.tsv
        Compares the acknowledged turns with the stored rows (user_id, client_id, role, content: one row a line, tab
        separated, newlines in content replaced) and prints
        the counts; exits 1 when an acknowledged turn is missing or any turn is stored twice.

Standard library only: it runs with the system's python3.
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from urllib.parse import urlparse

RETRIED_STATUSES = {409, 429, 500, 502, 503, 504}


def read_phase(path):
    try:
        with open(path) as handle:
            return handle.read().strip() or "start"
    except OSError:
        return "start"


class Worker(threading.Thread):
    def __init__(self, index, args, run_id, results, lock):
        super().__init__(daemon=True)
        self.index, self.args, self.run_id, self.results, self.lock = index, args, run_id, results, lock
        target = urlparse(args.url)
        self.host, self.port = target.hostname, target.port or 80
        self.connection = None

    def post(self, user, key, body):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.args.timeout)
        headers = {
            "Authorization": f"Bearer {self.args.key}",
            "X-MAIA-User": user,
            "Idempotency-Key": key,
            "Content-Type": "application/json",
        }
        try:
            self.connection.request("POST", "/v1/turns", body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
            return response.status, data
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = None
            return None, type(error).__name__.encode()

    def run(self):
        turn = 0
        while not os.path.exists(self.args.stop_file):
            turn += 1
            user = f"cl-{self.run_id}-u{self.index % self.args.users}"
            key = f"{self.run_id}-w{self.index}-t{turn}-{uuid.uuid4().hex[:8]}"
            body = json.dumps({"message": f"turn {key}", "session_id": f"w{self.index}"})
            phase = read_phase(self.args.phase_file)
            started = time.monotonic()
            outcome, attempts, errors = "failed", 0, []
            while attempts < self.args.attempts:
                attempts += 1
                status, data = self.post(user, key, body)
                if status == 200:
                    try:
                        stored = json.loads(data).get("stored_message_ids")
                    except ValueError:
                        stored = None
                    if stored:
                        outcome = "acknowledged"
                        break
                    errors.append("200 without stored_message_ids")
                    break
                errors.append(str(status) if status is not None else data.decode())
                if status is not None and status not in RETRIED_STATUSES:
                    break
                time.sleep(min(0.2 * 2 ** (attempts - 1), 3.0))
            with self.lock:
                self.results.append(
                    {
                        "user": user,
                        "key": key,
                        "phase": phase,
                        "outcome": outcome,
                        "attempts": attempts,
                        "errors": errors,
                        "seconds": round(time.monotonic() - started, 3),
                    }
                )


def run(args):
    run_id = uuid.uuid4().hex[:6]
    results, lock = [], threading.Lock()
    workers = [Worker(index, args, run_id, results, lock) for index in range(args.workers)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    with open(args.out, "w") as handle:
        json.dump({"run": run_id, "seconds": elapsed, "turns": results}, handle)
    summary(results, elapsed)


def summary(results, elapsed):
    by_phase = defaultdict(Counter)
    causes = defaultdict(Counter)
    for turn in results:
        counts = by_phase[turn["phase"]]
        counts["sent"] += 1
        counts[turn["outcome"]] += 1
        counts["retried"] += 1 if turn["attempts"] > 1 else 0
        causes[turn["phase"]].update(turn["errors"])
    acknowledged = sum(1 for turn in results if turn["outcome"] == "acknowledged")
    print(f"load: {len(results)} turns in {elapsed:.1f} s, {acknowledged / elapsed:.1f} acknowledged turns/s")
    for phase, counts in by_phase.items():
        print(
            f"load: phase {phase}: sent {counts['sent']}, acknowledged {counts['acknowledged']}, "
            f"failed {counts['failed']}, retried {counts['retried']}"
            + (f" (attempts without an answer: {dict(causes[phase])})" if causes[phase] else "")
        )


def verify(args):
    results = []
    for path in args.results:
        with open(path) as handle:
            results += json.load(handle)["turns"]
    stored_user, stored_maia = Counter(), Counter()
    with open(args.messages) as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                continue
            user, client, role, content = parts
            # The user's message says which turn it is (a turn stored twice under any client id shows); MAIA's
            # reply is found by its client id, the turn's Idempotency-Key with ":maia".
            if role == "user" and content.startswith("turn "):
                stored_user[(user, content[5:])] += 1
            elif role == "maia" and client.endswith(":maia"):
                stored_maia[(user, client[: -len(":maia")])] += 1
    sent = len(results)
    acknowledged = [turn for turn in results if turn["outcome"] == "acknowledged"]
    failed = [turn for turn in results if turn["outcome"] != "acknowledged"]
    missing = [turn for turn in acknowledged if stored_user[(turn["user"], turn["key"])] != 1]
    unanswered = [turn for turn in acknowledged if stored_maia[(turn["user"], turn["key"])] == 0]
    duplicates = sum(count - 1 for count in stored_user.values() if count > 1)
    stored = len(stored_user)
    retried = sum(1 for turn in results if turn["attempts"] > 1)
    print(
        f"counts: sent {sent}, acknowledged {len(acknowledged)}, stored {stored}, duplicates {duplicates}, "
        f"failed {len(failed)}, retried {retried}, acknowledged but not stored once {len(missing)}"
    )
    for turn in failed[:5]:
        print(f"failed turn: phase {turn['phase']}, attempts {turn['attempts']}, errors {turn['errors']}")
    ok = not missing and not unanswered and duplicates == 0 and stored >= len(acknowledged)
    if args.max_failed is not None and len(failed) > args.max_failed:
        ok = False
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("run")
    load.add_argument("--url", required=True)
    load.add_argument("--key", required=True)
    load.add_argument("--workers", type=int, default=6)
    load.add_argument("--users", type=int, default=12)
    load.add_argument("--attempts", type=int, default=8)
    load.add_argument("--timeout", type=float, default=30.0)
    load.add_argument("--stop-file", required=True)
    load.add_argument("--phase-file", required=True)
    load.add_argument("--out", required=True)
    check = commands.add_parser("verify")
    check.add_argument("--results", required=True, nargs="+")
    check.add_argument("--messages", required=True)
    check.add_argument("--max-failed", type=int)
    args = parser.parse_args()
    if args.command == "run":
        run(args)
        return 0
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
