"""Grappler's shapes of what a FIFOQueue dequeues, and the AddN AddOpsRewrite makes (or
not) of them, on the machine that made this golden (its CPU vendor recorded: the test
runs flowgrad with FLOWGRAD_CPU set to it).

A WaveNet fast-generation step (pprobe46's wavenet_mulaw_queues): each layer dequeues
the input `dilation` steps back from a FIFOQueue of shapes [(1, R)] and enqueues its
current input in the same run; the output is the skip sum `sum(skips)` of MatMuls of
`tanh(matmul(p, W) + matmul(cur, W'))`. Grappler's GraphProperties gives the queue the
shapes of its attr, relaxed to their union with what each enqueue of the graph enqueues
(UpdateQueue, UpdateEnqueue), and QueueDequeueV2 those shapes:
- `fed_*`: the current input comes from a fed placeholder (a shape Grappler does not
  know): the dequeues' shapes are unknown, each MatMul's batch dim its own symbol, and
  the skip sum stays as written (add_10 .. add_14, no AddN);
- `var_*`: from a Variable ([1, R] known): the dequeues are [1, R] and AddOpsRewrite
  makes `AddN(MatMul_11, MatMul_2, MatMul_5, MatMul_8) + MatMul_14`.
The queues are filled by an enqueue_many run before (not in the step's graph).
Read by tests/test_queue_shapes.py.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor

R = 32


def _step(tf, seed, fed):
    rs = np.random.RandomState(seed)
    w = [tf.constant(rs.randn(R, R).astype(np.float32)) for _ in range(10)]
    start = rs.randn(1, R).astype(np.float32)
    s_in = tf.placeholder(tf.float32, [1, R]) if fed else tf.Variable(start)
    init, push, skips = [], [], []
    cur = tf.tanh(s_in)
    for i in range(5):
        q = tf.FIFOQueue(2, tf.float32, shapes=(1, R), name="q%d" % i)
        init.append(q.enqueue_many(tf.constant(rs.randn(2, 1, R).astype(np.float32))))
        p = q.dequeue()
        push.append(q.enqueue(cur))
        z = tf.tanh(tf.matmul(p, w[2 * i]) + tf.matmul(cur, w[2 * i + 1]))
        skips.append(tf.matmul(z, w[i]))
        cur = cur + z
    out = sum(skips)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(init)
        got = []
        for _ in range(2):
            got.append(sess.run([out] + push, {s_in: start} if fed else {})[0])
        return got


def cases(tf):
    out = {"vendor": host_vendor()}
    for seed in (1, 2, 3):
        for fed in (True, False):
            with tf.Graph().as_default():
                out["%s_%d" % ("fed" if fed else "var", seed)] = _step(tf, seed, fed)
    return out
