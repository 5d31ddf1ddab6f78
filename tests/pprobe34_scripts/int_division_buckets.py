"""Signed hash bucketing with every integer division of TF 1.14: hashed feature ids (negative
and positive int64 / int32) bucketed by floormod, truncatemod, % and floordiv / truncatediv /
tf.div / //, float floordiv and floormod of negatives (and by negative divisors), the
buckets feeding an embedding trained by Adagrad; then the user errors: integer division by
zero and an integer tf.pow with a negative exponent; op counts and values."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(34)
rs = np.random.RandomState(34)
ids64 = rs.randint(-(10**12), 10**12, size=12).astype(np.int64)
ids32 = np.array([-7, 7, -8, 8, -1, 0, 1, -2147483647, 2147483647, -9, 9, -13], np.int32)
a = tf.constant(ids32, name="a")
b = tf.constant(np.array([3, -3, 3, -3, 2, -5, 5, 7, -7, -4, 4, 5], np.int32), name="b")
with tf.Session() as s:
    outs = s.run(
        {
            "floordiv": tf.floordiv(a, b),
            "truncatediv": tf.truncatediv(a, b),
            "div": tf.div(a, b),
            "slash2": a // b,
            "floormod": tf.floormod(a, b),
            "truncatemod": tf.truncatemod(a, b),
            "pct": a % b,
            "mathmod": tf.math.mod(a, b),
            "mfloordiv": tf.math.floordiv(a, b),
        }
    )
    for k in sorted(outs):
        print(k, outs[k].dtype, outs[k].tolist())
    x64 = tf.constant(ids64)
    r = s.run(
        [
            x64 % 17,
            x64 // -17,
            tf.truncatemod(x64, 17),
            tf.truncatediv(x64, -17),
            tf.floormod(x64, tf.constant(-17, tf.int64)),
        ]
    )
    for v in r:
        print(v.dtype, v.tolist())
    fa = tf.constant([-7.5, 7.5, -0.0, 0.0, -1e-30, 5.0, -5.0, 3.25, -3.25, 1e10], tf.float32)
    fb = tf.constant([2.0, -2.0, 3.0, -3.0, 1.0, -2.5, 2.5, 0.5, -0.75, 7.0], tf.float32)
    r = s.run(
        [
            fa // fb,
            fa % fb,
            tf.floordiv(fa, fb),
            tf.truncatemod(fa, fb),
            tf.div(fa, fb),
            tf.math.floormod(tf.cast(fa, tf.float64), tf.cast(fb, tf.float64)),
            tf.realdiv(fa, fb),
            tf.truediv(a, b),
        ]
    )
    for v in r:
        print(v.dtype, [repr(t) for t in v.tolist()])
    print(
        tf.truediv(a, b).dtype,
        tf.div(fa, fb).op.type,
        (a // b).op.type,
        (fa // fb).op.type,
        (a % b).op.type,
        tf.div(a, b).op.type,
    )

# hashed buckets feeding a model
NB = 11
feats = tf.placeholder(tf.int64, [None, 3], name="feats")
buckets = tf.floormod(feats, NB)
buckets_t = tf.abs(tf.truncatemod(feats, NB))
emb = tf.get_variable("emb", [NB, 4], initializer=tf.random_normal_initializer(0.0, 0.3, seed=5))
w = tf.get_variable("w", [4, 1], initializer=tf.glorot_uniform_initializer(seed=6))
h = tf.reduce_sum(tf.nn.embedding_lookup(emb, buckets), 1) + 0.5 * tf.reduce_sum(
    tf.nn.embedding_lookup(emb, buckets_t), 1
)
pred = tf.squeeze(tf.matmul(h, w), 1)
y = tf.placeholder(tf.float32, [None])
loss = tf.reduce_mean(tf.square(pred - y))
train = tf.train.AdagradOptimizer(0.3).minimize(loss)
X = rs.randint(-(10**9), 10**9, size=(16, 3)).astype(np.int64)
Y = ((X[:, 0] % 5) - 2).astype(np.float32) / 2.0
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Mod" in o.type or "Div" in o.type)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(buckets, {feats: X[:4]}).tolist(), s.run(buckets_t, {feats: X[:4]}).tolist())
    for i in range(30):
        lv, _ = s.run([loss, train], {feats: X, y: Y})
        if i % 10 == 0:
            print(i, repr(float(lv)))
    print(H(s.run(emb)), repr(float(s.run(loss, {feats: X, y: Y}))))
    zi = tf.placeholder(tf.int32, [None])
    for name, t in [
        ("floordiv", tf.floordiv(a[:3], zi)),
        ("floormod", tf.floormod(a[:3], zi)),
        ("truncatemod", tf.truncatemod(a[:3], zi)),
        ("trdiv", tf.truncatediv(a[:3], zi)),
    ]:
        try:
            print(name, s.run(t, {zi: [1, 0, 2]}).tolist())
        except tf.errors.OpError as e:
            print(name, type(e).__name__, e.message.splitlines()[0])
    try:
        print(s.run(tf.pow(a[:4], tf.constant([2, -1, 0, 3]))).tolist())
    except tf.errors.OpError as e:
        print("pow", type(e).__name__, e.message.splitlines()[0])
    print(
        s.run(
            tf.pow(tf.constant([2, -3, 1, -1], tf.int64), tf.constant([3, 3, 7, 5], tf.int64))
        ).tolist()
    )
    print(s.run(tf.pow(tf.constant([3, 7], tf.int32), tf.constant([21, 12], tf.int32))).tolist())
