#!/usr/bin/env bash
# Set up pyvirt (Python dependencies, Cython build) and run the quick experiment: it prints the
# results tables and writes figures, tables and an HTML report to out/quick/report/.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install -q -e '.[test]'
python3 -m pyvirt experiment run experiments/quick.toml --out out/quick
python3 -m pyvirt report out/quick --quiet
