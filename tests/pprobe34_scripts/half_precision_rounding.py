"""A small MLP whose forward pass runs in float16 and bfloat16: float32 master weights cast
down each step (bfloat16's round-to-nearest-even of the float32 bits, float16's overflow to
inf and subnormals), the loss cast back up and trained by Momentum with a static loss
scale; float16 / bfloat16 casts of ties, NaN and huge values; tf.round and tf.rint's
half-to-even on float16 / float32 / float64 and integer casts after them; op counts and
values (bfloat16 results bitcast or cast to float32 before printing)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(342)
rs = np.random.RandomState(342)
s = tf.Session()
v = np.array(
    [
        0.5,
        1.5,
        2.5,
        -0.5,
        -1.5,
        -2.5,
        3.5,
        0.49999997,
        -0.49999997,
        1e-8,
        65504.0,
        65520.0,
        70000.0,
        1.0000001,
        3.0e38,
        1e-45,
        -1e-40,
        float("nan"),
        float("inf"),
    ],
    np.float32,
)
c = tf.constant(v)
h = tf.cast(c, tf.float16)
bf = tf.cast(c, tf.bfloat16)
print([repr(t) for t in s.run(h).tolist()])
print(s.run(tf.bitcast(bf, tf.int16)).tolist())
print([repr(t) for t in s.run(tf.cast(bf, tf.float32)).tolist()])
print([repr(t) for t in s.run(tf.cast(h, tf.float32)).tolist()])
ties = tf.constant(
    np.array(
        [1.0 + 2.0**-8, 1.0 + 3 * 2.0**-8, 1.0 + 2.0**-8 + 2.0**-20, 256.5, 257.5, -1.0 - 2.0**-8],
        np.float32,
    )
)
print(
    [repr(t) for t in s.run(tf.cast(tf.cast(ties, tf.bfloat16), tf.float32)).tolist()],
    [repr(t) for t in s.run(tf.cast(tf.cast(ties, tf.float16), tf.float32)).tolist()],
)
print(
    s.run(
        tf.bitcast(
            tf.cast(
                tf.constant([1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, 2049.0, 2051.0], tf.float64),
                tf.float16,
            ),
            tf.int16,
        )
    ).tolist()
)
for dt in [tf.float16, tf.float32, tf.float64]:
    x = tf.cast(c[:9], dt)
    print(
        dt.name,
        [repr(t) for t in s.run(tf.round(x)).tolist()],
        [repr(t) for t in s.run(tf.rint(x)).tolist()],
        s.run(tf.cast(tf.round(x), tf.int32)).tolist(),
        s.run(tf.cast(x, tf.int32)).tolist(),
    )
print(
    s.run(tf.round(tf.constant([-3, 4, 7], tf.int32))).tolist(),
    [
        repr(t)
        for t in s.run(tf.round(tf.cast(tf.constant([0.5, 2.5, -3.5, 1e-3]), tf.bfloat16) * 3))
        .astype(np.float32)
        .tolist()
    ],
)
h2 = tf.cast(tf.constant([60000.0, 1e-4, -3e-5]), tf.float16)
print(
    [
        repr(t)
        for t in s.run(
            [
                h2 + h2,
                h2 * h2,
                h2 / tf.constant(3.0, tf.float16),
                tf.exp(h2),
                tf.reduce_sum(h2),
                tf.reduce_mean(tf.cast(c[:8], tf.float16)),
            ]
        )[0:1][0].tolist()
    ],
    [
        repr(float(t))
        for t in s.run(
            [
                tf.reduce_sum(tf.cast(tf.fill([3000], 1.0), tf.float16)),
                tf.reduce_mean(tf.cast(c[:8], tf.float16)),
            ]
        )
    ],
)
print(
    s.run(
        tf.cast(
            tf.cast(tf.constant([1.5, -2.5, 300.0, -70000.0, float("nan")]), tf.float16), tf.int8
        )
    ).tolist(),
    s.run(
        tf.cast(tf.cast(tf.constant([1.5, -2.5, 300.0, -70000.0]), tf.bfloat16), tf.int32)
    ).tolist(),
    s.run(tf.cast(tf.constant([255, 256, 257, 2049, 65519, 65520], tf.int32), tf.float16)).tolist(),
    s.run(
        tf.bitcast(tf.cast(tf.constant([257, 16777217], tf.int32), tf.bfloat16), tf.int16)
    ).tolist(),
)

# an MLP trained with a float16 / bfloat16 forward pass
X = rs.randn(16, 5).astype(np.float32)
Y = (np.sin(X.sum(1, keepdims=True)) > 0).astype(np.float32)
xp = tf.placeholder(tf.float32, [None, 5])
yp = tf.placeholder(tf.float32, [None, 1])
w1 = tf.get_variable("w1", [5, 8], initializer=tf.glorot_normal_initializer(seed=3))
w2 = tf.get_variable("w2", [8, 1], initializer=tf.glorot_normal_initializer(seed=4))
b1 = tf.get_variable("b1", [8], initializer=tf.constant_initializer(0.1))
hh = tf.nn.relu(
    tf.matmul(tf.cast(xp, tf.float16), tf.cast(w1, tf.float16)) + tf.cast(b1, tf.float16)
)
logit16 = tf.matmul(hh, tf.cast(w2, tf.float16))
hb = tf.nn.relu(
    tf.cast(tf.cast(xp, tf.bfloat16), tf.float32) @ tf.cast(tf.cast(w1, tf.bfloat16), tf.float32)
    + b1
)
logitb = tf.matmul(hb, w2)
loss16 = tf.reduce_mean(
    tf.nn.sigmoid_cross_entropy_with_logits(labels=yp, logits=tf.cast(logit16, tf.float32))
)
lossb = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=yp, logits=logitb))
scale = 128.0
opt = tf.train.MomentumOptimizer(0.2, 0.9)
gv = opt.compute_gradients((loss16 + lossb) * scale, [w1, w2, b1])
train = opt.apply_gradients([(g / scale, v_) for g, v_ in gv])
ops = tf.get_default_graph().get_operations()
print(
    len(ops),
    sum(o.type == "Cast" for o in ops),
    sorted(set(o.get_attr("DstT").name for o in ops if o.type == "Cast")),
)
print([str(g.dtype) for g, _ in gv], [g.op.type for g, _ in gv])
s.run(tf.global_variables_initializer())
for i in range(25):
    a, b, _ = s.run([loss16, lossb, train], {xp: X, yp: Y})
    if i % 8 == 0:
        print(i, repr(float(a)), repr(float(b)))
print(H(s.run(w1)), H(s.run(w2)), H(s.run(logit16, {xp: X})), H(s.run(hb, {xp: X})))
