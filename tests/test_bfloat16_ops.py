"""TF 1.14's bfloat16 results on CPU for the ops test_bfloat16_arith.py does not cover, bit for
bit (tests/golden/math/gen_bfloat16_ops.py, made on the host it records: flowgrad runs with
FLOWGRAD_CPU set to it): Sigmoid and the unary functors Eigen evaluates step by step in
bfloat16, Softmax, Conv2D, BatchMatMul, Max / Min / ArgMax, bit copies, AddN with many inputs,
casts, Cumprod, segment sums, L2Loss, pools, FusedBatchNorm, Conv3D, Dilation2D, Cross; and
TF's placer error for a bfloat16 Less / LessEqual (two CPU kernels registered)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "bfloat16_ops")
GOLD = goldens.load("math", "bfloat16_ops")


@pytest.fixture(scope="module")
def results():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["host"])
    try:
        with tf.Graph().as_default(), tf.Session() as sess:
            t = GEN.build(tf)
            names = sorted(t)
            vals = sess.run([tf.bitcast(t[k], tf.uint16) if t[k].dtype == tf.bfloat16 else t[k]
                             for k in names])
        return dict(zip(names, vals))
    finally:
        mp.undo()


@pytest.mark.parametrize("case", sorted(k for k in GOLD if k not in ("host", "errors")))
def test_bits_are_tf(results, case):
    got, want = np.asarray(results[case]), np.asarray(GOLD[case])
    assert got.shape == want.shape and got.dtype == want.dtype
    g = got.view(np.uint16 if got.dtype.itemsize == 2 else got.dtype).ravel()
    w = want.view(g.dtype).ravel()
    bad = np.flatnonzero(g != w)
    assert bad.size == 0, (f"{bad.size} of {w.size} differ, first at {bad[0]}: "
                           f"{g[bad[0]]} vs TF {w[bad[0]]}")


def test_less_of_bfloat16_fails_every_run_as_tf():
    """TF's "defined at" holds the path the generator ran from, flowgrad's the file name."""
    got = {k: goldens.GoldenError.of(e) for k, e in GEN.less_errors(tf).items()}
    want = {k: goldens.GoldenError(e.cls, e.message.replace("tests/golden/math/", ""))
            for k, e in GOLD["errors"].items()}
    assert got == want
