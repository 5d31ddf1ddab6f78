"""tf.contrib.factorization.WALSMatrixFactorization under TF 1.14 (tests/test_wals.py runs
the same cases with flowgrad): fit on an input_fn giving the whole matrix's rows and
(transposed) columns, so each step is a sweep (the sweep hook alternating rows and columns,
max_sweeps stopping it), then the factors read from the checkpoint, evaluate's row and column
losses, and row and column projections (with and without projection weights). Made on the
host `host` names."""
import shutil
import tempfile

import numpy as np

from gen_wals import matrix
from goldenio import host_vendor

ROWS, COLS = 7, 6


def _features(tf, project_row=None, weights=None):
    idx, vals = matrix(21, ROWS, COLS, 0.5)
    feats = {"input_rows": tf.SparseTensor(idx, vals, [ROWS, COLS]),
             "input_cols": tf.SparseTensor(idx[:, ::-1].copy(), vals, [COLS, ROWS])}
    if project_row is not None:
        feats["project_row"] = tf.constant(project_row)
    if weights is not None:
        feats["projection_weights"] = tf.constant(weights, tf.float32)
    return feats, None


def run(tf, steps=None, max_sweeps=None, **kwargs):
    d = tempfile.mkdtemp()
    try:
        tf.set_random_seed(5)
        est = tf.contrib.factorization.WALSMatrixFactorization(
            ROWS, COLS, 3, model_dir=d, max_sweeps=max_sweeps,
            config=tf.contrib.learn.RunConfig(tf_random_seed=5), **kwargs)
        est.fit(input_fn=lambda: _features(tf), steps=steps)
        rows_loss = est.evaluate(input_fn=lambda: _features(tf, True), steps=1)
        cols_loss = est.evaluate(input_fn=lambda: _features(tf, False), steps=1)
        return {
            "names": sorted(est.get_variable_names()),
            "global_step": est.get_variable_value("global_step"),
            "completed_sweeps": est.get_variable_value("completed_sweeps"),
            "loss": est.get_variable_value("WALS_loss"),
            "rwse": est.get_variable_value("WALS_RWSE"),
            "row_factors": est.get_row_factors(),
            "col_factors": est.get_col_factors(),
            "eval_rows": rows_loss["loss"], "eval_cols": cols_loss["loss"],
            "row_projection": np.array(list(est.get_projections(
                lambda: _features(tf, True)))),
            "col_projection": np.array(list(est.get_projections(
                lambda: _features(tf, False, [2.0] * COLS)))),
        }
    finally:
        shutil.rmtree(d)


CASES = {
    "steps4": dict(steps=4, regularization_coeff=0.05),
    "max_sweeps3_shards": dict(steps=10, max_sweeps=3, num_row_shards=2, num_col_shards=3,
                               regularization_coeff=0.1, row_weights=2.0),
}


def cases(tf):
    old = tf.logging.get_verbosity()   # (restored: the tests share one process)
    tf.logging.set_verbosity(tf.logging.ERROR)
    try:
        out = {"host": host_vendor()}
        for name, kw in CASES.items():
            tf.reset_default_graph()
            out[name] = run(tf, **kw)
        return out
    finally:
        tf.logging.set_verbosity(old)
