"""The optimizers' float32 updates against TF 1.14 bit for bit (golden
train/prl_update_bits): Eigen's Sqrt and Rsqrt packets from the flat variable's start,
from each row's start in the sparse kernels, from each of ApplyAdam's shards."""
import inspect
import re

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.train import training_ops
from goldens import generator, load

GOLD = load("train", "prl_update_bits")["update_bits"]
GEN = generator("train", "prl_update_bits")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bits(key):
    kind, name = key.split("_", 1)
    got = GEN.run(tf, name, kind == "sparse")
    assert len(got) == len(GOLD[key])
    for i, (g, w) in enumerate(zip(got, GOLD[key])):
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d] %s" % (key, i, g.shape))


@pytest.mark.parametrize("n, threads, size", [
    (7, 2, 7), (70, 2, 70), (71, 2, 13), (75, 2, 13), (407, 2, 51), (407, 1, 407),
    (1001, 3, 84), (16383, 4, 1024)])
def test_adam_shards(n, threads, size):
    # Eigen's parallelFor: one shard below ~71 values (cost model), else max(n / (4
    # threads), the task size) grown while the pool's efficiency does not drop
    assert training_ops._adam_shard_size(n, threads) == size


def _calls_sqrt(fn, seen=()):
    """Whether fn, or a training_ops helper it calls, calls _sqrt, _rsqrt or _adam_sqrt."""
    src = inspect.getsource(fn)
    if re.search(r"\b_(r?sqrt|adam_sqrt)\b", src):
        return True
    for name in set(re.findall(r"\b(_\w+)\(", src)) - set(seen) - {fn.__name__}:
        f = getattr(training_ops, name, None)
        if inspect.isfunction(f) and f.__module__ == training_ops.__name__ and \
                _calls_sqrt(f, seen + (fn.__name__,)):
            return True
    return False


def test_every_dense_rule_with_a_sqrt_gets_the_flat_variable():
    dense = {op: r for op, r in training_ops._RULES.items() if not op.startswith("Sparse")}
    with_sqrt = {op for op, r in dense.items() if _calls_sqrt(r)}
    assert {"ApplyAdam", "ApplyRMSProp", "ApplyFtrl", "ApplyAdagradDA"} <= with_sqrt
    assert {op for op in with_sqrt if dense[op] not in training_ops._EIGEN_RULES} == set()


def test_sparse_update_of_no_rows():
    # (an embedding partition no id of the batch falls in: TF's kernel updates nothing)
    with tf.Graph().as_default():
        v = tf.Variable(np.ones((4, 3), np.float32))
        acc = tf.Variable(np.full((4, 3), 0.1, np.float32))
        step = training_ops.sparse_apply_adagrad(v, acc, 0.1, np.zeros((0, 3), np.float32),
                                                 np.zeros(0, np.int64))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(sess.run(step), np.ones((4, 3), np.float32))
