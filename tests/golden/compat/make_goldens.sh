#!/usr/bin/env bash
# Regenerates gfile.json and flags.json with TensorFlow 1.14
# (the oracle Python from ../shared/tools/oracle-tf114.sh; path as first argument).
set -euo pipefail
TF=${1:-/tmp/tf114/bin/python}
cd "$(dirname "$0")"
dir=$(mktemp -d)
"$TF" gfile_probe.py "$dir/base" 2>/dev/null > gfile.json
"$TF" flags_probe.py 2>/dev/null > flags.json
rm -rf "$dir"
