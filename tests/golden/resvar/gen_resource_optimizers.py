"""Every optimizer on ResourceVariables under TF 1.14 (the problems of
tests/golden/train/optimizer_runs.py with use_resource=True): slot and variable names,
the Resource* update op types, and every value after each of 5 steps
(tests/test_resource_optimizers.py)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train"))

from optimizer_runs import OPTS, W0, B0, X, Y, run  # noqa: E402
# the same problems with reference variables (tests compare the two paths)
from optimizer_runs import dense_problem as ref_dense_problem  # noqa: E402, F401
from optimizer_runs import sparse_problem as ref_sparse_problem  # noqa: E402, F401


def dense_problem(tf, dtype):
    w = tf.Variable(W0.astype(dtype), name="w", use_resource=True)
    b = tf.Variable(B0.astype(dtype), name="b", use_resource=True)
    loss = tf.reduce_sum(tf.square(tf.tanh(w * X.astype(dtype) + b) - Y.astype(dtype)))
    return [w, b], loss


def sparse_problem(tf, dtype):
    init = W0.reshape(6, 1).repeat(2, 1).astype(dtype) + np.arange(2, dtype=dtype)
    emb = tf.Variable(init, name="emb", use_resource=True)
    rows = tf.gather(emb, tf.constant([0, 2, 2, 5, 3], tf.int32))
    c = np.linspace(-1, 1, 10).reshape(5, 2).astype(dtype)
    loss = tf.reduce_sum(tf.square(tf.tanh(rows * c) - 0.3))
    return [emb], loss


def _types(tf, rec):
    rec["variable_types"] = sorted(set(type(v).__name__ for v in tf.global_variables()))
    return rec


def cases(tf):
    out = {}
    for key in sorted(OPTS):
        out["dense|" + key] = _types(tf, run(tf, dense_problem, key))
        out["sparse|" + key] = _types(tf, run(tf, sparse_problem, key))
    out["dense|adam_float64"] = _types(tf, run(tf, dense_problem, "adam", np.float64))
    return out
