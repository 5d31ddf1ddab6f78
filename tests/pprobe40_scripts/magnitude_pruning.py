"""Gradual magnitude pruning written the way tf.contrib.model_pruning lays it out, by hand:
non-trainable mask and threshold variables per weight (collections "masks" and
"thresholds"), masked weights kernel * mask in the forward pass of a conv + dense net, the
cubic sparsity schedule (initial 0.0 -> target 0.75 between steps 2 and 10, every 2 steps:
tf.train.polynomial_decay-like arithmetic on the global step), the threshold the k-th
largest |w| by tf.nn.top_k, the mask updates under tf.cond on the pruning frequency
(tf.logical_and, tf.equal of floormod) run after each Adagrad step; weight sparsity through
tf.nn.zero_fraction and tf.count_nonzero, op counts and values at full precision."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4021)
rs = np.random.RandomState(4022)
X = rs.rand(12, 5, 5, 1).astype(np.float32)
Y = (X[:, 1:4, 1:4, 0].sum((1, 2)) > 4.5).astype(np.int32)

gs = tf.train.get_or_create_global_step()
begin, end, freq, target = 2, 10, 2, 0.75


def masked(name, shape, seed):
    with tf.variable_scope(name):
        w = tf.get_variable("weights", shape, initializer=tf.glorot_uniform_initializer(seed=seed))
        m = tf.get_variable("mask", shape, initializer=tf.ones_initializer(), trainable=False)
        t = tf.get_variable("threshold", [], initializer=tf.zeros_initializer(), trainable=False)
        tf.add_to_collection("masks", m)
        tf.add_to_collection("thresholds", t)
        return w, m, t, tf.multiply(w, m, name="masked_weight")


def sparsity():
    p = tf.clip_by_value(tf.cast(gs - begin, tf.float32) / float(end - begin), 0.0, 1.0)
    return tf.add(target, (0.0 - target) * tf.pow(1.0 - p, 3), name="sparsity")


def update(w, m, t, sp):
    a = tf.reshape(tf.abs(w), [-1])
    n = tf.size(a)
    k = tf.maximum(tf.cast(tf.round(tf.cast(n, tf.float32) * (1.0 - sp)), tf.int32), 1)
    vals, _ = tf.nn.top_k(a, k=k, sorted=True)
    thr = vals[k - 1]
    nm = tf.cast(tf.greater_equal(tf.abs(w), thr), tf.float32)
    return tf.group(tf.assign(t, thr), tf.assign(m, nm))


x = tf.constant(X)
cw, cm, ct, cmw = masked("conv", [3, 3, 1, 6], 1)
h = tf.nn.relu(tf.nn.conv2d(x, cmw, [1, 1, 1, 1], "VALID"))
h = tf.reshape(h, [-1, 54])
dw, dm, dt, dmw = masked("fc", [54, 2], 2)
logits = tf.matmul(h, dmw)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=Y, logits=logits))
train = tf.train.AdagradOptimizer(0.3).minimize(loss, global_step=gs)
sp = sparsity()
due = tf.logical_and(tf.greater_equal(gs, begin), tf.equal(tf.floormod(gs, freq), 0))
prune = tf.cond(
    due,
    lambda: tf.group(update(cw, cm, ct, sp), update(dw, dm, dt, sp)),
    lambda: tf.no_op(),
    name="conditional_mask_update",
)
zf = [tf.nn.zero_fraction(cmw), tf.nn.zero_fraction(dmw)]
nnz = [tf.count_nonzero(cm), tf.count_nonzero(dm, dtype=tf.int32)]

g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print(
    "masks",
    [v.name for v in tf.get_collection("masks")],
    [v.name for v in tf.get_collection("thresholds")],
)
print("trainable", [v.name for v in tf.trainable_variables()])
print("topk", sorted(o.name for o in g.get_operations() if o.type == "TopKV2"))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(12):
        lv, spv = s.run([loss, sp])
        s.run(train)
        s.run(prune)  # after the step, as a separate run: no race with the update
        g_, z, n = s.run([gs, zf, nnz])
        print(
            "step",
            i,
            int(g_),
            repr(float(lv)),
            repr(float(spv)),
            [repr(float(v)) for v in z],
            [int(v) for v in n],
        )
    print("thresholds", [repr(float(v)) for v in s.run([ct, dt])])
    print("weights", H(s.run(cw)), H(s.run(dw)), H(s.run(cmw)), H(s.run(dmw)))
    print("masks", H(s.run(cm)), H(s.run(dm)))
    print("final", repr(float(s.run(loss))), s.run(tf.argmax(logits, 1)).tolist())
