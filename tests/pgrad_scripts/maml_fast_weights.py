"""MAML: second-order gradients through conv2d / dense fast weights, clipped Adam meta-
update."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(42)
np.set_printoptions(precision=5, suppress=True)
rng = np.random.RandomState(1)
xa = rng.randn(4, 6, 6, 1).astype(np.float32)
ya = rng.randn(4, 1).astype(np.float32)
xb = rng.randn(4, 6, 6, 1).astype(np.float32)
yb = rng.randn(4, 1).astype(np.float32)


def forward(x, weights):
    h = tf.nn.conv2d(x, weights["c"], [1, 1, 1, 1], "SAME") + weights["cb"]
    h = tf.nn.relu(h)
    h = tf.reshape(h, [-1, 6 * 6 * 2])
    return tf.matmul(h, weights["w"]) + weights["b"]


with tf.variable_scope("model"):
    weights = {
        "c": tf.get_variable("c", [3, 3, 1, 2], initializer=tf.glorot_uniform_initializer()),
        "cb": tf.get_variable("cb", [2], initializer=tf.zeros_initializer()),
        "w": tf.get_variable("w", [72, 1], initializer=tf.truncated_normal_initializer(stddev=0.1)),
        "b": tf.get_variable("b", [1], initializer=tf.zeros_initializer()),
    }
inp_a = tf.placeholder(tf.float32, [None, 6, 6, 1])
inp_b = tf.placeholder(tf.float32, [None, 6, 6, 1])
lab_a = tf.placeholder(tf.float32, [None, 1])
lab_b = tf.placeholder(tf.float32, [None, 1])
loss_a = tf.reduce_mean(tf.square(forward(inp_a, weights) - lab_a))
keys = sorted(weights)
grads = tf.gradients(loss_a, [weights[k] for k in keys])
fast = {k: weights[k] - 0.01 * g for k, g in zip(keys, grads)}
for step in range(2):
    la = tf.reduce_mean(tf.square(forward(inp_a, fast) - lab_a))
    gs = tf.gradients(la, [fast[k] for k in keys])
    fast = {k: fast[k] - 0.01 * g for k, g in zip(keys, gs)}
loss_b = tf.reduce_mean(tf.square(forward(inp_b, fast) - lab_b))
opt = tf.train.AdamOptimizer(0.001)
gvs = opt.compute_gradients(loss_b)
gvs = [(tf.clip_by_value(g, -10.0, 10.0), v) for g, v in gvs]
train = opt.apply_gradients(gvs)
ops = tf.get_default_graph().get_operations()
print(len(ops))
print(ops[-1].name, [o.name for o in ops if "gradients_3" in o.name][:40])
# dense version
with tf.variable_scope("dense_maml"):
    xd = tf.placeholder(tf.float32, [None, 3])
    yd = tf.layers.dense(xd, 4, activation=tf.nn.tanh, name="l1")
    out = tf.layers.dense(yd, 1, name="l2")
    ld = tf.reduce_mean(tf.square(out))
    tv = tf.trainable_variables("dense_maml")
    gd = tf.gradients(ld, tv)
    fw = [v - 0.1 * g for v, g in zip(tv, gd)]
    h = tf.tanh(tf.matmul(xd, fw[0]) + fw[1])
    o2 = tf.matmul(h, fw[2]) + fw[3]
    meta = tf.reduce_mean(tf.square(o2 - 1.0))
    mg = tf.gradients(meta, tv)
print(len(tf.get_default_graph().get_operations()))
n = tf.random_uniform([4])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    feed = {inp_a: xa, inp_b: xb, lab_a: ya, lab_b: yb}
    for i in range(3):
        _, lv = s.run([train, loss_b], feed)
        print(i, "%.6f" % lv)
    xv = rng.randn(5, 3).astype(np.float32)
    print(s.run(mg, {xd: xv}))
    print(s.run(n))
