"""Gated PixelCNN (van den Oord et al. 2016) as TF1 repos write it: a vertical stack (kernel
masked below its centre row, the output shifted down with tf.pad + slice) and a horizontal
stack (1xk kernel masked as type A then B by constant masks times the kernel), the
vertical-to-horizontal 1x1 link, gated tanh*sigmoid units from tf.split, a one-hot class
conditioning added through tf.layers.dense biases, residual 1x1 convs, a 4-level
softmax with sparse_softmax_cross_entropy_with_logits, RMSProp with seeded initializers,
then autoregressive sampling pixel by pixel with tf.multinomial (op seed)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4621)
rs = np.random.RandomState(4622)
N, S, K, C, NC, L = 3, 5, 3, 6, 2, 3
imgs = rs.randint(0, 4, size=(N, S, S)).astype(np.int32)
labels = np.array([0, 1, 1], np.int32)


def get_w(name, shape):
    init = tf.contrib.layers.xavier_initializer(seed=len(name) + 3)
    return tf.get_variable(name, shape, initializer=init)


def hmask(k, cin, cout, kind):
    m = np.ones((1, k, cin, cout), np.float32)
    m[0, k // 2 + (1 if kind == "b" else 0):, :, :] = 0.0
    return m


def gated(x, cond, name):
    a, b = tf.split(x, 2, axis=3)
    ca = tf.layers.dense(cond, a.shape[-1].value, use_bias=False, name=name + "_ca",
                         kernel_initializer=tf.random_normal_initializer(0, 0.1, seed=9))
    cb = tf.layers.dense(cond, b.shape[-1].value, use_bias=False, name=name + "_cb",
                         kernel_initializer=tf.random_normal_initializer(0, 0.1, seed=10))
    return tf.tanh(a + ca[:, None, None, :]) * tf.sigmoid(b + cb[:, None, None, :])


def layer(v, h, cond, i, kind):
    cin = v.shape[-1].value
    with tf.variable_scope("layer%d" % i):
        # vertical: (k//2+1) x k kernel over rows above and the current one, then shift down
        wv = get_w("wv", [K // 2 + 1, K, cin, 2 * C])
        vp = tf.pad(v, [[0, 0], [K // 2, 0], [K // 2, K // 2], [0, 0]])
        vconv = tf.nn.conv2d(vp, wv, [1, 1, 1, 1], "VALID")
        vshift = tf.pad(vconv, [[0, 0], [1, 0], [0, 0], [0, 0]])[:, :-1]
        # horizontal: 1 x k masked kernel
        wh = get_w("wh", [1, K, cin, 2 * C]) * tf.constant(hmask(K, cin, 2 * C, kind))
        hconv = tf.nn.conv2d(h, wh, [1, 1, 1, 1], "SAME")
        link = tf.nn.conv2d(vshift, get_w("wl", [1, 1, 2 * C, 2 * C]), [1, 1, 1, 1], "SAME")
        v_out = gated(vconv, cond, "v")
        h_g = gated(hconv + link, cond, "h")
        h_out = tf.nn.conv2d(h_g, get_w("wr", [1, 1, C, C]), [1, 1, 1, 1], "SAME")
        if kind == "b":
            h_out = h_out + h
        return v_out, h_out


x = tf.placeholder(tf.int32, [None, S, S])
y = tf.placeholder(tf.int32, [None])
cond = tf.one_hot(y, NC)
xf = tf.expand_dims(tf.cast(x, tf.float32) / 3.0 - 0.5, -1)
v, h = xf, xf
for i in range(L):
    v, h = layer(v, h, cond, i, "a" if i == 0 else "b")
hid = tf.nn.relu(tf.layers.conv2d(tf.nn.relu(h), 8, 1, name="out1",
                                  kernel_initializer=tf.glorot_normal_initializer(seed=5)))
logits = tf.layers.conv2d(hid, 4, 1, name="out2",
                          kernel_initializer=tf.glorot_normal_initializer(seed=6))
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=x, logits=logits))
gstep = tf.train.get_or_create_global_step()
opt = tf.train.RMSPropOptimizer(0.005, decay=0.95, momentum=0.5, centered=True)
train = opt.minimize(loss, gstep)
draw = tf.reshape(tf.multinomial(tf.reshape(logits, [-1, 4]), 1, seed=17), [-1, S, S])
print("ops", len(tf.get_default_graph().get_operations()), logits.shape, draw.dtype.name)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: imgs, y: labels}
    for step in range(5):
        lo, _ = s.run([loss, train], fd)
        print("step", step, repr(float(lo)))
    print("gstep", s.run(gstep), "logits", H(s.run(logits, fd)))
    cur = np.zeros((2, S, S), np.int32)
    for r in range(S):
        for c in range(S):
            d = s.run(draw, {x: cur, y: [0, 1]})
            cur[:, r, c] = d[:, r, c]
    print("sample", cur.ravel().tolist())
    print("vars", sorted(v.op.name for v in tf.trainable_variables())[:6],
          len(tf.global_variables()))
