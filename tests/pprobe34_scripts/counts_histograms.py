"""Class-balanced weights and token statistics from counting ops: tf.math.bincount with
weights (float32 / float64 / int32; with maxlength TF's weighted path raises), minlength,
maxlength, dtype, empty and 2-D inputs, a negative input's error; tf.unique_with_counts
(int64 out_idx, strings, floats with -0.0 and NaN), tf.unique; tf.histogram_fixed_width
with values outside the range, int32 / int64 dtype and an int value_range,
histogram_fixed_width_bins (a NaN or inf into histogram_fixed_width crashes TF 1.14, so
none is fed); the weights scaling a softmax loss trained by Adam; op counts and values."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(a):
    return [repr(float(t)) for t in np.asarray(a).ravel()]


tf.set_random_seed(344)
rs = np.random.RandomState(344)
s = tf.Session()
ids = tf.constant([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], tf.int32)
w = tf.constant(rs.rand(11).astype(np.float32))
print(
    s.run(
        [
            tf.math.bincount(ids),
            tf.math.bincount(ids, minlength=12),
            tf.math.bincount(ids, maxlength=4),
            tf.math.bincount(ids, minlength=3, maxlength=3),
            tf.math.bincount(ids, dtype=tf.int64),
            tf.bincount(tf.reshape(ids[:10], [2, 5])),
        ]
    )
)
print(
    R(s.run(tf.math.bincount(ids, weights=w))),
    R(s.run(tf.math.bincount(ids, weights=tf.cast(w, tf.float64), minlength=12))),
    s.run(tf.math.bincount(ids, weights=tf.constant(list(range(11))))).tolist(),
)
try:  # with weights TF 1.14 sums by UnsortedSegmentSum, which maxlength does not clip
    print(s.run(tf.math.bincount(ids, weights=w, maxlength=5)))
except tf.errors.OpError as e:
    print(type(e).__name__, e.message.splitlines()[0])
print(
    s.run(
        [
            tf.math.bincount(tf.constant([], tf.int32)),
            tf.math.bincount(tf.constant([], tf.int32), minlength=2),
            tf.math.bincount(tf.constant([0, 0], tf.int32), maxlength=0),
        ]
    )
)
ph = tf.placeholder(tf.int32, [None])
try:
    print(s.run(tf.math.bincount(ph), {ph: [1, -2, 3]}))
except tf.errors.OpError as e:
    print(type(e).__name__, e.message.splitlines()[0])
print([o.type for o in tf.get_default_graph().get_operations() if o.name.startswith("bincount_1/")])

y, idx, cnt = tf.unique_with_counts(
    tf.constant([7, -1, 7, 0, -1, 7, 42], tf.int64), out_idx=tf.int64
)
print(s.run([y, idx, cnt]), idx.dtype, cnt.dtype)
us = tf.unique_with_counts(tf.constant(["b", "a", "b", "", "a", "b"]))
print(s.run(us))
uf = tf.unique_with_counts(tf.constant([0.0, -0.0, 1.5, float("nan"), 1.5, float("nan")]))
r = s.run(uf)
print(R(r[0]), r[1].tolist(), r[2].tolist(), s.run(tf.unique(tf.constant([3, 3, 1, 2, 1]))))

v = tf.constant(
    [
        -1.0,
        0.0,
        0.1,
        0.499,
        0.5,
        0.99999,
        1.0,
        1.5,
        float("nan"),
        float("inf"),
        -float("inf"),
        0.75,
    ],
    tf.float32,
)
print(
    s.run(
        [
            tf.histogram_fixed_width(v[:8], [0.0, 1.0], nbins=4),
            tf.histogram_fixed_width(v[:8], [0.0, 1.0], nbins=3, dtype=tf.int64),
            tf.histogram_fixed_width(tf.constant([1, 5, 9, -3, 12, 10]), [0, 10], nbins=5),
            tf.histogram_fixed_width_bins(v[:8], [0.0, 1.0], nbins=4),
            tf.histogram_fixed_width(v[11:], [0.0, 1.0], nbins=2),
        ]
    )
)
print(
    s.run(
        tf.histogram_fixed_width(
            tf.cast(v[:8], tf.float64), tf.constant([-0.5, 0.5], tf.float64), 6
        )
    ),
    [o.type for o in tf.get_default_graph().get_operations() if "histogram" in o.name.lower()][-6:],
)

# class-balanced softmax regression
N, C = 40, 4
X = rs.randn(N, 3).astype(np.float32)
Y = np.minimum((rs.rand(N) ** 2 * C).astype(np.int32), C - 1)
xp = tf.placeholder(tf.float32, [None, 3])
yp = tf.placeholder(tf.int32, [None])
counts = tf.math.bincount(yp, minlength=C, maxlength=C, dtype=tf.float32)
cw = tf.reduce_sum(counts) / (C * tf.maximum(counts, 1.0))
Wv = tf.get_variable("W", [3, C], initializer=tf.glorot_uniform_initializer(seed=8))
logits = tf.matmul(xp, Wv)
ce = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yp, logits=logits)
loss = tf.reduce_mean(ce * tf.gather(cw, yp))
train = tf.train.AdamOptimizer(0.1).minimize(loss)
pred_hist = tf.math.bincount(tf.cast(tf.argmax(logits, 1), tf.int32), minlength=C)
_, _, pc = tf.unique_with_counts(tf.cast(tf.argmax(logits, 1), tf.int32))
ops = tf.get_default_graph().get_operations()
print(
    len(ops),
    sorted(
        set(
            o.type
            for o in ops
            if o.type in ("Bincount", "UniqueWithCounts", "Unique", "HistogramFixedWidth")
        )
    ),
)
s.run(tf.global_variables_initializer())
fd = {xp: X, yp: Y}
print(R(s.run(cw, fd)), s.run(counts, fd).tolist())
for i in range(15):
    lv, _ = s.run([loss, train], fd)
    if i % 5 == 0:
        print(i, repr(float(lv)), s.run(pred_hist, fd).tolist())
print(R(s.run(Wv)), s.run(pc, fd).tolist())
