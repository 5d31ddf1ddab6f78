"""tf.nn.fractional_max_pool / fractional_avg_pool against TF 1.14
(tests/golden/core/gen_fractional_pool.py): TF's seeded random and pseudo-random sequences,
outputs, gradients and ops."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

fp_cases = goldens.generator("core", "fractional_pool")
GOLDEN = goldens.load("core", "fractional_pool")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, dict):
        for k in want:
            _same(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, str):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype and got.shape == np.shape(want), where
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=where)


def test_matches_tf114():
    with tf.Graph().as_default():
        got = fp_cases.build(tf)
    _same(got, GOLDEN["build"], "build")


def test_unseeded_sequences_are_valid():
    with tf.Graph().as_default():
        x = tf.constant(np.arange(70.0).reshape(1, 7, 10, 1))
        y, rows, cols = tf.nn.fractional_max_pool(x, [1.0, 1.5, 1.5, 1.0])
        with tf.Session() as sess:
            r, c = sess.run([rows, cols])
        assert r[0] == 0 and r[-1] == 7 and set(np.diff(r)) <= {1, 2}
        assert c[0] == 0 and c[-1] == 10 and set(np.diff(c)) <= {1, 2}
        with pytest.raises(Exception, match="Both seed and seed2 should be 0"):
            tf.Session().run(tf.nn.fractional_avg_pool(x, [1.0, 1.5, 1.5, 1.0], seed=1)[0])


def test_deterministic_without_seeds_pools_alike_every_run():
    # TF draws the seeds once, when it builds the kernel: each run of a session gives the
    # same sequences (the first, interpreted run included), a new session others
    with tf.Graph().as_default():
        x = tf.constant(np.random.RandomState(1).rand(2, 9, 10, 2).astype(np.float32))
        _, rows, cols = tf.nn.fractional_max_pool(x, [1.0, 2.0, 1.5, 1.0], deterministic=True)
        with tf.Session() as sess:
            runs = [sess.run([rows, cols]) for _ in range(4)]
        for r, c in runs[1:]:
            np.testing.assert_array_equal(r, runs[0][0])
            np.testing.assert_array_equal(c, runs[0][1])


BITS_CASES = goldens.generator("core", "fractional_pool_grad_bits")
BITS = goldens.load("core", "fractional_pool_grad_bits")


def test_grad_bits_match_tf114():
    # overlapping regions: a shared maximum takes its outputs' gradients added in T (not
    # summed in double); the average pool's gradient is double(dy) / double(n)
    with tf.Graph().as_default():
        got = BITS_CASES.build(tf)
    want = BITS["grads"]
    assert len(got) == len(want) == 8
    for i, (g, w) in enumerate(zip(got, want)):
        dt = np.float32 if i < 4 else np.float64
        np.testing.assert_array_equal(np.asarray(g, dt).view(np.uint8),
                                      np.asarray(w, dt).view(np.uint8), err_msg=str(i))
