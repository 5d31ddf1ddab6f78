"""TF 1.14's gradient ops in multi-device programs: colocate_gradients_with_ops (each op's
gradient ops colocated with it: _class and device), the summed gradients of a tensor read
on several devices (_MultiDeviceAddN: one AddN per device, colocated with its first
gradient, then their sum), the gate_gradients tuple's NoOp outside every device scope,
and a two-tower batch-norm model's gradient ops. tests/test_pmgpu_colocate.py compares."""
from __future__ import absolute_import

import numpy as np


def _ops(tf, prefix):
    return [[o.name, o.type, o.device, [c.decode() for c in o.colocation_groups()],
             [i.name for i in o.inputs]]
            for o in tf.get_default_graph().get_operations() if o.name.startswith(prefix)]


def three_devices(tf, colocate, gate):
    """x read on /gpu:1, /cpu:0 and no device; gradients under /job:localhost."""
    with tf.Graph().as_default():
        x = tf.Variable(2.0, name="x")
        with tf.device("/gpu:1"):
            a = tf.square(x, name="a")
        with tf.device("/cpu:0"):
            b = tf.sin(x, name="b")
        c = tf.sin(x, name="c")
        y = a + b + c
        with tf.device("/job:localhost"):
            g = tf.gradients(y, x, colocate_gradients_with_ops=colocate,
                             gate_gradients=gate)[0]
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as s:
            s.run(x.initializer)
            value = float(s.run(g))
        return [_ops(tf, "gradients"), value]


def towers(tf, colocate):
    """Two towers sharing AUTO_REUSE variables, Momentum's compute_gradients per tower."""
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.constant(np.random.RandomState(0).randn(4, 3).astype(np.float32))
        xs = tf.split(x, 2)
        opt = tf.train.MomentumOptimizer(0.1, 0.9)
        grads = []
        for i in range(2):
            with tf.device("/gpu:%d" % i), tf.name_scope("tower_%d" % i):
                with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
                    w = tf.get_variable("w", [3, 2])
                    bn = tf.layers.batch_normalization(tf.matmul(xs[i], w), training=True)
                loss = tf.reduce_mean(tf.square(bn))
                grads.append(opt.compute_gradients(loss, colocate_gradients_with_ops=colocate))
        with tf.device("/cpu:0"):
            avg = [(tf.add_n([g[j][0] for g in grads]) / 2.0, grads[0][j][1])
                   for j in range(len(grads[0]))]
            train = opt.apply_gradients(avg)
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as s:
            s.run(tf.global_variables_initializer())
            s.run(train)
            w_now = s.run(tf.trainable_variables()[0])
        return [_ops(tf, "tower_1/gradients"), w_now]


def embedding(tf, axis):
    """An embedding on the CPU read on /gpu:0 (Gather's gradient: the params' shape
    colocated with them) and a partial reduce_sum (_SumGrad's shape arithmetic
    colocated with the input's Shape)."""
    with tf.Graph().as_default():
        with tf.device("/cpu:0"):
            emb = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="emb")
        with tf.device("/gpu:0"):
            rows = tf.gather(emb, [1, 2, 1], axis=axis)
            loss = tf.reduce_sum(tf.reduce_sum(rows * rows, axis=1))
            g = tf.gradients(loss, emb)[0]
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as s:
            s.run(emb.initializer)
            value = s.run(tf.convert_to_tensor(g))
        return [_ops(tf, "gradients"), value]


def cases(tf):
    out = {}
    for colocate in (False, True):
        for gate in (False, True):
            out["three_%s_%s" % (colocate, gate)] = three_devices(tf, colocate, gate)
        out["towers_%s" % colocate] = towers(tf, colocate)
    out["embedding_0"] = embedding(tf, 0)
    out["embedding_1"] = embedding(tf, 1)
    return out
