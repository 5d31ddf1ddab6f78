"""float16 Asinh, Atanh and Rint at every flat position of tensors of 1 to 257 elements, to
TF 1.14's bits (tests/golden/math/gen_half_packet_lanes.py, made on an Intel Xeon with AVX):
on Asinh's packet part (the first 8 * (n // 8) elements) the odd indices are x's signed zero,
on Rint's 4-packet unrolled part (the first 32 * (n // 32)) they round down
(engine/ops/eigen_math.half_asinh, half_rint); Atanh is the same at every position."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "half_packet_lanes")
WANT = goldens.load("math", "half_packet_lanes")


@pytest.fixture(autouse=True)
def _intel_host(monkeypatch):
    # the golden was made on an Intel Xeon (its "vendor" case)
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["vendor"])


@pytest.fixture(scope="module")
def got():
    out = {}
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float16, [None])
        ts = [getattr(tf.math, name)(p) for name in GEN.OPS]
        with tf.Session() as sess:
            for n in GEN.SIZES:
                for shift in (0, 1):
                    for name, r in zip(GEN.OPS, sess.run(ts, {p: GEN.inputs(n, shift)})):
                        out["%s/%d/%d" % (name, n, shift)] = r.view(np.uint16).tolist()
    return out


def _nan_in_asinh_packets(key):
    """The flat indices where Asinh's input is NaN inside the packet part: TF gives NaN
    below 16 elements, else a zero whose sign depends on the executor's loop (-0 at index
    39 of 47 elements, +0 elsewhere in this golden): compared as 'NaN or a zero'."""
    name, n, shift = key.split("/")
    if name != "asinh":
        return []
    n = int(n)
    x = GEN.inputs(n, int(shift))
    return [i for i in range(8 * (n // 8)) if np.isnan(x[i])]


@pytest.mark.parametrize("name", GEN.OPS)
def test_every_position_matches_tf(got, name):
    keys = [k for k in WANT if k.startswith(name + "/")]
    assert len(keys) == 2 * len(GEN.SIZES)
    loose = {k: _nan_in_asinh_packets(k) for k in keys}
    for k in keys:
        for i in loose[k]:
            g, w = (np.array([v[k][i]], np.uint16).view(np.float16)[0] for v in (got, WANT))
            assert np.isnan(g) == np.isnan(w) and (np.isnan(g) or g == w == 0), (k, i)
    strict = {k: [b for i, b in enumerate(got[k]) if i not in loose[k]] for k in keys}
    assert strict == {k: [b for i, b in enumerate(WANT[k]) if i not in loose[k]] for k in keys}


def test_asinh_odd_packet_lanes_are_signed_zeros():
    # TF 1.14: asinh of eight ones is 0.881, 0, 0.881, 0, ...; seven ones are all 0.881
    x = np.array([1, 1, 1, 1, -3, -3, np.inf, np.inf, 1], np.float16)
    with tf.Graph().as_default(), tf.Session() as sess:
        seven, nine = sess.run([tf.math.asinh(x[:7]), tf.math.asinh(x)])
    assert seven.tolist() == [0.88134765625] * 4 + [-1.818359375] * 2 + [np.inf]
    assert np.array_equal(nine, np.array([0.88134765625, 0, 0.88134765625, 0, -1.818359375,
                                          -0.0, np.inf, np.nan, 0.88134765625], np.float16),
                          equal_nan=True)
    assert np.signbit(nine[5])
