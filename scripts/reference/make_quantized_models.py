#!/usr/bin/env python3
"""Writes SmolLM2 with Q4_0, F16 and F32 weights, to check the in-process runtime on those types against llama.cpp.

    $MAIA_CACHE/venv/bin/python scripts/reference/make_quantized_models.py <SmolLM2 Q4_1 gguf> <out folder>

llama.cpp's own quantizer (`llama_model_quantize`, from the setup venv's llama-cpp-python) requantizes the installed
Q4_1 file, "pure": every matrix takes the one type (without it, the tied output embedding would become Q6_K, which
the runtime does not read); norms stay F32. The result is deterministic for a given llama.cpp, and the fixtures record
each file's SHA-256 so that a test fails clearly if its file differs. Skips a file that is already there.
"""
import os
import sys

import llama_cpp

TYPES = {
    "Q4_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0,
    "F16": llama_cpp.LLAMA_FTYPE_MOSTLY_F16,
    "F32": llama_cpp.LLAMA_FTYPE_ALL_F32,
}


def main():
    source, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    for name, ftype in TYPES.items():
        target = os.path.join(folder, f"SmolLM2-135M-Instruct.{name}.gguf")
        if os.path.exists(target):
            continue
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype = ftype
        params.allow_requantize = True
        params.pure = True
        params.nthread = 1
        partial = target + ".partial"
        if llama_cpp.llama_model_quantize(source.encode(), partial.encode(), params) != 0:
            sys.exit(f"llama_model_quantize failed for {name}")
        os.replace(partial, target)
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
