"""tf.contrib.solvers against TF 1.14 (tests/golden/contrib/gen_solvers.py, made on the host
its case "host" names: float32 MatMul and Sqrt bits depend on the CPU): conjugate_gradient,
cgls, lanczos_bidiag, bidiag_matmul and util on seeded matrices, bit for bit, with every
graph's ops and GraphDef nodes, and TF's errors."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("contrib", "solvers")
GRAPHS = sorted(k for k, v in GOLD.items() if isinstance(v, dict) and "ops" in v)


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["host"])
    try:
        with tf.Graph().as_default():
            return generator("contrib", "solvers").cases(tf)
    finally:
        mp.undo()


def _same(a, b, path):
    if isinstance(a, dict):
        assert sorted(a) == sorted(b), path
        for k in a:
            _same(a[k], b[k], f"{path}/{k}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for k, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}/{k}")
    else:
        x, y = np.asarray(a), np.asarray(b)
        assert (x.dtype, x.shape) == (y.dtype, y.shape), path
        assert x.tobytes() == y.tobytes(), (path, x, y)


@pytest.mark.parametrize("case", GRAPHS)
def test_values(got, case):
    _same(GOLD[case]["values"], got[case]["values"], case)


@pytest.mark.parametrize("case", GRAPHS)
def test_ops(got, case):
    assert got[case]["ops"] == GOLD[case]["ops"]
    assert got[case]["nodes"] == GOLD[case]["nodes"]


def test_iterations_and_structure(got):
    # the cases reach their stopping rules at different steps (a case that stopped at
    # step 0 would test nothing of the loop)
    iters = {k: int(GOLD[k]["values"]["i"]) for k in GRAPHS if "i" in GOLD[k]["values"]}
    assert iters["cg_30_f32_max_iter"] == 5 and iters["cgls_5x9_f64"] == 3
    assert all(i > 0 for i in iters.values())
    assert GOLD["lanczos_6x4_k3_f64"]["values"]["u"].shape == (6, 4)


def test_errors(got):
    assert got["errors"] == GOLD["errors"]


def test_tf_layout():
    S = tf.contrib.solvers
    assert callable(S.linear_equations.conjugate_gradient) and callable(S.least_squares.cgls)
    assert callable(S.lanczos.lanczos_bidiag) and callable(S.lanczos.bidiag_matmul)
    assert callable(S.util.create_operator) and callable(S.util.l2normalize)
