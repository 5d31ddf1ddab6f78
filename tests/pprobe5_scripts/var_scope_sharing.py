"""Weight sharing with variable_scope: a siamese-style encoder called through reuse=True,
tf.make_template, a custom getter that casts, partitioned variables and a scope initializer;
contrastive loss trained with Adagrad."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(101)
rs = np.random.RandomState(102)


def enc(x):
    with tf.variable_scope("enc", initializer=tf.glorot_uniform_initializer(seed=5)):
        w = tf.get_variable("w", [4, 6])
        b = tf.get_variable("b", [6], initializer=tf.constant_initializer(0.1))
        return tf.nn.relu(tf.matmul(x, w) + b)


a = tf.placeholder(tf.float32, [None, 4])
b = tf.placeholder(tf.float32, [None, 4])
same = tf.placeholder(tf.float32, [None])
with tf.variable_scope("siam") as sc:
    ea = enc(a)
    sc.reuse_variables()
    eb = enc(b)
tmpl = tf.make_template(
    "proj", lambda z: tf.layers.dense(z, 3, kernel_initializer=tf.orthogonal_initializer(seed=6))
)
pa, pb = tmpl(ea), tmpl(eb)


def getter(getter, *args, **kw):
    return getter(*args, **kw) * 1.0


with tf.variable_scope("part", partitioner=tf.fixed_size_partitioner(2)):
    pw = tf.get_variable("pw", [6, 3], initializer=tf.truncated_normal_initializer(seed=7))
with tf.variable_scope("cg", custom_getter=getter):
    pw = pw + tf.get_variable(
        "pw2", [6, 3], initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=8)
    )
d = tf.reduce_sum(tf.square(pa - pb + tf.matmul(ea - eb, pw) * 0.1), 1)
loss = tf.reduce_mean(same * d + (1 - same) * tf.square(tf.maximum(0.0, 1.0 - tf.sqrt(d + 1e-6))))
train = tf.train.AdagradOptimizer(0.1).minimize(loss)
print(len(tf.get_default_graph().get_operations()), [v.name for v in tf.trainable_variables()])
A = rs.randn(6, 4).astype(np.float32)
B = A + rs.randn(6, 4).astype(np.float32) * np.array([0.1, 0.1, 0.1, 2, 2, 2], np.float32)[:, None]
S = np.array([1, 1, 1, 0, 0, 0], np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {a: A, b: B, same: S})
        print(i, repr(float(lv)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
