"""Schemathesis hooks for MAIA's API: JSON Lines bodies (the import route) are sent one object per line."""
import json

import schemathesis


@schemathesis.serializer("application/jsonl", "application/x-ndjson")
def json_lines(ctx, value):
    items = value if isinstance(value, list) else [value]
    return "".join(json.dumps(item) + "\n" for item in items).encode()
