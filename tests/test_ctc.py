"""CTC against TF 1.14 (tests/golden/seq/gen_ctc.py): tf.nn.ctc_loss values, gradients,
options and errors; ctc_beam_search_decoder(_v2) and ctc_greedy_decoder outputs and errors;
plus numerical checks of the CTCLoss kernel's gradient in float64."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.ops.ctc import ctc_loss_and_grad

GOLD = goldens.load("seq", "ctc")
GEN = goldens.generator("seq", "ctc")


def _first(message):
    return message.split("\n")[0].split(" and with input tensors computed as partial")[0] \
        .rstrip(".")


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
    elif isinstance(exp, (str, bytes, bool)) or exp is None:
        assert got == exp, f"{path}: {got!r} != {exp!r}"
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        np.testing.assert_allclose(got, exp, rtol=2e-5, atol=2e-5, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name)


def _numeric_grad(x, labels, seq, merge, eps=1e-6):
    num = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        lp = ctc_loss_and_grad(xp, labels, seq, merge)[0].sum()
        lm = ctc_loss_and_grad(xm, labels, seq, merge)[0].sum()
        num[i] = (lp - lm) / (2 * eps)
    return num


@pytest.mark.parametrize("merge", [True, False])
def test_kernel_gradient_numeric_float64(merge):
    """The fused gradient is the derivative of the loss (float64 kernel, finite differences),
    with mixed sequence lengths and repeated labels."""
    rng = np.random.RandomState(3)
    x = rng.randn(7, 3, 4)
    labels = [[0, 0, 1], [2], [1, 2]]
    seq = np.array([7, 4, 5])
    loss, grad = ctc_loss_and_grad(x, labels, seq, merge)
    assert np.all(np.isfinite(loss))
    np.testing.assert_allclose(grad, _numeric_grad(x, labels, seq, merge), rtol=1e-6,
                               atol=1e-7)
    assert np.all(grad[5:, 1] == 0) and np.all(grad[5:, 2] == 0)


def test_kernel_matches_brute_force():
    """-log of the summed probability of every path that collapses to the labels."""
    import itertools
    rng = np.random.RandomState(4)
    x = rng.randn(4, 1, 3)
    y = np.exp(x[:, 0]) / np.exp(x[:, 0]).sum(axis=1, keepdims=True)
    for merge in (True, False):
        for target in ([0], [0, 1], [1, 1]):
            total = 0.0
            for path in itertools.product(range(3), repeat=4):
                out, prev = [], None
                for c in path:
                    if c != 2 and (not merge or c != prev):
                        out.append(c)
                    prev = c
                if out == target:
                    total += np.prod([y[t, c] for t, c in enumerate(path)])
            loss = ctc_loss_and_grad(x, [target], np.array([4]), merge)[0][0]
            assert loss == pytest.approx(-np.log(total), rel=1e-12)


def test_ctc_loss_trains():
    """A few steps of gradient descent on the logits lower the loss (the gradient's sign)."""
    rng = np.random.RandomState(0)
    with tf.Graph().as_default():
        v = tf.Variable(rng.randn(6, 2, 4).astype(np.float32))
        labels = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 2, 0], [2, 2])
        loss = tf.reduce_mean(tf.nn.ctc_loss(labels, v, [6, 5]))
        step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            first = s.run(loss)
            for _ in range(20):
                s.run(step)
            assert s.run(loss) < first * 0.5
