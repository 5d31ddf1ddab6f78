"""Discounted returns and stick-breaking weights by tf.cumsum / tf.cumprod in all four
exclusive / reverse combinations (float32, float64, int32 and int64 with wrap-around, along
axis 0, 1 and -1, an axis tensor), their gradients; tf.reduce_logsumexp over rows with
-inf, +inf, NaN and all -inf entries (keepdims, axis None / tuples) and its gradient, a
policy-gradient loss on those returns trained by RMSProp; op counts and values."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(a):
    return [repr(float(t)) for t in np.asarray(a).ravel()]


tf.set_random_seed(343)
rs = np.random.RandomState(343)
s = tf.Session()
x = tf.constant(rs.randn(3, 5).astype(np.float32))
for ex in (False, True):
    for rv in (False, True):
        print(
            ex,
            rv,
            R(s.run(tf.cumsum(x, axis=1, exclusive=ex, reverse=rv))),
            R(s.run(tf.cumprod(x, axis=0, exclusive=ex, reverse=rv))),
            R(s.run(tf.cumsum(tf.cast(x, tf.float64), axis=-1, exclusive=ex, reverse=rv))),
        )
gi = tf.constant([[2147483647, 1, 5], [3, -2147483648, -1]], tf.int32)
print(
    s.run(
        [
            tf.cumsum(gi, 1),
            tf.cumprod(gi, 1, exclusive=True, reverse=True),
            tf.cumsum(tf.cast(gi, tf.int64) * 4294967296, 0),
            tf.cumprod(tf.constant([65536, 65536, 3], tf.int32)),
            tf.cumsum(gi, tf.constant(0)),
        ]
    )
)
xv = tf.Variable(rs.uniform(-1, 1, (2, 4)).astype(np.float32))
cz = tf.cumprod(tf.concat([xv, tf.zeros([2, 1])], 1), axis=1, exclusive=True, reverse=True)
g = tf.gradients(
    [tf.reduce_sum(tf.cumsum(xv, 1, exclusive=True, reverse=True) ** 2), tf.reduce_sum(cz * 1.5)],
    xv,
)
gp = tf.gradients(tf.reduce_sum(tf.cumprod(xv, 1, exclusive=True)), xv)
s.run(tf.global_variables_initializer())
print(R(s.run(g)), R(s.run(gp)), R(s.run(cz)))

inf, nan = float("inf"), float("nan")
L = tf.constant(
    [
        [1.0, 2.0, -inf],
        [-inf, -inf, -inf],
        [inf, 1.0, 0.0],
        [inf, -inf, 3.0],
        [nan, 0.0, 1.0],
        [100.0, 100.0, -100.0],
        [1e-8, -1e-8, 0.0],
    ],
    tf.float32,
)
print(
    R(s.run(tf.reduce_logsumexp(L, axis=1))),
    R(s.run(tf.reduce_logsumexp(L, axis=0))),
    R(s.run(tf.reduce_logsumexp(L[:3], axis=[0, 1], keepdims=True))),
    R(s.run(tf.reduce_logsumexp(L[5:]))),
    R(s.run(tf.reduce_logsumexp(tf.cast(L, tf.float64), 1))),
)
Lv = tf.Variable(tf.constant([[1.0, 2.0, -inf], [-30.0, -20.0, -25.0]]))
lse = tf.reduce_logsumexp(Lv, axis=1)
s.run(Lv.initializer)
print(R(s.run(tf.gradients(tf.reduce_sum(lse), Lv)[0])), lse.op.type, lse.op.name)
print(
    sorted(
        set(
            o.type
            for o in tf.get_default_graph().get_operations()
            if o.name.startswith("ReduceLogSumExp")
        )
    )
)

# REINFORCE on discounted returns computed by cumsum over a reversed discount
T, A = 6, 3
rew = rs.rand(4, T).astype(np.float32)
obs = rs.randn(4, T, 2).astype(np.float32)
acts = rs.randint(0, A, (4, T))
o = tf.placeholder(tf.float32, [None, T, 2])
r = tf.placeholder(tf.float32, [None, T])
a = tf.placeholder(tf.int32, [None, T])
disc = tf.cumprod(tf.fill([T], 0.9), exclusive=True)
ret = tf.cumsum(r * disc, axis=1, reverse=True) / disc
W = tf.get_variable("W", [2, A], initializer=tf.random_normal_initializer(0.0, 0.5, seed=7))
logits = tf.tensordot(o, W, 1)
logp = logits - tf.reduce_logsumexp(logits, axis=-1, keepdims=True)
chosen = tf.reduce_sum(logp * tf.one_hot(a, A), -1)
adv = ret - tf.reduce_mean(ret, 0)
loss = -tf.reduce_mean(chosen * tf.stop_gradient(adv))
train = tf.train.RMSPropOptimizer(0.05, centered=True).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(
    len(ops),
    sorted(
        set(
            o.type
            for o in ops
            if o.type in ("Cumsum", "Cumprod", "Max", "IsFinite", "StopGradient", "Exp", "Log")
        )
    ),
)
s.run(tf.global_variables_initializer())
fd = {o: obs, r: rew, a: acts}
print(R(s.run(ret, fd)[0]), R(s.run(disc)))
for i in range(12):
    lv, _ = s.run([loss, train], fd)
    if i % 4 == 0:
        print(i, repr(float(lv)))
print(R(s.run(W)), H(s.run(logp, fd)))
