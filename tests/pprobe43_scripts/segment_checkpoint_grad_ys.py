"""Checkpointed backprop written by hand with tf.gradients' grad_ys, the idea behind
openai's gradient-checkpointing: a 6-layer tanh MLP cut into 3 segments at checkpoints;
each segment is rebuilt from tf.stop_gradient(checkpoint) and back-propagated with
tf.gradients(segment_out, [segment_in] + weights, grad_ys=upstream), last to first; the
result is compared with plain tf.gradients and applied with RMSProp. Then
tf.contrib.layers.recompute_grad with tupleize_grads=True and use_data_dep=True on a
two-input block, and its error for a function closing over a Tensor."""
import collections
import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(31)
rng = np.random.RandomState(12)
X = rng.standard_normal((8, 5)).astype(np.float32)
T = rng.standard_normal((8, 5)).astype(np.float32)

Ws = [tf.get_variable("w%d" % i, [5, 5], initializer=tf.orthogonal_initializer(0.9, seed=i))
      for i in range(6)]
Bs = [tf.get_variable("b%d" % i, [5], initializer=tf.zeros_initializer()) for i in range(6)]


def layer(h, i):
    return tf.tanh(tf.matmul(h, Ws[i]) + Bs[i])


x = tf.constant(X, name="x")
t = tf.constant(T, name="t")
h, checkpoints = x, []
for i in range(6):
    h = layer(h, i)
    if i % 2 == 1:
        checkpoints.append(h)
loss = tf.reduce_mean(tf.square(h - t))
full = tf.gradients(loss, Ws + Bs)

with tf.name_scope("ckpt"):
    dy = tf.gradients(loss, checkpoints[-1])[0]
    seg_grads = {}
    for s in (2, 1, 0):
        with tf.name_scope("seg%d" % s):
            hin = tf.stop_gradient(checkpoints[s - 1]) if s else x
            hh = hin
            for i in (2 * s, 2 * s + 1):
                hh = layer(hh, i)
            vs = [Ws[2 * s], Bs[2 * s], Ws[2 * s + 1], Bs[2 * s + 1]]
            gs = tf.gradients(hh, [hin] + vs, grad_ys=dy)
            for v, g in zip(vs, gs[1:]):
                seg_grads[v] = g
            dy = gs[0]
mine = [seg_grads[v] for v in Ws + Bs]
train = tf.train.RMSPropOptimizer(0.01, decay=0.9, momentum=0.5).apply_gradients(
    zip(tf.tuple(mine), Ws + Bs))  # (tf.tuple: the rebuilt segments read the weights)

G = tf.get_default_graph()
print(len(G.get_operations()))
print(sorted(collections.Counter(op.type for op in G.get_operations()).items()))
print([g.name for g in mine])


def block(a, b):
    with tf.variable_scope("blk", use_resource=True):
        w = tf.get_variable("w", [5, 5], initializer=tf.glorot_normal_initializer(seed=8))
        return tf.nn.relu(tf.matmul(a, w)) * b, tf.matmul(b, w)


rblock = tf.contrib.layers.recompute_grad(use_data_dep=True, tupleize_grads=True)(block)
with tf.variable_scope("r"):
    o1, o2 = rblock(x, t)
rloss = tf.reduce_sum(o1 * o2)
rg = tf.gradients(rloss, [x, t] + tf.trainable_variables("r/"))
print(len(G.get_operations()), [g.name for g in rg])


def closing(scale):
    def fn(a):
        return a * scale
    return fn


try:
    tf.contrib.layers.recompute_grad(closing(tf.constant(2.0, name="scale")))
except ValueError as e:
    print("ValueError", e)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    f, m = sess.run([full, mine])
    print([float(np.abs(a - b).max()) for a, b in zip(f, m)])
    for g in m[:6]:
        print(hashlib.sha1(g.tobytes()).hexdigest()[:16])
    for i in range(3):
        lv, _ = sess.run([loss, train])
        print(i, repr(float(lv)))
    for v in sess.run(rg):
        print(repr(v.ravel()[:4].tolist()))
