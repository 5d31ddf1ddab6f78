"""tf.contrib.opt's optimizers under TF 1.14 (opt_runs.py): every op name, slot and value
after each step on dense (float32, float64) and sparse problems, reference and resource
variables; the sign-decay functions."""
import numpy as np
from opt_runs import OPTS, dense_problem, external, moving_average, run, sign_decays, sparse_problem

# TF's sparse LARS path reads attributes it never sets; TF's tf.cond rejects the
# IndexedSlices gradient clip_gradients_by_global_norm passes it (flowgrad's functional
# cond accepts it, densified).
DENSE_ONLY = ("lars", "lars_skip", "multitask")


def cases(tf):
    out = {"sign_decays": sign_decays(tf), "moving_average": moving_average(tf),
           "moving_average_num_updates": moving_average(tf, True), "external": external(tf)}
    for key in OPTS:
        out["dense/" + key] = run(tf, dense_problem, key)
        out["dense64/" + key] = run(tf, dense_problem, key, np.float64)
        out["resource/" + key] = run(tf, dense_problem, key, use_resource=True)
        if key not in DENSE_ONLY:
            out["sparse/" + key] = run(tf, sparse_problem, key)
            out["sparse_resource/" + key] = run(tf, sparse_problem, key, use_resource=True)
    return out
