#!/usr/bin/env bash
# Builds (once) the TF 1.14 oracle: a virtual environment holding the real
# TensorFlow 1.14 (CPU) whose behaviour flowgrad reproduces, and prints its
# python's path. tools/goldens.py runs the golden generators with it; tests
# never import TensorFlow.
#   PY=$(tools/oracle/setup.sh) && $PY -c 'import tensorflow as tf; print(tf.__version__)'
# Reuses $TF114_VENV (default /tmp/tf114) when it already imports TensorFlow;
# otherwise builds it with Python 3.7 from pyenv ($PY37), about a minute.
set -euo pipefail
DEST=${TF114_VENV:-/tmp/tf114}
PY37=${PY37:-$HOME/.pyenv/versions/3.7.16/bin/python}
if [ ! -x "$DEST/bin/python" ] || ! "$DEST/bin/python" -c 'import tensorflow' >/dev/null 2>&1; then
  if [ ! -x "$PY37" ]; then
    echo "setup.sh: no Python 3.7 at $PY37 (install it with pyenv, or set PY37)" >&2
    exit 1
  fi
  "$PY37" -m venv "$DEST" >&2
  "$DEST/bin/pip" install -q tensorflow==1.14.0 numpy==1.16.6 protobuf==3.20.3 >&2
fi
# pandas for tests/golden/estimator/gen_pandas.py (pandas_input_fn); 1.1.5 runs on numpy 1.16
if ! "$DEST/bin/python" -c 'import pandas' >/dev/null 2>&1; then
  "$DEST/bin/pip" install -q pandas==1.1.5 numpy==1.16.6 >&2
fi
# scipy for tf.contrib.opt.ScipyOptimizerInterface (tests/pprobe79_scripts/scipy_opt.py);
# 1.4.1 runs on numpy 1.16
if ! "$DEST/bin/python" -c 'import scipy' >/dev/null 2>&1; then
  "$DEST/bin/pip" install -q scipy==1.4.1 numpy==1.16.6 >&2
fi
echo "$DEST/bin/python"
