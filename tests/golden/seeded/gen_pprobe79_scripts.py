"""What the probe programs in tests/pprobe79_scripts print under TF 1.14: whole seeded TF1
programs of scientific computing and classical ML: tf.contrib.opt.ScipyOptimizerInterface
(L-BFGS-B with var_to_bounds, loss_callback / step_callback and fetches, SLSQP with an
equality and an inequality; needs scipy in the oracle: scipy 1.4.1, values rounded as
scipy's iterations move across its versions), Gaussian-process regression (an RBF kernel,
cholesky, cholesky_solve, matrix_triangular_solve, the log marginal likelihood under Adam
over log hyperparameters), tf.contrib.integrate.odeint with a gradient through the solver,
k-means by hand (argmin, unsorted_segment_sum) and tf.contrib.factorization.KMeans,
logistic regression with tf.contrib.metrics' streaming metrics. Values at full precision
elsewhere. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe79_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
