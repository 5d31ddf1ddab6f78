"""The probe programs of tests/pprobe79_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe79_scripts.py): whole seeded TF1 programs of scientific
computing and classical ML: tf.contrib.opt.ScipyOptimizerInterface with L-BFGS-B bounds,
callbacks and fetches and SLSQP with equalities / inequalities (scipy_opt.py),
Gaussian-process regression through cholesky, cholesky_solve and matrix_triangular_solve
with Adam over log hyperparameters (gp_regression.py), odeint with a gradient through the
solver and k-means by hand and by tf.contrib.factorization.KMeans (ode_kmeans.py),
logistic regression with tf.contrib.metrics' streaming metrics (logreg_metrics.py), and the
corners: odeint's full_output and odeint_fixed, tf.contrib.factorization.gmm, cosine KMeans,
the PR-curve AUC, streaming_concat's max_size, Pearson and mean IoU, CG over two variables
(solvers_metrics_extra.py).

All of them matched TF on the base commit (0a1c0189): they stay as regression guards.
(ode_kmeans.py fetches the odeint gradient in a run of its own: fetched beside the train
op, TF 1.14's backprop loop reads the reference variable's buffer while the other
gradient's ApplyGradientDescent changes it, and the oracle printed a different value
each run; so did a mini-batch KMeans, which solvers_metrics_extra.py leaves out.)"""

import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe79_scripts")
GOLD = load("seeded", "pprobe79_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


@pytest.mark.xfail(strict=True, reason=(
    "TF 1.14's arithmetic optimizer rewrites each dopri5 stage `y0 + AddN((dt*b)*k, ...)` "
    "inside odeint's while-loop body into one AddN of the loop variable and the terms "
    "(ArithmeticOptimizer/AddOpsRewrite_add_3 ... reading while/Switch_1:1 once the "
    "dependency optimizer has removed while/Identity_1; tf_optimizer.OptimizeGraph shows "
    "it). flowgrad's engine/optimize/add_ops_rewrite.py (_rewrite) skips a group with a "
    "leaf that has no NodeDef name (`not all(map(sort_key, vs))`), which the body plan's "
    "loop-variable feed (a LoopVar, TF's while/Identity_k) is, so the stages are summed "
    "as written: the float32 first-step error estimate (y1_error bits 3125631010 vs TF's "
    "3125631036; both 3125631008 with the arithmetic optimizer off) and everything "
    "after it differ in the last bits"))
def test_float32_odeint_stages_sum_as_one_addn_in_the_loop_body():
    # TF 1.14 on an AMD EPYC (the oracle): y(1) and the first two error ratios, as bits
    with tf.Graph().as_default():
        y, info = tf.contrib.integrate.odeint(lambda y, t: -y, tf.constant([1.0]),
                                              tf.constant([0.0, 1.0]), full_output=True)
        with tf.Session() as sess:
            yv, ratio = sess.run([y, info["error_ratio"]])
    assert yv.view(np.uint32).ravel().tolist() == [1065353216, 1052531382]
    assert ratio[:2].view(np.uint32).tolist() == [1145296109, 1055124877]
