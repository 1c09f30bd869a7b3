"""Validates every line of a JSON Lines file against a JSON Schema (Draft 2020-12).

Usage: python validate_lines.py SCHEMA FILE. Prints `valid N` and exits 0 when every line is a JSON object the schema
accepts; otherwise prints each failing line number with the first error and exits 1. Used by the training export
tests (jsonschema comes with check-jsonschema, which `scripts/setup.sh test` installs).
"""

import json
import sys

from jsonschema import Draft202012Validator

schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
failures = 0
count = 0
with open(sys.argv[2], encoding="utf-8") as lines:
    for number, line in enumerate(lines, start=1):
        count += 1
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"line {number}: not JSON: {error}")
            failures += 1
            continue
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
        if errors:
            print(f"line {number}: {errors[0].message[:300]} at {list(errors[0].path)}")
            failures += 1
if count == 0:
    print("no lines")
    sys.exit(1)
print(f"valid {count}" if failures == 0 else f"{failures} of {count} line(s) invalid")
sys.exit(1 if failures else 0)
