"""MAML on sinusoid regression in the style of cbfinn/maml: a 1-40-40-1 ReLU net's weights in a
dict, two inner SGD steps by tf.gradients on each task's support set, the query losses averaged
over a batch of tasks; the second-order meta-gradient and the first-order variant (the inner
gradients through tf.stop_gradient), each applied by its own Adam to the same meta-parameters;
op counts, meta-losses and a hash of the trained weights."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(2201)
rs = np.random.RandomState(2202)
K, T, STEPS, ALPHA = 5, 3, 2, 0.01


def sample_tasks():
    amp = rs.uniform(0.1, 5.0, (T, 1, 1))
    ph = rs.uniform(0.0, np.pi, (T, 1, 1))
    x = rs.uniform(-5.0, 5.0, (T, 2 * K, 1))
    y = amp * np.sin(x - ph)
    return x[:, :K].astype(np.float32), y[:, :K].astype(np.float32), \
        x[:, K:].astype(np.float32), y[:, K:].astype(np.float32)


init = tf.truncated_normal_initializer(stddev=0.01, seed=7)
with tf.variable_scope("model"):
    weights = {
        "w1": tf.get_variable("w1", [1, 40], initializer=init),
        "b1": tf.get_variable("b1", [40], initializer=tf.zeros_initializer()),
        "w2": tf.get_variable("w2", [40, 40], initializer=init),
        "b2": tf.get_variable("b2", [40], initializer=tf.zeros_initializer()),
        "w3": tf.get_variable("w3", [40, 1], initializer=init),
        "b3": tf.get_variable("b3", [1], initializer=tf.zeros_initializer()),
    }


def forward(x, w):
    h = tf.nn.relu(tf.matmul(x, w["w1"]) + w["b1"])
    h = tf.nn.relu(tf.matmul(h, w["w2"]) + w["b2"])
    return tf.matmul(h, w["w3"]) + w["b3"]


def mse(pred, y):
    return tf.reduce_mean(tf.square(pred - y))


xa = tf.placeholder(tf.float32, [T, K, 1], "xa")
ya = tf.placeholder(tf.float32, [T, K, 1], "ya")
xb = tf.placeholder(tf.float32, [T, K, 1], "xb")
yb = tf.placeholder(tf.float32, [T, K, 1], "yb")


def meta_loss(first_order):
    losses, pre = [], []
    for t in range(T):
        fast = dict(weights)
        for s in range(STEPS):
            loss = mse(forward(xa[t], fast), ya[t])
            if s == 0:
                pre.append(mse(forward(xb[t], fast), yb[t]))
            keys = sorted(fast)
            grads = tf.gradients(loss, [fast[k] for k in keys])
            if first_order:
                grads = [tf.stop_gradient(g) for g in grads]
            fast = {k: fast[k] - ALPHA * g for k, g in zip(keys, grads)}
        losses.append(mse(forward(xb[t], fast), yb[t]))
    return tf.add_n(pre) / T, tf.add_n(losses) / T


with tf.name_scope("second"):
    pre2, post2 = meta_loss(False)
    opt2 = tf.train.AdamOptimizer(0.001, name="Meta2")
    gv2 = opt2.compute_gradients(post2, var_list=list(weights.values()))
    train2 = opt2.apply_gradients(gv2)
n2 = len(tf.get_default_graph().get_operations())
with tf.name_scope("first"):
    pre1, post1 = meta_loss(True)
    train1 = tf.train.AdamOptimizer(0.001, name="Meta1").minimize(post1)
g = tf.get_default_graph()
print(n2, len(g.get_operations()), sum(op.type == "MatMul" for op in g.get_operations()))
print(sorted(v.op.name for v in tf.global_variables())[:8])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(12):
        a, b, c, d = sample_tasks()
        fd = {xa: a, ya: b, xb: c, yb: d}
        l0, l1 = sess.run([pre2, post2], fd)
        gvals = sess.run([gg for gg, _ in gv2], fd)
        sess.run(train2 if it % 2 == 0 else train1, fd)
        if it % 3 == 0:
            print(it, repr(l0), repr(l1), repr(sum(float(np.sum(x * x)) for x in gvals)))
    a, b, c, d = sample_tasks()
    fd = {xa: a, ya: b, xb: c, yb: d}
    print([repr(v) for v in sess.run([pre1, post1, pre2, post2], fd)])
    w = sess.run(weights)
    print(hashlib.sha1(b"".join(w[k].tobytes() for k in sorted(w))).hexdigest())
    print(w["b3"].tolist(), w["w3"][:4, 0].tolist())
