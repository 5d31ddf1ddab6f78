"""Optimizer updates that compute into the gradient's buffer (numpy backend `scratch`):
ApplyGradientDescent and ApplyMomentum overwrite their gradient input where the memory
plan finds it read by the update alone, last, as a fresh array (a MatMul's or a ufunc's
result). The variables must come out the same bits as without the memory plan
(RewriterConfig NO_MEM_OPT), and a gradient anyone else reads must be left intact.
"""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.train import training_ops

NO_MEM = tf.ConfigProto(graph_options=tf.GraphOptions(
    rewrite_options=tf.RewriterConfig(memory_optimization=tf.RewriterConfig.NO_MEM_OPT)))


def _mlp(opt):
    tf.reset_default_graph()
    rng = np.random.RandomState(0)
    x = tf.constant(rng.randn(16, 12).astype(np.float32))
    y = tf.constant(rng.randint(0, 5, 16).astype(np.int64))
    w1 = tf.Variable(rng.randn(12, 20).astype(np.float32) * 0.3)
    b1 = tf.Variable(np.zeros(20, np.float32))
    w2 = tf.Variable(rng.randn(20, 5).astype(np.float32) * 0.3)
    h = tf.nn.relu(tf.matmul(x, w1) + b1)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=y, logits=tf.matmul(h, w2)))
    return opt().minimize(loss), [w1, b1, w2]


def _train(opt, config, steps=3):
    step, vs = _mlp(opt)
    with tf.Session(config=config) as s:
        s.run(tf.global_variables_initializer())
        for _ in range(steps):   # the first run interprets the plan, later ones compile it
            s.run(step)
        return s.run(vs)


@pytest.mark.parametrize("opt", [
    lambda: tf.train.GradientDescentOptimizer(0.1),
    lambda: tf.train.MomentumOptimizer(0.1, 0.9),
    lambda: tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
], ids=["sgd", "momentum", "nesterov"])
def test_scratch_updates_equal_plain(opt):
    got = _train(opt, None)
    plain = _train(opt, NO_MEM)
    for g, p in zip(got, plain):
        np.testing.assert_array_equal(g, p)


def test_scratch_rules_equal_plain_rules():
    rng = np.random.RandomState(1)
    lr, mom = np.float32(0.05), np.float32(0.9)
    var, grad, acc = (rng.randn(7, 9).astype(np.float32) for _ in range(3))
    v1, v2 = var.copy(), var.copy()
    training_ops._gradient_descent(v1, lr, grad.copy())
    training_ops._gradient_descent_into(v2, lr, grad.copy())
    np.testing.assert_array_equal(v1, v2)
    v1, v2, a1, a2 = var.copy(), var.copy(), acc.copy(), acc.copy()
    training_ops._momentum(v1, a1, lr, grad.copy(), mom)
    g = grad.copy()
    training_ops._momentum_into(v2, a2, lr, g, mom)
    np.testing.assert_array_equal(v1, v2)
    np.testing.assert_array_equal(a1, a2)
    assert not np.array_equal(g, grad)   # its buffer was the scratch


@pytest.mark.parametrize("opt,op_type", [
    (lambda: tf.train.GradientDescentOptimizer(0.1), "ApplyGradientDescent"),
    (lambda: tf.train.MomentumOptimizer(0.1, 0.9), "ApplyMomentum"),
])
def test_plan_gives_matmul_gradients_as_scratch(opt, op_type):
    step, _ = _mlp(opt)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        call = s.make_callable(step)
        for _ in range(3):
            call()
        compiled = call.plan.compiled
        scratch = compiled.analysis.scratch
        marked = [compiled.program.nodes[i].type for i in scratch]
    # w1's and w2's gradients are MatMuls read by their update alone; b1's is a Sum
    assert marked.count(op_type) == 2, marked
    with tf.Session(config=NO_MEM) as s:
        s.run(tf.global_variables_initializer())
        call = s.make_callable(step)
        for _ in range(3):
            call()
        assert not call.plan.compiled.analysis.scratch


def test_gradient_read_elsewhere_is_not_overwritten():
    """A gradient that is also fetched (or read by another op) keeps its values."""
    tf.reset_default_graph()
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    w = tf.Variable(np.ones((3, 4), np.float32))
    loss = tf.reduce_sum(tf.matmul(x, w) ** 2)
    opt = tf.train.GradientDescentOptimizer(0.01)
    (g, v), = opt.compute_gradients(loss, [w])
    step = opt.apply_gradients([(g, v)])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        want = s.run(g)
        for _ in range(3):
            s.run(tf.assign(w, np.ones((3, 4), np.float32)))
            got, _ = s.run([g, step])
            np.testing.assert_array_equal(got, want)
