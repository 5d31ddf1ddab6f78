"""DANN gradient reversal builder, compute_gradients with None gradients,
clip_by_global_norm, dropout after training."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(99)
np.set_printoptions(precision=5, suppress=True)


class FlipGradientBuilder(object):
    def __init__(self):
        self.num_calls = 0

    def __call__(self, x, lam=1.0):
        grad_name = "FlipGradient%d" % self.num_calls

        @tf.RegisterGradient(grad_name)
        def _flip_gradients(op, grad):
            return [tf.negative(grad) * lam]

        g = tf.get_default_graph()
        with g.gradient_override_map({"Identity": grad_name}):
            y = tf.identity(x)
        self.num_calls += 1
        return y


flip_gradient = FlipGradientBuilder()
rng = np.random.RandomState(1)
Xs = rng.randn(16, 4).astype(np.float32)
Ys = rng.randint(0, 2, 16)
D = np.r_[np.zeros(8), np.ones(8)].astype(np.int64)
x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.int64, [None])
d = tf.placeholder(tf.int64, [None])
lam = tf.placeholder(tf.float32, [])
with tf.variable_scope("feat"):
    f = tf.layers.dense(x, 6, activation=tf.nn.relu)
with tf.variable_scope("label"):
    yl = tf.layers.dense(f, 2)
with tf.variable_scope("domain"):
    fr = flip_gradient(f, lam)
    dl = tf.layers.dense(tf.layers.dense(fr, 5, activation=tf.nn.relu), 2)
    unused = tf.get_variable("unused", [3])
pred_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=yl))
dom_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=d, logits=dl))
total = pred_loss + dom_loss
opt = tf.train.MomentumOptimizer(0.05, 0.9)
gvs = opt.compute_gradients(total)
print([(gr is None, v.name) for gr, v in gvs])
grads, vars_ = zip(*gvs)
clipped, gn = tf.clip_by_global_norm(grads, 0.5)
train = opt.apply_gradients([(gr, v) for gr, v in zip(clipped, vars_) if gr is not None])
drop = tf.nn.dropout(f, 0.7)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        _, a, b, n = s.run([train, pred_loss, dom_loss, gn], {x: Xs, y: Ys, d: D, lam: 0.3})
        print(i, "%.5f %.5f %.5f" % (a, b, n))
    print(s.run(drop, {x: Xs[:2]}))
