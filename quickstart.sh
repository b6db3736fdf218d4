#!/usr/bin/env bash
# Set up pyvirt (Python dependencies, Cython build) and run the quick experiment.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install -q -e '.[test]'
python3 -m pyvirt demo --out out/demo
