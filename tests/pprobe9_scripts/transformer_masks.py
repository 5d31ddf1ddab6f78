"""A small Transformer encoder-decoder in the style of the Kyubyong/transformer TF1 code:
sinusoidal positional encodings, padding masks from tf.sign(tf.abs(x)), a causal mask
from tf.linalg.LinearOperatorLowerTriangular, multi-head attention with split/concat heads,
layer_norm, label smoothing via tf.losses.softmax_cross_entropy(label_smoothing) and by hand,
Noam learning-rate schedule: op counts, losses, prediction ids."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(961)
rs = np.random.RandomState(962)
V, D, NH, T = 10, 8, 2, 6
init = tf.glorot_uniform_initializer(seed=963)


def pos_enc(T, D):
    pe = np.array([[p / np.power(10000, 2.0 * (i // 2) / D) for i in range(D)] for p in range(T)])
    pe[:, 0::2] = np.sin(pe[:, 0::2])
    pe[:, 1::2] = np.cos(pe[:, 1::2])
    return tf.convert_to_tensor(pe, tf.float32)


def mha(q, k, v, key_mask, causal, scope):
    with tf.variable_scope(scope):
        Q = tf.layers.dense(q, D, kernel_initializer=init, name="q")
        K_ = tf.layers.dense(k, D, kernel_initializer=init, name="k")
        V_ = tf.layers.dense(v, D, kernel_initializer=init, name="v")
        Q = tf.concat(tf.split(Q, NH, axis=2), axis=0)
        K_ = tf.concat(tf.split(K_, NH, axis=2), axis=0)
        V_ = tf.concat(tf.split(V_, NH, axis=2), axis=0)
        s = tf.matmul(Q, K_, transpose_b=True) / (D // NH) ** 0.5
        km = tf.tile(key_mask, [NH, 1])
        km = tf.tile(tf.expand_dims(km, 1), [1, tf.shape(q)[1], 1])
        s = tf.where(tf.equal(km, 0), tf.ones_like(s) * (-2 ** 32 + 1), s)
        if causal:
            tril = tf.linalg.LinearOperatorLowerTriangular(tf.ones_like(s[0, :, :])).to_dense()
            m = tf.tile(tf.expand_dims(tril, 0), [tf.shape(s)[0], 1, 1])
            s = tf.where(tf.equal(m, 0), tf.ones_like(s) * (-2 ** 32 + 1), s)
        a = tf.nn.softmax(s)
        o = tf.concat(tf.split(tf.matmul(a, V_), NH, axis=0), axis=2)
        return tf.contrib.layers.layer_norm(o + q)


def ff(x, scope):
    with tf.variable_scope(scope):
        h = tf.layers.dense(x, 2 * D, tf.nn.relu, kernel_initializer=init)
        h = tf.layers.dense(h, D, kernel_initializer=init)
        return tf.contrib.layers.layer_norm(h + x)


src = tf.placeholder(tf.int32, [None, T])
tgt = tf.placeholder(tf.int32, [None, T])
emb = tf.get_variable("emb", [V, D],
                      initializer=tf.random_normal_initializer(0, D ** -0.5, seed=964))
emb = tf.concat((tf.zeros([1, D]), emb[1:]), 0)
smask = tf.sign(tf.abs(src))
dec_in = tf.concat([tf.ones_like(tgt[:, :1]), tgt[:, :-1]], 1)
e = tf.nn.embedding_lookup(emb, src) * D ** 0.5 + pos_enc(T, D)
e = tf.layers.dropout(e, 0.1, training=True, seed=965)
e = ff(mha(e, e, e, smask, False, "enc_self"), "enc_ff")
d = tf.nn.embedding_lookup(emb, dec_in) * D ** 0.5 + pos_enc(T, D)
d = mha(d, d, d, tf.sign(tf.abs(dec_in)), True, "dec_self")
d = ff(mha(d, e, e, smask, False, "dec_src"), "dec_ff")
logits = tf.einsum("ntd,kd->ntk", d, emb)
preds = tf.to_int32(tf.argmax(logits, -1))
istarget = tf.to_float(tf.not_equal(tgt, 0))
eps = 0.1
y_ls = (1 - eps) * tf.one_hot(tgt, V) + eps / V
l1 = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_ls, logits=logits)
                   * istarget) / tf.reduce_sum(istarget)
l2 = tf.losses.softmax_cross_entropy(tf.one_hot(tgt, V), logits, weights=istarget,
                                     label_smoothing=eps)
gs = tf.train.get_or_create_global_step()
step = tf.cast(gs + 1, tf.float32)
lr = D ** -0.5 * tf.minimum(step ** -0.5, step * 4.0 ** -1.5)
train = tf.train.MomentumOptimizer(lr, 0.9).minimize(l1, global_step=gs)
print(len(tf.get_default_graph().get_operations()))
x = rs.randint(1, V, (4, T)).astype(np.int32)
x[0, 4:] = 0
x[2, 3:] = 0
y = x[:, ::-1].copy()
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        a, b, r, _ = s.run([l1, l2, lr, train], {src: x, tgt: y})
        print(i, repr(float(a)), repr(float(b)), repr(float(r)))
    print(s.run(preds, {src: x, tgt: y}).tolist())
    print(H(s.run(logits, {src: x, tgt: y})))
