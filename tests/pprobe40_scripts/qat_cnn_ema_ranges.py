"""Quantization-aware training of a small CNN written the way tf.contrib.quantize's rewrite
lays it out, by hand: per-channel fake_quant_with_min_max_vars_per_channel on the conv
kernel (ranges from its min/max per output channel), fake_quant_with_min_max_vars on the
dense kernel, activations quantized with EMA-tracked min/max variables
(moving_averages.assign_moving_average, decay 0.9) and a quant_delay: before step 3 the
activation goes through unquantized (tf.cond on the global step); trained with Momentum.
Then the fake-quant gradient ops called directly on fed backprops; op counts, losses and
hashes of the trained variables."""

import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.python.training import moving_averages


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4001)
rs = np.random.RandomState(4002)
X = rs.rand(8, 6, 6, 2).astype(np.float32)
Y = (X[:, :3, :3, 0].mean((1, 2)) > X[:, 3:, 3:, 1].mean((1, 2))).astype(np.int64)

gs = tf.train.get_or_create_global_step()
x = tf.placeholder(tf.float32, [None, 6, 6, 2], name="x")
y = tf.placeholder(tf.int64, [None], name="y")


def act_quant(t, name, delay):
    with tf.variable_scope(name):
        amin = tf.get_variable(
            "min", [], initializer=tf.constant_initializer(-6.0), trainable=False
        )
        amax = tf.get_variable("max", [], initializer=tf.constant_initializer(6.0), trainable=False)
        bmin = tf.reduce_min(t)
        bmax = tf.reduce_max(t)
        umin = moving_averages.assign_moving_average(
            amin, tf.minimum(bmin, 0.0), 0.9, zero_debias=False
        )
        umax = moving_averages.assign_moving_average(
            amax, tf.maximum(bmax, 0.0), 0.9, zero_debias=False
        )
        q = tf.quantization.fake_quant_with_min_max_vars(
            t, umin, umax, num_bits=8, name="act_quant"
        )
        return tf.cond(gs >= delay, lambda: q, lambda: tf.identity(t), name="delayed")


k = tf.get_variable("conv/kernel", [3, 3, 2, 4], initializer=tf.glorot_uniform_initializer(seed=11))
b = tf.get_variable("conv/bias", [4], initializer=tf.zeros_initializer())
kmin = tf.reduce_min(k, axis=[0, 1, 2])
kmax = tf.reduce_max(k, axis=[0, 1, 2])
kq = tf.quantization.fake_quant_with_min_max_vars_per_channel(
    k, kmin, kmax, num_bits=8, narrow_range=True
)
h = tf.nn.relu6(tf.nn.bias_add(tf.nn.conv2d(x, kq, [1, 1, 1, 1], "SAME"), b))
h = act_quant(h, "conv_act", 3)
h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
f = tf.reshape(h, [-1, 36])
w = tf.get_variable("fc/kernel", [36, 2], initializer=tf.glorot_uniform_initializer(seed=12))
wq = tf.quantization.fake_quant_with_min_max_vars(w, tf.reduce_min(w), tf.reduce_max(w), num_bits=8)
logits = tf.matmul(f, wq)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
opt = tf.train.MomentumOptimizer(0.2, 0.9)
upd = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
train = opt.minimize(loss, global_step=gs)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))

ops = tf.get_default_graph().get_operations()
print("ops", len(ops))
print("types", sorted({o.type for o in ops if "Quant" in o.type}))
print("fq ops", [o.name for o in ops if o.type.startswith("FakeQuant")])

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: X, y: Y}
    for i in range(6):
        lv, av, _ = s.run([loss, acc, train], fd)
        print("step", i, repr(float(lv)), repr(float(av)))
    print("ranges", [repr(float(v)) for v in s.run(["conv_act/min:0", "conv_act/max:0"])])
    print("kernel", H(s.run(k)), H(s.run(kq)))
    print("fc", H(s.run(w)), H(s.run(wq)))
    print("gs", s.run(gs))

    g = rs.randn(4, 5).astype(np.float32)
    inp = (rs.randn(4, 5) * 2).astype(np.float32)
    ga = tf.quantization.fake_quant_with_min_max_args_gradient(
        g, inp, min=-1.5, max=2.0, num_bits=6
    )
    gv = tf.quantization.fake_quant_with_min_max_vars_gradient(
        g, inp, -1.0, 1.0, num_bits=5, narrow_range=True
    )
    gp = tf.quantization.fake_quant_with_min_max_vars_per_channel_gradient(
        g, inp, [-1.0, -0.5, 0.0, -2.0, -0.1], [1.0, 0.5, 2.0, 0.3, 0.1], num_bits=4
    )
    r = s.run([ga, list(gv), list(gp)])
    print("grad args", H(r[0]))
    print("grad vars", [H(t) for t in r[1]], [repr(float(t)) for t in np.ravel(r[1][1:])])
    print("grad pc", [H(t) for t in r[2]], r[2][1].tolist(), r[2][2].tolist())
