"""TF 1.14's bfloat16 arithmetic on CPU, bit for bit (tests/golden/math/gen_bfloat16_arith.py,
made on the host it records: flowgrad runs with FLOWGRAD_CPU set to it). flowgrad keeps
bfloat16 in float32 storage; each result is rounded to bfloat16 as TF's kernels round it
(engine/ops/bfloat16_kernels.py, registry.dtype_def): elementwise ops, AddN, the Eigen tree
reduction of Sum / Mean / Prod, Cumsum / Cumprod, and MatMul's truncated float32 product."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "bfloat16_arith")
GOLD = goldens.load("math", "bfloat16_arith")


@pytest.fixture(scope="module")
def results():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["host"])
    try:
        out = {}
        with tf.Graph().as_default(), tf.Session() as sess:
            for n in GEN.SIZES:
                t = GEN.build(tf, n)
                names = sorted(t)
                vals = sess.run([tf.bitcast(t[k], tf.uint16) for k in names])
                out.update({f"{k}/{n}": v for k, v in zip(names, vals)})
        return out
    finally:
        mp.undo()


def test_limits_are_tf_bfloat16_scalars():
    assert [tf.bfloat16.min, tf.bfloat16.max] == GOLD["limits"]
    assert tf.float32.min < tf.bfloat16.min < 0 < tf.bfloat16.max < tf.float32.max


@pytest.mark.parametrize("case", sorted(k for k in GOLD if "/" in k))
def test_bits_are_tf(results, case):
    got, want = np.asarray(results[case]), np.asarray(GOLD[case])
    assert got.shape == want.shape
    bad = np.flatnonzero(got.ravel() != want.ravel())
    assert bad.size == 0, (f"{bad.size} of {want.size} differ, first at {bad[0]}: "
                           f"{got.ravel()[bad[0]]:#06x} vs TF {want.ravel()[bad[0]]:#06x}")
