"""Optimizers on an embedding lookup (sparse IndexedSlices gradients with duplicate ids)
under TF 1.14: every slot and variable value after each of 5 steps."""
from optimizer_runs import OPTS, run, sparse_problem


def cases(tf):
    return {"runs": {k: run(tf, sparse_problem, k) for k in OPTS}}
