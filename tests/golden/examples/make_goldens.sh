#!/usr/bin/env bash
# Regenerates the goldens of tests/test_examples.py with TensorFlow 1.14
# (the oracle Python from ../shared/tools/oracle-tf114.sh; path as first argument).
set -euo pipefail
TF=${1:-/tmp/tf114/bin/python}
cd "$(dirname "$0")"
EX=../../../examples
for name in linear_regression logistic_regression rosenbrock; do
    "$TF" "$EX/$name.py" 2>/dev/null > "$name.txt"
done
out=$(mktemp -d)
"$TF" "$EX/tf1_scripts/flags_app.py" --output_dir "$out/a" 2>/dev/null > tf1_scripts/flags_app.txt
"$TF" "$EX/tf1_scripts/flags_app.py" --steps=50 --verbose extra1 --output_dir="$out/b" \
    2>/dev/null > tf1_scripts/flags_app_args.txt
for name in variable_scope_reuse saver_roundtrip; do
    "$TF" "$EX/tf1_scripts/$name.py" 2>/dev/null > "tf1_scripts/$name.txt"
done
rm -rf "$out"
