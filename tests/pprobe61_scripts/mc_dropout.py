"""MC dropout (Gal & Ghahramani) as TF1 repos write it: a small MLP with tf.nn.dropout (seeded,
keep_prob fed) and tf.layers.dropout(training=True) trained a few steps, then T stochastic
forward passes at test time give a predictive mean and variance; also dropout's shape check
errors and the op names it makes."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2019)
X = np.linspace(-2.0, 2.0, 24).reshape(-1, 1).astype(np.float32)
Y = (X * X * X - X + 0.1 * np.random.randn(24, 1)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 1], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
keep = tf.placeholder_with_default(0.9, [], name="keep_prob")
init = tf.glorot_normal_initializer(seed=5)
h1 = tf.layers.dense(x, 32, tf.nn.relu, kernel_initializer=init, name="h1")
d1 = tf.nn.dropout(h1, keep_prob=keep, seed=10)
h2 = tf.layers.dense(d1, 32, tf.nn.relu, kernel_initializer=init, name="h2")
d2 = tf.layers.dropout(h2, rate=0.1, training=True, seed=11, name="drop2")
pred = tf.layers.dense(d2, 1, kernel_initializer=init, name="out")
loss = tf.losses.mean_squared_error(y, pred)
train = tf.train.RMSPropOptimizer(0.01).minimize(loss)
print("dropout ops", [op.name for op in tf.get_default_graph().get_operations()
                      if op.name.startswith("dropout") or op.name.startswith("drop2")])
print("ops", len(tf.get_default_graph().get_operations()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(8):
        _, lv = sess.run([train, loss], {x: X, y: Y})
        print("step", step, repr(lv))
    xt = np.array([[-3.0], [0.0], [3.0]], np.float32)
    T = 10
    outs = np.stack([sess.run(pred, {x: xt, keep: 0.5}) for _ in range(T)])
    print("mc mean", outs.mean(0).ravel().tolist())
    print("mc var", outs.var(0).ravel().tolist())
    det = sess.run(pred, {x: xt, keep: 1.0})
    print("keep 1.0 pass", det.ravel().tolist())
    shared = tf.nn.dropout(tf.ones([2, 4]), 0.5, noise_shape=[2, 1], seed=3)
    print("noise_shape", sess.run(shared).tolist())
    print("rate", sess.run(tf.nn.dropout(tf.ones([6]), rate=0.25, seed=4)).tolist())

for bad in (0.0, 1.5):
    try:
        tf.nn.dropout(tf.ones([3]), keep_prob=bad)
    except ValueError as e:
        print("ValueError", e)
try:
    tf.nn.dropout(tf.ones([3]), keep_prob=0.5, rate=0.5)
except ValueError as e:
    print("ValueError", e)
