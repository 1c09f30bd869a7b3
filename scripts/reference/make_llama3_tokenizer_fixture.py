#!/usr/bin/env python3
"""Records llama.cpp's Llama 3 (`llama-bpe`) token ids for the in-process tokenizer's reference test.

The vocabulary is llama.cpp's own test file `models/ggml-vocab-llama-bpe.gguf` (Llama 3's vocabulary, merges and
token types, no weights), shipped in llama-cpp-python's source distribution on PyPI; `scripts/setup.sh test`
extracts it. Run with the venv that `scripts/setup.sh run` creates (llama-cpp-python, the reference):
    $MAIA_CACHE/venv/bin/python scripts/reference/make_llama3_tokenizer_fixture.py <ggml-vocab-llama-bpe.gguf> \
        Tests/MaiaInferenceTests/Fixtures

The texts are SmolLM2's tokenizer fixture (8 languages, emoji, code, whitespace), llama.cpp's own test inputs for
this vocabulary (`<gguf>.inp`, whose expected ids `<gguf>.out` are checked here first) and Llama 3 chat turns with
its header tokens. Writes llama3-tokenizer.json: ids without BOS, special tokens parsed.
"""
import json
import sys

from llama_cpp import Llama

SEPARATOR = "\n__ggml_vocab_test__\n"

CHAT = [
    "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are MAIA.<|eot_id|>",
    "<|start_header_id|>user<|end_header_id|>\n\nWhere does my sister live now?<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\n",
    '<|python_tag|>{"name": "query_mem0", "parameters": {"query": "sister"}}<|eom_id|>',
    "<|start_header_id|>ipython<|end_header_id|>\n\n[{\"content\": \"Ana moved to Lisbon\"}]<|eot_id|>",
]


def main(vocab_path, folder):
    llm = Llama(model_path=vocab_path, vocab_only=True, verbose=False)

    def tokenize(text):
        return llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    # Each input ends with the separator; the expected ids are one line per input.
    with open(vocab_path + ".inp", encoding="utf-8", newline="") as file:
        inputs = file.read().split(SEPARATOR)[:-1]
    with open(vocab_path + ".out", encoding="utf-8", newline="") as file:
        outputs = file.read().split("\n")[: len(inputs)]
    # llama.cpp's own expectations for its test inputs: the reference must reproduce them before it is recorded.
    for text, expected in zip(inputs, outputs, strict=True):
        ids = [int(token) for token in expected.split()]
        if llm.tokenize(text.encode("utf-8"), add_bos=False, special=False) != ids:
            sys.exit(f"llama-cpp-python disagrees with {vocab_path}.out on {text!r}")
    with open(f"{folder}/tokenizer.json", encoding="utf-8") as file:
        smollm_texts = [case["text"] for case in json.load(file)["cases"]]
    texts = list(dict.fromkeys(smollm_texts + [text for text in inputs if text] + CHAT))
    cases = [{"text": text, "ids": tokenize(text)} for text in texts]
    with open(f"{folder}/llama3-tokenizer.json", "w", encoding="utf-8") as out:
        json.dump({"model": "ggml-vocab-llama-bpe.gguf (llama-cpp-python 0.3.36 sdist)", "cases": cases}, out,
                  ensure_ascii=False, indent=0)
    print(f"{len(cases)} cases; llama.cpp's {len(inputs)} expected outputs reproduced")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
