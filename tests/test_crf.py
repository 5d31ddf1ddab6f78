"""tf.contrib.crf against TF 1.14 (tests/golden/seq/gen_crf.py): values and gradients of
the scores, the log partition and the log-likelihood (to the potentials and the
transition parameters), crf_decode, viterbi_decode, the cells, errors; plus a brute-force
check of the log partition function and numerical gradients in float64."""
import itertools

import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("seq", "crf")
GEN = goldens.generator("seq", "crf")


def _first(message):
    return message.split("\n")[0].rstrip(".")


def same(got, exp, path=""):
    if isinstance(exp, goldens.GoldenError):
        assert isinstance(got, BaseException), f"{path}: expected {exp}, got {got!r}"
        g = goldens.GoldenError.of(got)
        assert (g.cls, _first(g.message)) == (exp.cls, _first(exp.message)), path
    elif isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert len(got) == len(exp), f"{path}: {got} != {exp}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same(a, b, f"{path}[{i}]")
    elif isinstance(exp, (str, bytes, bool, int)) or exp is None:
        assert got == exp, f"{path}: {got!r} != {exp!r}"
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        np.testing.assert_allclose(got, exp, rtol=1e-5, atol=1e-5, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name)


def test_log_norm_brute_force():
    """logsumexp over every tag sequence of its score (length 3, 3 tags)."""
    rng = np.random.RandomState(1)
    x, tp = rng.randn(1, 3, 3).astype(np.float32), rng.randn(3, 3).astype(np.float32)
    scores = [x[0, 0, a] + x[0, 1, b] + x[0, 2, c] + tp[a, b] + tp[b, c]
              for a, b, c in itertools.product(range(3), repeat=3)]
    with tf.Graph().as_default():
        ln = tf.contrib.crf.crf_log_norm(tf.constant(x), tf.constant([3]), tf.constant(tp))
        with tf.Session() as s:
            got = s.run(ln)[0]
    assert got == pytest.approx(np.logaddexp.reduce(np.asarray(scores, np.float64)), rel=1e-5)


def test_decode_is_best_sequence():
    rng = np.random.RandomState(2)
    x, tp = rng.randn(2, 4, 3).astype(np.float32), rng.randn(3, 3).astype(np.float32)
    with tf.Graph().as_default():
        dec, best = tf.contrib.crf.crf_decode(tf.constant(x), tf.constant(tp),
                                              tf.constant([4, 2]))
        with tf.Session() as s:
            dec, best = s.run([dec, best])
    for b, n in enumerate([4, 2]):
        cands = {seq: sum(x[b, t, seq[t]] for t in range(n))
                 + sum(tp[seq[t], seq[t + 1]] for t in range(n - 1))
                 for seq in itertools.product(range(3), repeat=n)}
        top = max(cands, key=cands.get)
        assert tuple(dec[b, :n]) == top
        assert best[b] == pytest.approx(cands[top], rel=1e-5)
        seq, score = tf.contrib.crf.viterbi_decode(x[b, :n], tp)
        assert tuple(seq) == top and score == pytest.approx(cands[top], rel=1e-5)


def test_log_likelihood_gradient_numeric():
    """The gradient of the mean log-likelihood w.r.t. the transitions (float32 graph,
    central differences in float64 on the exact log-likelihood)."""
    rng = np.random.RandomState(3)
    x = rng.randn(2, 4, 3)
    tags = np.array([[0, 2, 1, 1], [2, 2, 0, 0]])
    lens = [4, 3]
    tp = rng.randn(3, 3)

    def exact(tp):
        total = 0.0
        for b, n in enumerate(lens):
            def score(seq):
                return sum(x[b, t, seq[t]] for t in range(n)) + \
                    sum(tp[seq[t], seq[t + 1]] for t in range(n - 1))
            z = np.logaddexp.reduce([score(s) for s in itertools.product(range(3), repeat=n)])
            total += score(tags[b, :n]) - z
        return total

    num = np.zeros_like(tp)
    for i in range(3):
        for j in range(3):
            e = np.zeros_like(tp)
            e[i, j] = 1e-6
            num[i, j] = (exact(tp + e) - exact(tp - e)) / 2e-6
    with tf.Graph().as_default():
        t = tf.constant(tp.astype(np.float32))
        ll, _ = tf.contrib.crf.crf_log_likelihood(tf.constant(x.astype(np.float32)),
                                                  tf.constant(tags.astype(np.int32)),
                                                  tf.constant(lens), t)
        g = tf.gradients(tf.reduce_sum(ll), t)[0]
        with tf.Session() as s:
            got = s.run(g)
    np.testing.assert_allclose(got, num, rtol=1e-4, atol=1e-5)
