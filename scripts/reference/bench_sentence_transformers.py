"""Sentences per second of sentence-transformers at batch 1 and batch 32 on the fixture's sentences, measured
the same way as `maia-bench embed` (one warm-up pass, then ROUNDS timed passes). Prints RESULT lines.

Usage: python bench_sentence_transformers.py FIXTURE MODEL_FOLDER [ROUNDS]
MAIA_ST_THREADS=N sets torch's thread count (default: torch's own choice, one per core).
"""

import json
import os
import sys
import time

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402


def measure(body, count: int, rounds: int) -> str:
    """Sentences per wall-clock second and per second of this process's CPU time, after one warm-up pass."""
    body()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        body()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return f"{count * rounds / wall:.1f} sentences/s ({count * rounds / cpu:.1f} per CPU-second)"


def main() -> None:
    fixture, folder = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with open(fixture, encoding="utf-8") as handle:
        sentences = [item["text"] for item in json.load(handle)["sentences"]]
    if os.environ.get("MAIA_ST_THREADS"):
        torch.set_num_threads(int(os.environ["MAIA_ST_THREADS"]))
    model = SentenceTransformer(folder, device="cpu")
    print(f"sentence-transformers: torch {torch.__version__}, {torch.get_num_threads()} threads")

    def batch1() -> None:
        for sentence in sentences:
            model.encode([sentence], batch_size=1)

    def batch32() -> None:
        model.encode(sentences, batch_size=32)

    print(f"RESULT sentence-transformers batch=1 {measure(batch1, len(sentences), rounds)}")
    print(f"RESULT sentence-transformers batch=32 {measure(batch32, len(sentences), rounds)}")


if __name__ == "__main__":
    main()
