"""A Neural Turing Machine-style memory controller unrolled with tf.while_loop: content
addressing by cosine similarity with key strength, interpolation gate, circular
convolution shift via tf.concat/roll-by-gather, sharpening, erase/add writes to memory
carried as loop state, TensorArrays for reads; trained on a copy task with Momentum and
clip_by_global_norm: op counts, losses, final memory and weights."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1031)
rs = np.random.RandomState(1032)
B, T, D, Nm, Wm, Hc = 2, 5, 3, 6, 4, 8
X = tf.placeholder(tf.float32, [B, T, D])
init = tf.glorot_uniform_initializer(seed=1033)
ctrl = tf.nn.rnn_cell.LSTMCell(Hc, initializer=init)
head_w = tf.get_variable("head_w", [Hc + Wm, Wm + 1 + 1 + 3 + 1 + 2 * Wm], initializer=init)
out_w = tf.get_variable("out_w", [Hc + Wm, D], initializer=init)


def cosine(mem, key):
    mn = tf.nn.l2_normalize(mem, 2, epsilon=1e-8)
    kn = tf.nn.l2_normalize(key, 1, epsilon=1e-8)
    return tf.squeeze(tf.matmul(mn, tf.expand_dims(kn, 2)), 2)


def shift(w, s):
    rolled = tf.stack([tf.concat([w[:, -1:], w[:, :-1]], 1), w,
                       tf.concat([w[:, 1:], w[:, :1]], 1)], 2)
    return tf.reduce_sum(rolled * tf.expand_dims(s, 1), 2)


def body(t, state, mem, w_prev, r_prev, ta):
    inp = tf.concat([X[:, t], r_prev], 1)
    h, state = ctrl(inp, state)
    p = tf.matmul(tf.concat([h, r_prev], 1), head_w)
    key, beta, g, s, gamma, erase, add = tf.split(p, [Wm, 1, 1, 3, 1, Wm, Wm], 1)
    wc = tf.nn.softmax(tf.nn.softplus(beta) * cosine(mem, tf.tanh(key)))
    g = tf.sigmoid(g)
    wg = g * wc + (1 - g) * w_prev
    ws = shift(wg, tf.nn.softmax(s))
    wp = tf.pow(ws + 1e-6, 1 + tf.nn.softplus(gamma))
    w = wp / tf.reduce_sum(wp, 1, keepdims=True)
    we = tf.expand_dims(w, 2)
    mem = mem * (1 - we * tf.expand_dims(tf.sigmoid(erase), 1)) + \
        we * tf.expand_dims(tf.tanh(add), 1)
    r = tf.reduce_sum(we * mem, 1)
    y = tf.matmul(tf.concat([h, r], 1), out_w)
    return t + 1, state, mem, w, r, ta.write(t, y)


st0 = ctrl.zero_state(B, tf.float32)
mem0 = tf.fill([B, Nm, Wm], 1e-6)
w0 = tf.one_hot(tf.zeros([B], tf.int32), Nm)
_, stT, memT, wT, rT, taT = tf.while_loop(
    lambda t, *a: t < T, body,
    [tf.constant(0), st0, mem0, w0, tf.zeros([B, Wm]), tf.TensorArray(tf.float32, T)])
ys = tf.transpose(taT.stack(), [1, 0, 2])
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=X, logits=ys))
params = tf.trainable_variables()
grads, gn = tf.clip_by_global_norm(tf.gradients(loss, params), 5.0)
train = tf.train.MomentumOptimizer(0.1, 0.9).apply_gradients(zip(grads, params))
print(len(tf.get_default_graph().get_operations()))
x = (rs.rand(B, T, D) > 0.5).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        lv, g, _ = s.run([loss, gn, train], {X: x})
        print(i, repr(float(lv)), repr(float(g)))
    m, w = s.run([memT, wT], {X: x})
    print(H(m), w.tolist())
