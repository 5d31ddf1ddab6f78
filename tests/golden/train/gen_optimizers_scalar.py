"""Optimizers on a scalar variable under TF 1.14: every slot and value after 5 steps."""
from optimizer_runs import OPTS, run, scalar_problem


def cases(tf):
    return {"runs": {k: run(tf, scalar_problem, k) for k in OPTS}}
