#!/usr/bin/env bash
# Set up everything the tests need, then run them: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check src tests scripts benchmarks
.venv/bin/python -m pytest "$@"
