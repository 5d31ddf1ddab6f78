"""Optimizers on a dense problem (w, b; float32, plus float64 and float16 runs) under
TF 1.14: every slot and variable value after each of 5 steps (tests/test_optimizers.py)."""
import numpy as np

from optimizer_runs import B0, OPTS, W0, X, Y, L, dense_problem, run


def cases(tf):
    dense = {k: run(tf, dense_problem, k) for k in OPTS}
    dense["adam_float64"] = run(tf, dense_problem, "adam", np.float64)
    dense["momentum_float64"] = run(tf, dense_problem, "momentum_nesterov", np.float64)
    dense["rmsprop_centered_float64"] = run(tf, dense_problem, "rmsprop_centered", np.float64)
    dense["ftrl_shrinkage_float64"] = run(tf, dense_problem, "ftrl_shrinkage", np.float64)
    for k in ("adam", "momentum_nesterov", "rmsprop_centered", "adagrad", "gd"):
        dense[k + "_float16"] = run(tf, dense_problem, k, np.float16)
    return {"W0": L(W0), "B0": L(B0), "X": L(X), "Y": L(Y), "runs": dense}
